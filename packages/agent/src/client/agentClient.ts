import { EventEmitter } from 'node:events';
import WebSocket from 'ws';
import { join } from 'node:path';
import {
  AGENT_PROTOCOL_VERSION,
  ServerMessageSchema,
  newId,
  type InstrumentStateSchema,
  type Sample,
  type ServerMessage,
} from '@fieldbook/shared';
import type { z } from 'zod';
import { helloMessage } from '../messages';
import { backoffDelay } from './backoff';
import type { AgentClientOptions, AgentClientStats } from './clientOptions';
import { CommandRunner, type CommandHandler } from './commandRunner';
import { DiskBuffer } from './diskBuffer';
import { Outbox, type EventBody, type OutboxEntry } from './outbox';
import { TelemetrySender } from './telemetrySender';

/** The subprotocol of the agent gateway. */
export const AGENT_SUBPROTOCOL = 'fieldbook.agent.v1';

type Events = {
  welcome: [ServerMessage & { type: 'server.welcome' }];
  ack: [ServerMessage & { type: 'telemetry.ack' }];
  /** The server stored these command and run messages. */
  eventAck: [string[]];
  serverError: [ServerMessage & { type: 'server.error' }];
  disconnect: [code: number];
};

/**
 * An instrument agent's connection to the server: store-and-forward through
 * the disk buffer, resume from the server's stored seq after every connect,
 * credit-limited sending, heartbeats, and reconnects with backoff + jitter.
 * Commands run once per commandId (`handleCommands`); command and run
 * messages wait in a disk outbox until the server acknowledges them. The
 * telemetry itself is sent by a TelemetrySender.
 */
export class AgentClient extends EventEmitter<Events> {
  readonly buffer: DiskBuffer;
  readonly outbox: Outbox;
  readonly commands: CommandRunner;
  readonly stats: AgentClientStats = {
    connects: 0,
    batchesSent: 0,
    samplesSent: 0,
    creditStalls: 0,
    lastError: null,
  };
  private ws: WebSocket | null = null;
  private ready = false;
  private stopped = true;
  private attempt = 0;
  private clockOffsetMs = 0;
  private readonly telemetry: TelemetrySender;
  private readonly startedAt = Date.now();
  private reconnectTimer: NodeJS.Timeout | null = null;
  private heartbeat: NodeJS.Timeout | null = null;

  constructor(private readonly o: AgentClientOptions) {
    super();
    this.buffer = new DiskBuffer(o.bufferDir, o.buffer);
    this.outbox = new Outbox(join(o.bufferDir, 'events'));
    this.telemetry = new TelemetrySender(this.buffer, this.stats, o.agentId);
    this.commands = new CommandRunner(join(o.bufferDir, 'events'), {
      outbox: this.outbox,
      report: (body) => this.report(body),
      progress: (commandId, percent, message) =>
        this.sendEnvelope({ type: 'command.progress', commandId, percent, message }),
      serverNow: () => Date.now() + this.clockOffsetMs,
    });
  }

  /** True between the server's welcome and the socket closing. */
  get connected(): boolean {
    return this.ready;
  }

  /** Starts connecting (and keeps reconnecting until `stop`). */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.connect();
  }

  /** Buffers samples to disk (numbering them) and sends what credits allow. */
  push(stream: string, samples: Sample[]): void {
    const max = this.o.maxBlock ?? 5000;
    for (let i = 0; i < samples.length; i += max)
      this.buffer.append(stream, samples.slice(i, i + max));
    this.pump();
  }

  /** Reports an instrument's state now (status is not buffered: only the current state matters). */
  sendStatus(
    instrumentId: string,
    state: z.infer<typeof InstrumentStateSchema>,
    alarms: { id: string; severity: 'warning' | 'critical'; message: string }[] = [],
  ): boolean {
    return this.sendEnvelope({ type: 'status.update', instrumentId, state, alarms });
  }

  /** Lets `handler` carry out the commands the server sends to `instrumentId`. */
  handleCommands(instrumentId: string, handler: CommandHandler): void {
    this.commands.handle(instrumentId, handler);
  }

  /** Reports a run or command message: kept on disk until the server has stored it, sent when connected. */
  report(body: EventBody): OutboxEntry {
    const entry = this.outbox.add(body);
    if (this.ready) this.sendOutboxEntry(entry);
    return entry;
  }

  /** The server's clock as this agent sees it (local time corrected by the offset seen at welcome). */
  serverNow(): number {
    return Date.now() + this.clockOffsetMs;
  }

  /** Resolves once the server has stored every sample of `stream` pushed so far. */
  async drained(stream: string): Promise<void> {
    while (this.buffer.pending(stream).length > 0) await new Promise((r) => this.once('ack', r));
  }

  /** Stops reconnecting, closes the socket and the buffer's files. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    const ws = this.ws;
    if (ws && ws.readyState !== WebSocket.CLOSED) {
      await new Promise<void>((resolve) => {
        ws.once('close', () => resolve());
        ws.close(1000, 'agent stopping');
      });
    }
    this.buffer.close();
  }

  private connect(): void {
    const ws = new WebSocket(this.o.url, [AGENT_SUBPROTOCOL], {
      headers: { Authorization: `Bearer ${this.o.key}` },
      perMessageDeflate: false,
    });
    this.ws = ws;
    ws.on('open', () => {
      this.stats.connects++;
      const epoch = this.buffer.nextEpoch();
      ws.send(
        JSON.stringify(
          helloMessage(
            { agentId: this.o.agentId, sessionEpoch: epoch },
            this.o.manifest,
            this.buffer.heldSeq(),
          ),
        ),
      );
    });
    ws.on('message', (data: Buffer) => this.onMessage(data));
    ws.on('error', () => {});
    ws.on('close', (code: number) => {
      this.ready = false;
      this.ws = null;
      if (this.heartbeat) clearInterval(this.heartbeat);
      this.emit('disconnect', code);
      if (this.stopped) return;
      const delay = backoffDelay(
        this.attempt++,
        this.o.backoffInitialMs ?? 500,
        this.o.backoffMaxMs ?? 30_000,
      );
      this.reconnectTimer = setTimeout(() => this.connect(), delay);
    });
  }

  private onMessage(data: Buffer): void {
    let raw: unknown;
    try {
      raw = JSON.parse(data.toString('utf8'));
    } catch {
      raw = null;
    }
    const parsed = ServerMessageSchema.safeParse(raw);
    if (!parsed.success) {
      this.stats.lastError = {
        code: 'PROTOCOL_ERROR',
        message: 'The server sent a message this agent cannot read',
      };
      return;
    }
    const m = parsed.data;
    if (m.type === 'server.welcome') {
      this.attempt = 0;
      this.clockOffsetMs = m.serverTime - Date.now();
      this.telemetry.welcome(m);
      this.ready = true;
      this.startHeartbeat();
      this.emit('welcome', m);
      for (const entry of this.outbox.pending()) this.sendOutboxEntry(entry);
      this.pump();
    } else if (m.type === 'telemetry.ack') {
      this.telemetry.acked(m);
      this.emit('ack', m);
      this.pump();
    } else if (m.type === 'command.request') {
      this.commands.request(m);
    } else if (m.type === 'command.cancel') {
      this.commands.cancel(m);
    } else if (m.type === 'event.ack') {
      this.outbox.ack(m.msgIds);
      this.emit('eventAck', m.msgIds);
    } else if (m.type === 'server.error') {
      this.stats.lastError = { code: m.code, message: m.message };
      this.emit('serverError', m);
    }
  }

  private startHeartbeat(): void {
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = setInterval(() => {
      this.sendEnvelope({
        type: 'agent.heartbeat',
        uptimeMs: Date.now() - this.startedAt,
        bufferDepth: this.buffer.depth(),
        clockOffsetMs: this.clockOffsetMs,
      });
    }, this.o.heartbeatMs ?? 5000);
    this.heartbeat.unref();
  }

  private sendEnvelope(body: Record<string, unknown>, msgId = newId()): boolean {
    if (!this.ready || !this.ws) return false;
    this.ws.send(
      JSON.stringify({
        v: AGENT_PROTOCOL_VERSION,
        agentId: this.o.agentId,
        sessionEpoch: this.buffer.sessionEpoch,
        msgId,
        sentAt: Date.now(),
        ...body,
      }),
    );
    return true;
  }

  private sendOutboxEntry(entry: OutboxEntry): void {
    this.sendEnvelope(entry.body, entry.msgId);
  }

  /** Sends buffered telemetry while credits last (connected only). */
  private pump(): void {
    if (!this.ready || !this.ws) return;
    const ws = this.ws;
    this.telemetry.pump((frame) => ws.send(frame));
  }
}
