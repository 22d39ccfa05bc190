import * as Y from 'yjs';
import { newHistoryDoc, type AnnotationTimeline } from '@fieldbook/crdt-model';
import { docKeyString, type DocKey, type DocStore } from '../storage/docStore';

/** A document's history doc (`gc: false`) and the seq of the log it holds through. */
export interface HeldDoc {
  doc: Y.Doc;
  seq: number;
  /** Seq of the stored checkpoint it was built from or last wrote. */
  checkpointSeq: number;
  /** A collection's plain annotation values along its history, once read (timelines.ts). */
  timeline?: AnnotationTimeline;
  /** The timeline's fill under way, if any (timelines.ts). */
  filling?: Promise<AnnotationTimeline>;
  /** The timeline's first fill is done: later fills only add the entries closed since. */
  filled?: boolean;
}

/** Updates read per page while building or catching up. */
export const LOG_PAGE = 2_000;
/** A new checkpoint is written once this many updates were applied after the stored one. */
export const CHECKPOINT_EVERY = 2_000;

/**
 * The most recently used history docs, in memory. A doc is built from the
 * document's history checkpoint plus the log after it (never the whole log
 * at once), and checkpoints are written as it grows, so a restart rebuilds
 * quickly.
 */
export class HistoryDocs {
  private readonly held = new Map<string, HeldDoc>();

  constructor(
    private readonly store: DocStore,
    private readonly max = 16,
  ) {}

  /** Whether a history doc of `key` is in memory. */
  has(key: DocKey): boolean {
    return this.held.has(docKeyString(key));
  }

  /** The history doc of `key` if it is in memory, as it stands (nothing read or built). */
  peek(key: DocKey): HeldDoc | undefined {
    return this.held.get(docKeyString(key));
  }

  /**
   * The held doc of `key`, built when missing. A checkpoint past `notAfter`
   * is not used (the history index may be behind it, and must see every update).
   */
  async get(key: DocKey, notAfter: number): Promise<HeldDoc> {
    const name = docKeyString(key);
    const found = this.held.get(name);
    if (found && found.seq <= notAfter) {
      this.held.delete(name);
      this.held.set(name, found);
      return found;
    }
    const doc = newHistoryDoc();
    const checkpoint = await this.store.readCheckpoint(key);
    const usable = checkpoint && checkpoint.seq <= notAfter ? checkpoint : null;
    if (usable) Y.applyUpdate(doc, usable.state);
    const held = { doc, seq: usable?.seq ?? 0, checkpointSeq: usable?.seq ?? 0 };
    this.held.set(name, held);
    for (const [old, h] of this.held) {
      if (this.held.size <= this.max) break;
      this.held.delete(old);
      h.doc.destroy();
    }
    return held;
  }

  /** Stores a checkpoint of `held` when enough updates were applied since the last one. */
  async checkpoint(key: DocKey, held: HeldDoc): Promise<void> {
    if (held.seq - held.checkpointSeq < CHECKPOINT_EVERY) return;
    const seq = held.seq;
    await this.store.writeCheckpoint(key, { seq, state: Y.encodeStateAsUpdate(held.doc) });
    held.checkpointSeq = seq;
  }

  /** Forgets every held doc. */
  clear(): void {
    for (const h of this.held.values()) h.doc.destroy();
    this.held.clear();
  }
}
