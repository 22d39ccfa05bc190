import { LiveServerMessageSchema, type LiveServerMessage } from '@fieldbook/shared';
import type { InstrumentSource } from './instrumentApi';

/** A change the live feed announces: an instrument's status, a command, a run. */
export type InstrumentFeedEvent = Extract<
  LiveServerMessage,
  { type: 'instrument' | 'command' | 'run' }
>;

/**
 * The instrument side of the workspace's live feed (`/telemetry/:ws/live`):
 * status, command and run changes, which the server sends every viewer
 * unasked. Reconnects until closed; `onReady` runs on every (re)connection,
 * so the caller reloads what it may have missed meanwhile.
 */
export class InstrumentFeed {
  private ws: WebSocket | null = null;
  private closed = false;
  private retry: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly source: InstrumentSource,
    private readonly handlers: {
      onEvent(event: InstrumentFeedEvent): void;
      onReady(): void;
      onDown(): void;
    },
  ) {
    this.connect();
  }

  private connect(): void {
    if (this.closed) return;
    const base = this.source.serverUrl.replace(/^http/, 'ws');
    const ws = new WebSocket(`${base}/telemetry/${this.source.workspaceId}/live`, [
      'fieldbook.v1',
      `bearer.${this.source.accessToken()}`,
    ]);
    this.ws = ws;
    ws.onmessage = (e) => {
      let data: unknown;
      try {
        data = JSON.parse(String(e.data));
      } catch {
        return;
      }
      const parsed = LiveServerMessageSchema.safeParse(data);
      if (!parsed.success) return;
      const msg = parsed.data;
      if (msg.type === 'ready') this.handlers.onReady();
      else if (msg.type === 'instrument' || msg.type === 'command' || msg.type === 'run')
        this.handlers.onEvent(msg);
    };
    ws.onclose = () => {
      if (this.ws !== ws || this.closed) return;
      this.handlers.onDown();
      this.retry = setTimeout(() => this.connect(), 2000);
    };
  }

  /** Stops listening for good. */
  close(): void {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    this.ws?.close();
  }
}
