import type { Socket } from 'node:net';
import WebSocket from 'ws';
import { AGENT_PROTOCOL_VERSION, newId, type Manifest, type Sample } from '@fieldbook/shared';
import { AGENT_SUBPROTOCOL } from '../agentAuth';

type Msg = Record<string, unknown> & { type: string };

/** A hand-driven agent socket for protocol tests: send any text, read server messages in order. */
export class RawAgent {
  readonly received: Msg[] = [];
  closeCode: number | null = null;
  private waiters: (() => void)[] = [];

  private constructor(
    readonly ws: WebSocket,
    readonly agentId: string,
    public sessionEpoch: number,
  ) {
    ws.on('message', (d: Buffer) => {
      this.received.push(JSON.parse(d.toString()) as Msg);
      this.wake();
    });
    ws.on('close', (code: number) => {
      this.closeCode = code;
      this.wake();
    });
  }

  /** Connects with the key in the Authorization header (or as a `bearer.` subprotocol). */
  static async connect(
    url: string,
    key: string,
    agentId = 'agent-1',
    epoch = 1,
    viaSubprotocol = false,
  ) {
    const ws = viaSubprotocol
      ? new WebSocket(url, [AGENT_SUBPROTOCOL, `bearer.${key}`])
      : new WebSocket(url, [AGENT_SUBPROTOCOL], { headers: { Authorization: `Bearer ${key}` } });
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return new RawAgent(ws, agentId, epoch);
  }

  envelope(type: string): Msg {
    return {
      v: AGENT_PROTOCOL_VERSION,
      type,
      agentId: this.agentId,
      sessionEpoch: this.sessionEpoch,
      msgId: newId(),
      sentAt: Date.now(),
    };
  }

  send(message: unknown): void {
    this.ws.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  /** Sends several messages in one TCP write, so the server receives them before it can answer any. */
  sendTogether(messages: unknown[]): void {
    const socket = (this.ws as unknown as { _socket: Socket })._socket;
    socket.cork();
    for (const m of messages) this.send(m);
    socket.uncork();
  }

  batchMessage(stream: string, firstSeq: number, samples: Sample[], overflow = 0): Msg {
    return {
      ...this.envelope('telemetry.batch'),
      stream,
      firstSeq,
      lastSeq: firstSeq + samples.length - 1,
      samples,
      historical: false,
      overflow,
    };
  }

  hello(manifest: Manifest, heldSeq: Record<string, number> = {}): void {
    this.send({ ...this.envelope('agent.hello'), agentVersion: 'test', heldSeq, manifest });
  }

  batch(stream: string, firstSeq: number, samples: Sample[], overflow = 0): void {
    this.send(this.batchMessage(stream, firstSeq, samples, overflow));
  }

  /** The next server message of `type` not yet taken (waits up to 5 s). */
  async next(type: string): Promise<Msg> {
    const deadline = Date.now() + 5000;
    for (;;) {
      const i = this.received.findIndex((m) => m.type === type);
      if (i >= 0) return this.received.splice(i, 1)[0]!;
      if (this.closeCode !== null && !this.received.some((m) => m.type === type))
        throw new Error(`closed (${this.closeCode}) before ${type}`);
      if (Date.now() > deadline) throw new Error(`no ${type} within 5 s`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 100);
      });
    }
  }

  /** Resolves with the close code. */
  async closed(): Promise<number> {
    while (this.closeCode === null)
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    return this.closeCode;
  }

  private wake(): void {
    for (const w of this.waiters.splice(0)) w();
  }
}
