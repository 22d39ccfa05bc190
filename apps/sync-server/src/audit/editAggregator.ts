import type { AuditLog } from './auditLog';
import type { Actor } from './types';

/** One applied document update, as the sync hub reports it. */
export interface EditEvent {
  tenantId: string;
  workspaceId: string;
  docId: string;
  actor: Actor;
  /** Update size in bytes. */
  bytes: number;
  /** Ids of annotations touched by the update. */
  annotations?: readonly string[];
  /** Names of other top-level parts touched (e.g. `title`, `body`, `index`). */
  sections?: readonly string[];
  /** Epoch ms. */
  ts: number;
}

interface Bucket {
  tenantId: string;
  workspaceId: string;
  docId: string;
  actor: Actor;
  minute: number;
  updates: number;
  bytes: number;
  annotations: Set<string>;
  sections: Set<string>;
}

/** At most this many annotation ids or section names are listed per entry; the rest are counted. */
const MAX_LISTED = 100;

const MINUTE = 60_000;

/**
 * Folds document edits into one audit entry per user, document and minute
 * (update count, bytes, which annotations and sections changed), off the hot
 * path: `record` only updates memory; closed minutes are written in batches.
 */
export class EditAggregator {
  private buckets = new Map<string, Bucket>();
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly audit: AuditLog,
    private readonly options: {
      flushIntervalMs?: number;
      now?: () => number;
      onError?: (err: unknown) => void;
    } = {},
  ) {}

  /** Counts one applied update; cheap and synchronous. */
  record(event: EditEvent): void {
    const minute = Math.floor(event.ts / MINUTE) * MINUTE;
    const key = `${event.tenantId}\n${event.actor.type}:${event.actor.id}\n${event.docId}\n${minute}`;
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = {
        tenantId: event.tenantId,
        workspaceId: event.workspaceId,
        docId: event.docId,
        actor: event.actor,
        minute,
        updates: 0,
        bytes: 0,
        annotations: new Set(),
        sections: new Set(),
      };
      this.buckets.set(key, bucket);
    }
    bucket.updates += 1;
    bucket.bytes += event.bytes;
    for (const id of event.annotations ?? []) bucket.annotations.add(id);
    for (const name of event.sections ?? []) bucket.sections.add(name);
  }

  /** Starts writing closed minutes every `flushIntervalMs` (default 5 s). */
  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.flush(false), this.options.flushIntervalMs ?? 5_000);
    this.timer.unref();
  }

  /** Stops the timer and writes everything still held, including the current minute. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.flush(true);
  }

  /** Writes buckets of minutes that have ended (all buckets when `all`), one transaction per tenant. */
  flush(all: boolean): Promise<void> {
    this.flushing = this.flushing.then(() => this.writeClosed(all));
    return this.flushing;
  }

  private async writeClosed(all: boolean): Promise<void> {
    const now = (this.options.now ?? Date.now)();
    const currentMinute = Math.floor(now / MINUTE) * MINUTE;
    const byTenant = new Map<string, Bucket[]>();
    for (const [key, bucket] of this.buckets) {
      if (!all && bucket.minute >= currentMinute) continue;
      this.buckets.delete(key);
      const list = byTenant.get(bucket.tenantId) ?? [];
      list.push(bucket);
      byTenant.set(bucket.tenantId, list);
    }
    for (const [tenantId, buckets] of byTenant) {
      try {
        await this.audit.recordMany(tenantId, buckets.map(toInput));
      } catch (err) {
        this.options.onError?.(err);
      }
    }
  }
}

function listed(values: Set<string>): { ids: string[]; more: number } {
  const ids = [...values].slice(0, MAX_LISTED);
  return { ids, more: values.size - ids.length };
}

function toInput(b: Bucket) {
  const annotations = listed(b.annotations);
  const sections = listed(b.sections);
  return {
    actor: b.actor,
    action: 'document.edit',
    outcome: 'success' as const,
    resource: { type: 'document', id: b.docId },
    workspaceId: b.workspaceId,
    summary: {
      minute: new Date(b.minute).toISOString(),
      updates: b.updates,
      bytes: b.bytes,
      annotations: annotations.ids,
      sections: sections.ids,
      ...(annotations.more + sections.more > 0
        ? { unlisted: annotations.more + sections.more }
        : {}),
    },
  };
}
