import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { newId, type AgentMessage } from '@fieldbook/shared';
import { JsonLines } from './jsonLines';

type Envelope = 'v' | 'agentId' | 'sessionEpoch' | 'msgId' | 'sentAt';

type WithoutEnvelope<T> = T extends unknown ? Omit<T, Envelope> : never;

/** The body of a command or run message, without the envelope each session adds. */
export type EventBody = WithoutEnvelope<
  Extract<AgentMessage, { type: 'command.ack' | 'command.result' | 'run.started' | 'run.finished' }>
>;

/** A message kept until the server acknowledges it; its msgId stays the same on every resend. */
export interface OutboxEntry {
  msgId: string;
  body: EventBody;
}

type Line = { add: OutboxEntry } | { ack: string[] };

/**
 * Command and run messages the server has not yet acknowledged (`event.ack`),
 * on disk: written before they are sent, resent after every reconnect, and
 * forgotten once acknowledged. The server's effects are idempotent by
 * commandId and runId, so a resend after a lost ack is harmless.
 */
export class Outbox {
  private readonly log: JsonLines<Line>;
  private readonly entries = new Map<string, OutboxEntry>();

  constructor(dir: string) {
    mkdirSync(dir, { recursive: true });
    this.log = new JsonLines(join(dir, 'outbox.jsonl'));
    for (const line of this.log.read()) {
      if ('add' in line) this.entries.set(line.add.msgId, line.add);
      else for (const id of line.ack) this.entries.delete(id);
    }
  }

  /** Writes a message to disk and returns it with its msgId. */
  add(body: EventBody): OutboxEntry {
    const entry = { msgId: newId(), body };
    this.log.append({ add: entry });
    this.entries.set(entry.msgId, entry);
    return entry;
  }

  /** Forgets messages the server has stored. */
  ack(msgIds: readonly string[]): void {
    const known = msgIds.filter((id) => this.entries.delete(id));
    if (known.length === 0) return;
    if (this.log.lines > 1000 && this.log.lines > 4 * this.entries.size)
      this.log.rewrite([...this.entries.values()].map((add) => ({ add })));
    else this.log.append({ ack: known });
  }

  /** Unacknowledged messages, oldest first. */
  pending(): OutboxEntry[] {
    return [...this.entries.values()];
  }
}
