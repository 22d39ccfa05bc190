import type { WebSocket } from 'ws';
import {
  AGENT_PROTOCOL_VERSION,
  AgentMessageSchema,
  FieldbookError,
  isFieldbookError,
  newId,
  type AgentMessage,
  type ChannelSpec,
  type ServerMessage,
} from '@fieldbook/shared';
import type { AgentSession } from '../instruments/agentLink';
import type { AgentPrincipal } from './agentAuth';
import { decodeBatch } from './batchDecoder';
import { CLOSE, type ConnectionContext } from './connectionContext';
import { batchLength, storeBatch } from './telemetryIngest';

/**
 * One agent's socket: awaiting-hello → ready → closed. Messages are handled
 * strictly in arrival order. A malformed message gets a `server.error` and
 * closes this socket only; a well-formed message the server cannot act on
 * (unknown instrument) gets a `server.error` and the session goes on.
 */
export class AgentConnection {
  state: 'awaiting-hello' | 'ready' | 'closed' = 'awaiting-hello';
  /** Silent for a while: its instruments show STALE until it speaks again. */
  stale = false;
  agentId = '';
  sessionEpoch = -1;
  lastMessageAt: number;
  /** Samples the agent may have sent and not had acknowledged (the window granted at welcome). */
  credits = 0;
  /** Most unacknowledged samples ever seen at once (tests check credits hold). */
  peakOutstanding = 0;
  private unacked = 0;
  private channels = new Map<string, ChannelSpec>();
  private queue: Promise<void> = Promise.resolve();
  private readonly helloTimer: NodeJS.Timeout;

  constructor(
    readonly ws: WebSocket,
    readonly principal: AgentPrincipal,
    private readonly ctx: ConnectionContext,
  ) {
    this.lastMessageAt = ctx.now();
    this.helloTimer = setTimeout(
      () =>
        this.fail(
          'VALIDATION_ERROR',
          'No agent.hello within the time allowed',
          undefined,
          CLOSE.policy,
        ),
      ctx.limits.helloTimeoutMs,
    );
    this.helloTimer.unref();
  }

  get key(): string {
    return `${this.principal.tenantId}\u0000${this.agentId}`;
  }

  /** The session as the instrument services see it (tenant and workspace from the key). */
  get session(): AgentSession {
    const { tenantId, keyId, workspaceId } = this.principal;
    return { tenantId, agentId: this.agentId, keyId, workspaceId };
  }

  /**
   * Takes one WebSocket message: parses it at once (so a batch's size counts
   * against the agent's credits the moment it arrives, however long the
   * queue) and queues it for handling.
   */
  receive(data: Buffer): void {
    this.lastMessageAt = this.ctx.now();
    if (this.state === 'closed') return;
    if (this.stale) {
      this.stale = false;
      this.ctx.fresh(this);
    }
    const limit = this.ctx.limits.maxMessageBytes;
    if (data.byteLength > limit) {
      this.fail(
        'PAYLOAD_TOO_LARGE',
        `Message of ${data.byteLength} bytes exceeds the limit of ${limit}`,
        undefined,
        CLOSE.tooBig,
      );
      return;
    }
    let raw: unknown;
    try {
      raw = JSON.parse(data.toString('utf8'));
    } catch {
      return this.fail('VALIDATION_ERROR', 'Message is not JSON', undefined, CLOSE.invalid);
    }
    const n = batchLength(raw);
    if (this.state === 'ready' && this.unacked + n > this.credits) {
      const msgId = (raw as { msgId?: unknown }).msgId;
      return this.fail(
        'RATE_LIMIT_EXCEEDED',
        `Batch of ${n} samples exceeds the ${this.credits - this.unacked} credits left; wait for acks`,
        typeof msgId === 'string' ? msgId : undefined,
        CLOSE.policy,
      );
    }
    this.unacked += n;
    this.peakOutstanding = Math.max(this.peakOutstanding, this.unacked);
    this.queue = this.queue.then(() => (this.state === 'closed' ? undefined : this.handle(raw)));
  }

  /** Marks the socket gone; the gateway calls this on close. */
  closed(): void {
    clearTimeout(this.helloTimer);
    this.state = 'closed';
  }

  /** Sends a `server.error` and, with a close code, closes this socket. */
  fail(code: string, message: string, inReplyTo?: string, closeCode?: number): void {
    this.ctx.metrics.errors.inc({ code });
    this.send({
      type: 'server.error',
      code,
      message: message.slice(0, 1000),
      ...(inReplyTo ? { inReplyTo: inReplyTo.slice(0, 100) } : {}),
    });
    if (closeCode !== undefined && this.state !== 'closed') {
      this.closed();
      this.ws.close(closeCode, message.slice(0, 120));
    }
  }

  /** Sends a server message with its envelope. */
  send(body: Record<string, unknown> & { type: ServerMessage['type'] }): void {
    if (this.ws.readyState !== this.ws.OPEN) return;
    this.ws.send(
      JSON.stringify({
        v: AGENT_PROTOCOL_VERSION,
        msgId: newId(),
        sentAt: this.ctx.now(),
        ...body,
      }),
    );
  }

  private async handle(raw: unknown): Promise<void> {
    const msgId =
      typeof (raw as { msgId?: unknown })?.msgId === 'string'
        ? (raw as { msgId: string }).msgId
        : undefined;
    try {
      if ((raw as { type?: unknown })?.type === 'telemetry.batch')
        return await this.onBatch(raw, msgId);
      const parsed = AgentMessageSchema.safeParse(raw);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        return this.fail(
          'VALIDATION_ERROR',
          `${issue.path.join('.') || 'message'}: ${issue.message}`,
          msgId,
          CLOSE.invalid,
        );
      }
      await this.onMessage(parsed.data);
    } catch (error) {
      if (isFieldbookError(error) && error.code === 'VALIDATION_ERROR')
        return this.fail(error.code, error.message, msgId, CLOSE.invalid);
      if (isFieldbookError(error) && error.code !== 'INTERNAL_ERROR')
        return this.fail(error.code, error.message, msgId, CLOSE.policy);
      this.ctx.log.error({ err: error, agentId: this.agentId }, 'agent message failed');
      this.fail('INTERNAL_ERROR', 'The server could not handle this message', msgId, 1011);
    }
  }

  private checkSession(m: { agentId: string; sessionEpoch: number }): void {
    if (this.state !== 'ready') throw new FieldbookError('CONFLICT', 'agent.hello must come first');
    if (m.agentId !== this.agentId || m.sessionEpoch !== this.sessionEpoch)
      throw new FieldbookError(
        'CONFLICT',
        'agentId and sessionEpoch must match the hello of this session',
      );
  }

  private async onMessage(m: AgentMessage): Promise<void> {
    if (m.type === 'agent.hello') return this.onHello(m);
    this.checkSession(m);
    const { tenantId } = this.principal;
    switch (m.type) {
      case 'agent.heartbeat':
        return;
      case 'status.update': {
        const known = await this.ctx.store.setStatus(
          tenantId,
          this.agentId,
          m.instrumentId,
          { state: m.state, alarms: m.alarms },
          this.ctx.now(),
        );
        if (!known)
          this.fail(
            'RESOURCE_NOT_FOUND',
            `Instrument "${m.instrumentId}" is not in this agent's manifest`,
            m.msgId,
          );
        return;
      }
      case 'command.ack':
      case 'command.progress':
      case 'command.result':
      case 'run.started':
      case 'run.finished': {
        const refusal = await this.ctx.events.handle(this.session, m);
        if (refusal) this.fail(refusal.code, refusal.message, m.msgId);
        if (m.type !== 'command.progress') this.send({ type: 'event.ack', msgIds: [m.msgId] });
      }
    }
  }

  private async onHello(m: Extract<AgentMessage, { type: 'agent.hello' }>): Promise<void> {
    if (this.state !== 'awaiting-hello')
      throw new FieldbookError('CONFLICT', 'agent.hello was already received on this socket');
    clearTimeout(this.helloTimer);
    this.agentId = m.agentId;
    this.sessionEpoch = m.sessionEpoch;
    const refused = this.ctx.claim(this);
    if (refused) throw new FieldbookError('CONFLICT', refused);
    const { tenantId, workspaceId } = this.principal;
    const welcomed = await this.ctx.serial(this.key, async () => {
      const channels = await this.ctx.store.registerManifest(
        tenantId,
        workspaceId,
        m.agentId,
        m.manifest,
      );
      this.channels = new Map([...channels.values()].map((c) => [c.key, c.spec]));
      await this.ctx.store.setConnection(tenantId, m.agentId, 'ONLINE', this.ctx.now());
      const positions = await this.ctx.store.streamPositions(tenantId, m.agentId);
      if (this.state === 'closed') return false;
      this.state = 'ready';
      this.credits = this.ctx.limits.creditWindow;
      this.send({
        type: 'server.welcome',
        resumeSeq: Object.fromEntries(positions.map((p) => [p.stream, p.storedSeq])),
        maxBatch: this.ctx.limits.maxBatch,
        credits: this.credits,
        serverTime: this.ctx.now(),
      });
      return true;
    });
    if (welcomed) await this.ctx.events.ready(this.session);
  }

  private async onBatch(raw: unknown, msgId: string | undefined): Promise<void> {
    const { header, columns } = decodeBatchFor(raw, this.channels, this.state === 'ready');
    this.checkSession(header);
    const n = columns.times.length;
    if (n > this.ctx.limits.maxBatch)
      return this.fail(
        'PAYLOAD_TOO_LARGE',
        `Batch of ${n} samples exceeds maxBatch ${this.ctx.limits.maxBatch}`,
        msgId,
        CLOSE.tooBig,
      );
    const result = await storeBatch(
      this.ctx,
      this.key,
      { tenantId: this.principal.tenantId, agentId: this.agentId },
      { header, columns },
    );
    this.unacked -= n;
    this.send({
      type: 'telemetry.ack',
      stream: header.stream,
      storedSeq: result.storedSeq,
      credits: n,
    });
  }
}

function decodeBatchFor(raw: unknown, channels: Map<string, ChannelSpec>, ready: boolean) {
  if (!ready) throw new FieldbookError('CONFLICT', 'agent.hello must come first');
  return decodeBatch(raw, channels);
}
