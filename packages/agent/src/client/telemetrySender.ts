import { AGENT_PROTOCOL_VERSION, newId, type ServerMessage } from '@fieldbook/shared';
import { blockParts } from './batchParts';
import type { AgentClientStats } from './clientOptions';
import type { DiskBuffer } from './diskBuffer';

/**
 * Credit-limited sending of an agent's buffered telemetry: what the server
 * granted at welcome (credits, batch size, where each stream resumes), what
 * its acks give back, and the batches sent past what was already sent.
 * Kept apart from the client's socket and message handling.
 */
export class TelemetrySender {
  private credits = 0;
  private maxBatch = Infinity;
  private stalled = false;
  private readonly sentSeq = new Map<string, number>();

  constructor(
    private readonly buffer: DiskBuffer,
    private readonly stats: AgentClientStats,
    private readonly agentId: string,
  ) {}

  /** Takes a welcome's grant: credits, batch size, and every stream resumed after its stored seq. */
  welcome(m: ServerMessage & { type: 'server.welcome' }): void {
    this.credits = m.credits;
    this.maxBatch = m.maxBatch;
    for (const stream of new Set([...this.buffer.streamNames(), ...Object.keys(m.resumeSeq)])) {
      const stored = m.resumeSeq[stream] ?? 0;
      this.buffer.ack(stream, stored);
      this.sentSeq.set(stream, stored);
    }
  }

  /** Takes an ack: the stream is stored up to its seq, and its credits come back. */
  acked(m: ServerMessage & { type: 'telemetry.ack' }): void {
    this.buffer.ack(m.stream, m.storedSeq);
    this.credits += m.credits;
  }

  /** Sends (through `send`) buffered blocks past what was sent, while credits last. */
  pump(send: (frame: string) => void): void {
    for (const stream of this.buffer.streamNames()) {
      for (const block of this.buffer.pending(stream)) {
        const sent = this.sentSeq.get(stream) ?? 0;
        if (block.lastSeq <= sent) continue;
        for (const part of blockParts(block, Math.max(sent + 1, block.firstSeq), this.maxBatch)) {
          const n = part.lastSeq - part.firstSeq + 1;
          if (n > this.credits) {
            if (!this.stalled) this.stats.creditStalls++;
            this.stalled = true;
            return;
          }
          this.stalled = false;
          this.credits -= n;
          this.sendBatch(
            send,
            stream,
            part.firstSeq,
            part.lastSeq,
            part.json,
            block.epoch < this.buffer.sessionEpoch,
          );
          this.sentSeq.set(stream, part.lastSeq);
        }
      }
    }
  }

  private sendBatch(
    send: (frame: string) => void,
    stream: string,
    firstSeq: number,
    lastSeq: number,
    columnsJson: string,
    historical: boolean,
  ): void {
    const head = JSON.stringify({
      v: AGENT_PROTOCOL_VERSION,
      type: 'telemetry.batch',
      agentId: this.agentId,
      sessionEpoch: this.buffer.sessionEpoch,
      msgId: newId(),
      sentAt: Date.now(),
      stream,
      firstSeq,
      lastSeq,
      historical,
      overflow: this.buffer.overflow(stream),
    });
    send(`${head.slice(0, -1)},"columns":${columnsJson}}`);
    this.stats.batchesSent++;
    this.stats.samplesSent += lastSeq - firstSeq + 1;
  }
}
