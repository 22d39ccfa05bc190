import * as Y from 'yjs';
import {
  actorOrigin,
  advanceSnapshot,
  diffVersions,
  kindAt,
  readKindAt,
  restoreVersion,
  serverClient,
  type KindSnapshot,
} from '@fieldbook/crdt-model';
import {
  FieldbookError,
  newId,
  type DocDiff,
  type DocKind,
  type HistoryEntry,
  type Version,
} from '@fieldbook/shared';
import type { DocKey, DocStore, DocumentRef } from '../storage/docStore';
import { BranchService } from './branchService';
import type { HeldDoc } from './historyDocs';
import { HistoryIndexer } from './historyIndexer';
import { HistoryRetention } from './retention';
import { docKeyString } from '../storage/docStore';
import type { HistoryStore, StoredEntry } from './historyStore';
import { fillAfter, pointOf, timelineOf } from './timelines';

/** Applies a change through the document's hub (SyncService.change): stored, relayed, merged later by offline clients. */
export type ChangeApplier = (
  ref: DocumentRef,
  by: { actor: string; client: string },
  change: (doc: Y.Doc) => void,
) => Promise<number | null>;

/** What the history service works on. */
export interface HistoryDeps {
  store: DocStore;
  history: HistoryStore;
  change: ChangeApplier;
}

/** A page of items, newest first, with the seq to pass as `before` for the next. */
export interface SeqPage<T> {
  items: T[];
  next: number | null;
}

/** A version resolved to a point of the log. */
export interface ResolvedVersion {
  id: string;
  seq: number;
  at: Y.Snapshot;
}

/** How often reading a document's history may fold its old entries. */
const FOLD_EVERY_MS = 60 * 60_000;

const notFound = (what: string) => new FieldbookError('RESOURCE_NOT_FOUND', `${what} not found`);

/** A history entry for the API, without the person's display name (the caller adds it). */
export function entryOf(e: StoredEntry): Omit<HistoryEntry, 'actorName'> {
  return {
    id: String(e.firstSeq),
    firstSeq: e.firstSeq,
    lastSeq: e.lastSeq,
    actor: e.actor,
    session: e.session,
    kind: e.kind,
    ref: e.ref,
    startedAt: e.startedAt,
    endedAt: e.endedAt,
    updates: e.updates,
    bytes: e.bytes,
    summary: e.summary,
  };
}

/**
 * History of one server's documents: entries, versions (named and the end of
 * every entry), a version's snapshot, diffs and restores as forward changes.
 * Callers authorize; every method takes a document that exists in the tenant
 * (`requireDocument`).
 */
export class HistoryService {
  readonly indexer: HistoryIndexer;
  /** Branches of annotation collections: fork, compare, merge back. */
  readonly branches: BranchService;
  /** Folding old entries into daily points, when a workspace's admin asked for it. */
  readonly retention: HistoryRetention;
  private readonly foldedAt = new Map<string, number>();

  constructor(private readonly deps: HistoryDeps) {
    this.indexer = new HistoryIndexer(deps.store, deps.history);
    this.branches = new BranchService({ history: this, store: deps.history, change: deps.change });
    this.retention = new HistoryRetention(deps.history);
  }

  /** Catches the index up with the log and, at most hourly per document, folds old entries. */
  private async caughtUp(key: DocKey): Promise<void> {
    await this.indexer.catchUp(key);
    const name = docKeyString(key);
    const now = Date.now();
    if (now - (this.foldedAt.get(name) ?? 0) < FOLD_EVERY_MS) return;
    this.foldedAt.set(name, now);
    await this.retention.fold(key, now);
  }

  /** Throws RESOURCE_NOT_FOUND unless the document exists in the tenant's workspace. */
  async requireDocument(ref: DocumentRef): Promise<void> {
    const found = await this.deps.store.findDocument(ref);
    if (!found || found.tenantId !== ref.tenantId) throw notFound('Document');
  }

  /** Entries newest first, below `before` (a firstSeq); `part`: only those touching one annotation. */
  async entries(
    ref: DocumentRef,
    page: { before?: number; limit: number; part?: string },
  ): Promise<SeqPage<Omit<HistoryEntry, 'actorName'>>> {
    await this.caughtUp(ref);
    const rows = await this.deps.history.listEntries(ref, { ...page, limit: page.limit + 1 });
    this.warm(ref);
    const items = rows.slice(0, page.limit).map(entryOf);
    return { items, next: rows.length > page.limit ? items.at(-1)!.firstSeq : null };
  }

  /**
   * Readies the reading of versions while someone looks at the history (the
   * History panel lists entries, then opens versions): builds the history doc
   * and starts filling a collection's timeline, in the background. A read that
   * needs either meets a failure itself. Called after a catch-up, which keeps a
   * history doc in memory current: only a missing one is read from the store.
   */
  private warm(ref: DocumentRef): void {
    const inMemory = this.indexer.docs.peek(ref);
    void (inMemory ? Promise.resolve(inMemory) : this.indexer.historyDoc(ref))
      .then((held) => {
        if (kindAt(held.doc, null) === 'annotations') fillAfter(this.deps.history, ref, held);
      })
      .catch(() => {});
  }

  /** Named versions and every entry's end, newest first, below seq `before`. */
  async versions(
    ref: DocumentRef,
    page: { before?: number; limit: number },
  ): Promise<SeqPage<Omit<Version, 'createdByName'>>> {
    await this.caughtUp(ref);
    const ask = { before: page.before, limit: page.limit + 1 };
    const [named, entries] = await Promise.all([
      this.deps.history.listVersions(ref, ask),
      this.deps.history.listEntries(ref, { before: page.before, limit: page.limit + 2 }),
    ]);
    // Entries page by firstSeq; their version is their lastSeq, which must be below `before`.
    const auto = entries.filter((e) => page.before === undefined || e.lastSeq < page.before);
    const all = [
      ...named.map((v) => ({ ...v, snapshot: undefined })),
      ...auto.map((e) => ({
        id: String(e.lastSeq),
        seq: e.lastSeq,
        name: null,
        createdBy: e.actor,
        createdAt: e.endedAt,
      })),
    ]
      .sort((a, b) => b.seq - a.seq || (a.name === null ? 1 : -1))
      .map(({ id, seq, name, createdBy, createdAt }) => ({ id, seq, name, createdBy, createdAt }));
    const items = all.slice(0, page.limit);
    return { items, next: all.length > page.limit ? items.at(-1)!.seq : null };
  }

  /** Names the document's current state; answers the new version. */
  async nameVersion(
    ref: DocumentRef,
    by: string,
    name: string,
  ): Promise<Omit<Version, 'createdByName'>> {
    await this.indexer.catchUp(ref);
    const last = await this.deps.history.lastEntry(ref);
    if (!last) throw new FieldbookError('CONFLICT', 'The document has no changes to name yet');
    const version = {
      id: newId(),
      seq: last.lastSeq,
      name,
      createdBy: by,
      createdAt: Date.now(),
    };
    await this.deps.history.addVersion(ref, { ...version, snapshot: last.snapshot });
    return version;
  }

  /** The point of the log a version id names: a named version's id or a seq (automatic). */
  async resolve(ref: DocumentRef, id: string): Promise<ResolvedVersion & { held: HeldDoc }> {
    const held = await this.indexer.historyDoc(ref);
    if (/^[1-9]\d{0,15}$/.test(id)) {
      const seq = Number(id);
      const entry = await this.deps.history.entryAt(ref, seq);
      if (!entry) throw notFound('Version');
      return { id, seq, at: await this.snapshotIn(ref, entry, seq), held };
    }
    const named = await this.deps.history.getVersion(ref, id);
    if (!named) throw notFound('Version');
    return { id, seq: named.seq, at: Y.decodeSnapshot(named.snapshot), held };
  }

  /** The snapshot after `seq`, inside `entry`: its stored end, or the entry's start advanced to `seq`. */
  private async snapshotIn(ref: DocumentRef, entry: StoredEntry, seq: number): Promise<Y.Snapshot> {
    if (seq === entry.lastSeq) return Y.decodeSnapshot(entry.snapshot);
    const before =
      entry.firstSeq > 1 ? await this.deps.history.entryAt(ref, entry.firstSeq - 1) : null;
    const base = before ? Y.decodeSnapshot(before.snapshot) : Y.emptySnapshot;
    const afterSeq = entry.firstSeq - 1;
    const log = await this.deps.store.readLogRange(ref, {
      afterSeq,
      throughSeq: seq,
      limit: seq - afterSeq,
    });
    return advanceSnapshot(
      base,
      log.map((u) => u.update),
    );
  }

  /** The document's kind: as it is now, else at `at`. */
  private kindOf(held: HeldDoc, at: Y.Snapshot): DocKind {
    const kind = kindAt(held.doc, null) ?? kindAt(held.doc, at);
    if (!kind) throw new FieldbookError('CONFLICT', 'The document holds no content yet');
    return kind;
  }

  /** The plain snapshot of the document at a version, read by its kind's reader. */
  async snapshot(
    ref: DocumentRef,
    id: string,
  ): Promise<{ id: string; seq: number; kind: DocKind; snapshot: KindSnapshot }> {
    const v = await this.resolve(ref, id);
    const kind = this.kindOf(v.held, v.at);
    if (kind !== 'annotations') {
      return { id: v.id, seq: v.seq, kind, snapshot: readKindAt(v.held.doc, kind, v.at) };
    }
    if (fillAfter(this.deps.history, ref, v.held)) {
      return { id: v.id, seq: v.seq, kind, snapshot: readKindAt(v.held.doc, kind, v.at) };
    }
    const timeline = await timelineOf(this.deps.history, ref, v.held);
    const point = await pointOf(this.deps.history, ref, timeline, v.seq, v.at);
    return { id: v.id, seq: v.seq, kind, snapshot: timeline.snapshotAt(v.seq, v.at, point.fresh) };
  }

  /** What differs from version `a` to version `b`, in the kind's terms. */
  async diff(ref: DocumentRef, a: string, b: string): Promise<DocDiff> {
    const from = await this.resolve(ref, a);
    const to = await this.resolve(ref, b);
    const kind = this.kindOf(to.held, to.at);
    if (kind !== 'annotations') return diffVersions(to.held.doc, kind, from.at, to.at);
    if (fillAfter(this.deps.history, ref, to.held)) {
      // Read from the history doc: only the annotations the entries between the two touched.
      const [early, late] = from.seq < to.seq ? [from.seq, to.seq] : [to.seq, from.seq];
      const first = (await this.deps.history.entryAt(ref, early + 1))?.firstSeq ?? early + 1;
      // Sorted: the order in which a whole snapshot lists them.
      const annotations = (await this.deps.history.partsTouched(ref, first, late)).sort();
      return diffVersions(to.held.doc, kind, from.at, to.at, { annotations });
    }
    const timeline = await timelineOf(this.deps.history, ref, to.held);
    const [x, y] = await Promise.all(
      [from, to].map((v) => pointOf(this.deps.history, ref, timeline, v.seq, v.at)),
    );
    return timeline.diff(x!, y!);
  }

  /**
   * Brings version `id` back as a forward change through the document's hub,
   * as `actor` (whole document, or one annotation with `annotation`).
   * Answers the version and the seq of the restore (null: nothing to change).
   */
  async restore(
    ref: DocumentRef,
    id: string,
    actor: string,
    annotation?: string,
  ): Promise<{ version: string; versionSeq: number; seq: number | null }> {
    const v = await this.resolve(ref, id);
    if (annotation !== undefined && this.kindOf(v.held, v.at) !== 'annotations') {
      throw notFound('Annotation');
    }
    const origin = actorOrigin(actor);
    const part = annotation !== undefined ? { root: 'annotations', key: annotation } : undefined;
    // The newest entry ends where the held doc is (restoreVersion checks): its snapshot is "now".
    const newest = part ? null : await this.deps.history.lastEntry(ref);
    const now = newest?.lastSeq === v.held.seq ? Y.decodeSnapshot(newest.snapshot) : undefined;
    const seq = await this.deps.change(
      ref,
      { actor, client: serverClient('restore', v.id) },
      (doc) => restoreVersion(doc, { history: v.held.doc, at: v.at, part, now }, origin),
    );
    return { version: v.id, versionSeq: v.seq, seq };
  }
}
