import type { LiveServerMessage } from '@fieldbook/shared';

/** A live-feed message about an instrument, its commands or runs, and the workspace it belongs to. */
export interface InstrumentEvent {
  tenantId: string;
  /** Null: a tenant-wide instrument (its viewers are every workspace's). */
  workspaceId: string | null;
  message: Extract<LiveServerMessage, { type: 'instrument' | 'command' | 'run' }>;
}

type Listener = (event: InstrumentEvent) => void;

/**
 * In-process fan-out of instrument status, command and run changes to live
 * viewers, per tenant. Publishers call after the change is stored. A failing
 * listener is isolated from the others and from the publisher.
 */
export class InstrumentEvents {
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly following = new Map<string, () => void>();

  /**
   * `follow(tenantId)` starts feeding a tenant's events from elsewhere (the
   * telemetry bus's status changes) while anyone listens; it returns how to stop.
   */
  constructor(
    private readonly options: {
      onListenerError?: (error: unknown) => void;
      follow?: (tenantId: string) => () => void;
    } = {},
  ) {}

  /** Calls `listener` with every event of `tenantId` from now on; returns the unsubscribe function. */
  subscribe(tenantId: string, listener: Listener): () => void {
    let set = this.listeners.get(tenantId);
    if (!set) {
      this.listeners.set(tenantId, (set = new Set()));
      const stop = this.options.follow?.(tenantId);
      if (stop) this.following.set(tenantId, stop);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size > 0 || this.listeners.get(tenantId) !== set) return;
      this.listeners.delete(tenantId);
      this.following.get(tenantId)?.();
      this.following.delete(tenantId);
    };
  }

  publish(event: InstrumentEvent): void {
    for (const listener of [...(this.listeners.get(event.tenantId) ?? [])]) {
      try {
        listener(event);
      } catch (error) {
        this.options.onListenerError?.(error);
      }
    }
  }
}
