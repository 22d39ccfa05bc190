import * as Y from 'yjs';
import {
  SummaryBuilder,
  advanceSnapshot,
  changesOf,
  deletedAlready,
  kindAt,
  type DeleteSet,
  type ItemChange,
} from '@fieldbook/crdt-model';
import type { DocKey, DocStore, LoggedUpdate } from '../storage/docStore';
import { docKeyString } from '../storage/docStore';
import { continuesEntry, entryKindOf } from './entryKinds';
import { HistoryDocs, LOG_PAGE, type HeldDoc } from './historyDocs';
import type { HistoryStore, StoredEntry } from './historyStore';

/** The entry being built: what is stored so far plus the updates added since. */
interface OpenEntry {
  entry: StoredEntry;
  builder: SummaryBuilder;
  /** Snapshot the pending updates apply on top of. */
  base: Y.Snapshot;
  pending: Uint8Array[];
  parts: Set<string>;
}

const yieldTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Ids of the annotations (parts) that located changes touched. */
function partsOf(changes: readonly ItemChange[]): string[] {
  return changes.filter((c) => c.path[0] === 'annotations' && c.path[1]).map((c) => c.path[1]!);
}

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
          open = this.reopen(held.doc, stored);
          stored = null;
        }
        if (!open || !continuesEntry(open.entry, u)) {
          if (open) finished.push(this.close(open));
          open = this.start(held.doc, u, open?.base ?? Y.emptySnapshot);
        }
        this.add(open, held.doc, u, already);
      }
      if (open && open.entry.lastSeq > indexed) finished.push(this.close(open));
      if (finished.length) await this.history.putEntries(key, finished);
      if (page.length < LOG_PAGE) break;
      await yieldTurn();
    }
    await this.docs.checkpoint(key, held);
    return held;
  }

  private reopen(doc: Y.Doc, last: StoredEntry): OpenEntry {
    return {
      entry: { ...last, parts: [] },
      builder: SummaryBuilder.continuing(kindAt(doc, null), last.summary),
      base: Y.decodeSnapshot(last.snapshot),
      pending: [],
      parts: new Set(),
    };
  }

  private start(doc: Y.Doc, u: LoggedUpdate, base: Y.Snapshot): OpenEntry {
    const { kind, ref } = entryKindOf(u.client);
    return {
      entry: {
        firstSeq: u.seq,
        lastSeq: u.seq,
        actor: u.actor,
        session: u.client,
        kind,
        ref,
        startedAt: u.ts,
        endedAt: u.ts,
        updates: 0,
        bytes: 0,
        summary: {},
        snapshot: new Uint8Array(),
        parts: [],
      },
      builder: new SummaryBuilder(kindAt(doc, null)),
      base,
      pending: [],
      parts: new Set(),
    };
  }

  private add(open: OpenEntry, doc: Y.Doc, u: LoggedUpdate, already?: DeleteSet): void {
    const changes = changesOf(doc, u.update, already);
    open.builder.add(changes);
    for (const part of partsOf(changes)) open.parts.add(part);
    open.pending.push(u.update);
    const e = open.entry;
    e.lastSeq = u.seq;
    e.endedAt = Math.max(e.endedAt, u.ts);
    e.updates++;
    e.bytes += u.update.length;
  }

  /**
   * The entry as it stands, with its snapshot, which becomes the base of
   * what follows (the entry itself, when it grows on the next catch-up).
   */
  private close(open: OpenEntry): StoredEntry {
    open.base = advanceSnapshot(open.base, open.pending);
    open.pending = [];
    return {
      ...open.entry,
      summary: open.builder.build(),
      snapshot: Y.encodeSnapshot(open.base),
      parts: [...open.parts],
    };
  }
}
