import * as Y from 'yjs';
import type { Logger } from '../log';
import type { SyncMetrics } from '../metrics';
import type { DocKey, DocStore } from '../storage/docStore';

/** What the compactor needs to know about its document's hub. */
export interface CompactionSubject {
  readonly key: DocKey;
  readonly doc: Y.Doc;
  /**
   * The seq N such that the in-memory doc holds every logged update 1..N and
   * nothing that is not durable yet, or null when it cannot vouch for one
   * now. With other nodes this is the contiguous seq the node applied, not
   * the highest it saw: another node's seq N-1 may still be on its way
   * through Redis while this node committed N.
   */
  coveredSeq(): number | null;
}

/** Thresholds past which a document's log is folded into a snapshot. */
export interface CompactionLimits {
  maxUpdates: number;
  maxBytes: number;
}

/**
 * Tracks one document's log since its latest snapshot and, past the limits,
 * writes the in-memory state as a new snapshot claiming only the seq the
 * subject covers (so a snapshot never hides an update it lacks: loading reads
 * the log after the claimed seq, and a state holding more than it claims is
 * harmless since Yjs updates are idempotent), in its own macrotask so the
 * hot path never waits for it. The log itself is
 * kept: history is read from it; snapshots only speed up loading.
 */
export class LogCompactor {
  count = 0;
  bytes = 0;
  lastSeq = 0;
  /** The seq of the last snapshot this compactor wrote (a claim never written twice). */
  private snapshotSeq = 0;
  private running = false;

  constructor(
    private readonly subject: CompactionSubject,
    private readonly limits: CompactionLimits,
    private readonly store: DocStore,
    private readonly metrics: SyncMetrics,
    private readonly log: Logger,
  ) {}

  /** Starts from what storage returned at load. */
  loaded(lastSeq: number, count: number, bytes: number): void {
    this.lastSeq = lastSeq;
    this.count = count;
    this.bytes = bytes;
  }

  /** Records one durable update (other nodes' arrive out of order). */
  committed(seq: number, bytes: number): void {
    if (seq > this.lastSeq) this.lastSeq = seq;
    this.count++;
    this.bytes += bytes;
  }

  /** Schedules a compaction when the log passed a limit. */
  maybeCompact(): void {
    if (this.running) return;
    if (this.count < this.limits.maxUpdates && this.bytes < this.limits.maxBytes) return;
    this.running = true;
    setImmediate(() => void this.compact().finally(() => (this.running = false)));
  }

  /** Writes a snapshot now if anything was logged since the last one and a newer seq is covered. */
  async compact(): Promise<void> {
    const seq = this.count === 0 ? null : this.subject.coveredSeq();
    if (seq === null || seq <= this.snapshotSeq) return;
    const covered = { count: this.count, bytes: this.bytes };
    const state = Y.encodeStateAsUpdate(this.subject.doc);
    try {
      await this.store.writeSnapshot(this.subject.key, { seq, state });
      this.snapshotSeq = seq;
      this.count -= covered.count;
      this.bytes -= covered.bytes;
    } catch (error) {
      this.metrics.errors.inc({ code: 'COMPACTION_FAILED' });
      this.log.error({ err: error, docId: this.subject.key.docId }, 'compaction failed');
    }
  }
}
