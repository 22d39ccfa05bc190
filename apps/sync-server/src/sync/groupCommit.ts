import type { Logger } from '../log';
import type { SyncMetrics } from '../metrics';
import type { DocStore, UpdateEntry } from '../storage/docStore';

/** Whoever queued an update hears about its fate here. */
export interface CommitListener<P extends PendingUpdate = PendingUpdate> {
  /** The update is durable with `seq`; returns how many peers it was delivered to. */
  committed(pending: P, seq: number): number;
  /** The batch holding the update could not be stored. */
  failed(pending: P, error: unknown): void;
}

/** An update applied in memory and waiting to be made durable before anyone hears of it. */
export interface PendingUpdate extends UpdateEntry {
  listener: CommitListener<never>;
  /** The message sent to each peer on delivery (framed once for all of them). */
  relay: Uint8Array;
}

/** When a group commit starts. */
export interface GroupCommitWindow {
  /** How long the first queued update may wait for others (0: the next event-loop turn). */
  windowMs: number;
  /** A batch this large is committed without waiting for the window to end. */
  maxUpdates: number;
}

/**
 * Group commit: updates queued within one window (the same event-loop turn
 * when `windowMs` is 0), across all documents, are appended in one
 * transaction; only then are they answered and fanned out. Batches are written
 * one after another, in arrival order. A wider window means fewer commits per
 * update at the price of up to `windowMs` of relay latency.
 */
export class GroupCommitter {
  private queue: PendingUpdate[] = [];
  /** The pending start of the next batch: a window timer, or the next turn. */
  private timer:
    { kind: 'window'; handle: NodeJS.Timeout } | { kind: 'turn'; handle: NodeJS.Immediate } | null =
    null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly store: DocStore,
    private readonly metrics: SyncMetrics,
    private readonly log: Logger,
    private readonly window: GroupCommitWindow = { windowMs: 0, maxUpdates: 1024 },
  ) {}

  /** Queues an update for the next group commit. */
  enqueue(update: PendingUpdate): void {
    this.queue.push(update);
    if (this.running) return;
    if (this.queue.length >= this.window.maxUpdates) this.schedule(0);
    else if (this.queue.length === 1) this.schedule(this.window.windowMs);
  }

  private schedule(delayMs: number): void {
    if (this.timer) {
      if (delayMs > 0) return;
      this.cancel();
    }
    // Plain handles, not cancel closures: this runs once per batch on the relay path.
    this.timer =
      delayMs > 0
        ? { kind: 'window', handle: setTimeout(this.start, delayMs) }
        : { kind: 'turn', handle: setImmediate(this.start) };
  }

  private cancel(): void {
    if (this.timer?.kind === 'window') clearTimeout(this.timer.handle);
    else if (this.timer?.kind === 'turn') clearImmediate(this.timer.handle);
    this.timer = null;
  }

  /** Resolves once every update queued so far is durable (or has failed). */
  async drain(): Promise<void> {
    while (this.running || this.queue.length > 0) {
      if (!this.running) this.start();
      await this.running;
    }
  }

  private readonly start = (): void => {
    this.cancel();
    if (this.running || this.queue.length === 0) return;
    this.running = this.run().finally(() => {
      this.running = null;
      // Updates queued while the last batch was finishing have waited already: no new window.
      if (this.queue.length > 0) this.schedule(0);
    });
  };

  private async run(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue;
      this.queue = [];
      const started = performance.now();
      let seqs: number[];
      try {
        seqs = await this.store.appendUpdates(batch);
      } catch (error) {
        this.metrics.errors.inc({ code: 'STORAGE_WRITE_FAILED' }, batch.length);
        this.log.error({ err: error, updates: batch.length }, 'group commit failed');
        for (const pending of batch) (pending.listener as CommitListener).failed(pending, error);
        continue;
      }
      this.metrics.persistSeconds.observe((performance.now() - started) / 1000);
      let deliveries = 0;
      for (let i = 0; i < batch.length; i++) {
        const pending = batch[i]!;
        const n = (pending.listener as CommitListener).committed(pending, seqs[i]!);
        deliveries += n;
      }
      this.metrics.updatesIn.inc(batch.length);
      this.metrics.updatesOut.inc(deliveries);
    }
  }
}
