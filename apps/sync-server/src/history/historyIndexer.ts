import { setImmediate as yieldTurn } from 'node:timers/promises';
import * as Y from 'yjs';
import { OpenEntry, deletedAlready } from '@fieldbook/crdt-model';
import type { DocKey, DocStore } from '../storage/docStore';
import { docKeyString } from '../storage/docStore';
import { HistoryDocs, LOG_PAGE, type HeldDoc } from './historyDocs';
import type { HistoryStore, StoredEntry } from './historyStore';

/**
 * Keeps the history index of each document caught up with its update log:
 * reads the log after what is indexed in pages, groups updates into entries,
 * summarises them and stores each entry with the snapshot after it. One
 * catch-up per document at a time; the history doc stays in memory for
 * reading versions.
 */
export class HistoryIndexer {
  private readonly running = new Map<string, Promise<HeldDoc | null>>();
  readonly docs: HistoryDocs;

  constructor(
    private readonly store: DocStore,
    private readonly history: HistoryStore,
  ) {
    this.docs = new HistoryDocs(store);
  }

  /** Indexes everything logged so far (building the history doc only when there is something new). */
  async catchUp(key: DocKey): Promise<void> {
    await this.serially(key, false);
  }

  /** Indexes everything logged so far; answers the history doc, holding at least that much. */
  async historyDoc(key: DocKey): Promise<HeldDoc> {
    return (await this.serially(key, true))!;
  }

  private serially(key: DocKey, needDoc: boolean): Promise<HeldDoc | null> {
    const name = docKeyString(key);
    const previous = this.running.get(name) ?? Promise.resolve(null);
    const next = previous.catch(() => null).then(() => this.run(key, needDoc));
    this.running.set(name, next);
    void next
      .finally(() => {
        if (this.running.get(name) === next) this.running.delete(name);
      })
      .catch(() => {});
    return next;
  }

  private async run(key: DocKey, needDoc: boolean): Promise<HeldDoc | null> {
    const last = await this.history.lastEntry(key);
    const indexed = last?.lastSeq ?? 0;
    if (!needDoc && !this.docs.has(key)) {
      const newer = await this.store.readLogRange(key, { afterSeq: indexed, limit: 1 });
      if (newer.length === 0) return null;
    }
    const held = await this.docs.get(key, indexed);
    let open: OpenEntry | null = null;
    let stored = last;
    for (;;) {
      const page = await this.store.readLogRange(key, { afterSeq: held.seq, limit: LOG_PAGE });
      if (page.length === 0) break;
      const finished: StoredEntry[] = [];
      for (const u of page) {
        const already = u.seq > indexed ? deletedAlready(held.doc, u.update) : undefined;
        Y.applyUpdate(held.doc, u.update);
        held.seq = u.seq;
        if (u.seq <= indexed) continue;
        if (!open && stored) {
          open = OpenEntry.reopen(held.doc, stored);
          stored = null;
        }
        if (!open || !open.continues(u)) {
          if (open) finished.push(open.close());
          open = open ? open.next(held.doc, u) : OpenEntry.start(held.doc, u, Y.emptySnapshot);
        }
        open.add(held.doc, u, already);
      }
      if (open && open.entry.lastSeq > indexed) finished.push(open.close());
      if (finished.length) await this.history.putEntries(key, finished);
      if (page.length < LOG_PAGE) break;
      await yieldTurn();
    }
    await this.docs.checkpoint(key, held);
    return held;
  }
}
