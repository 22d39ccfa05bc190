import { setImmediate as yieldTurn } from 'node:timers/promises';
import type * as Y from 'yjs';
import { touchedKeys } from '@fieldbook/crdt-model';
import type { ChangeFeed, DocChange } from '../changes/changeFeed';
import { docKeyString, type DocKey, type DocumentRef } from '../storage/docStore';
import { emitRows, scopeOf, type RowScope } from './documentRows';
import type { SearchIndex } from './searchIndex';
import { diffListings, readListings, type Listing } from './workspaceListing';

/** One document waiting to be indexed. */
interface Pending {
  ref: DocumentRef;
  /** Highest seq to record once indexed (0: unknown, keep the stored one). */
  seq: number;
  /** Latest update time seen. */
  ts: number;
  /** Updates to trace (null: rebuild the whole document). */
  updates: Uint8Array[] | null;
}

/** Options of the indexer. */
export interface SearchIndexerOptions {
  feed: ChangeFeed;
  index: SearchIndex;
  onError(err: unknown): void;
  /** How long changes gather before a pass (default 50 ms; a change is searchable well within 1 s). */
  delayMs?: number;
  /** How soon a document that keeps changing is indexed again (default REINDEX_INTERVAL_MS). */
  reindexIntervalMs?: number;
  /** Called for a change in a workspace the index has never built (the service builds it). */
  onUnbuiltWorkspace?(ref: { tenantId: string; workspaceId: string }): void;
}

/** Workspaces whose listings are kept in memory at most. */
const MAX_LISTINGS = 64;

/**
 * A document being edited is indexed again at most this often: someone typing
 * sends ~20 updates a second, and re-reading a whole note for each cost the
 * sync path 40 % more CPU. The first change after a quiet spell still waits
 * only `delayMs`; every change is searchable within about half a second.
 */
export const REINDEX_INTERVAL_MS = 400;

/**
 * Keeps the search index in step with the change feed: changes gather for a
 * moment, then each changed document's rows are rewritten (for a collection,
 * only the annotations its updates touched), slice by slice so the sync
 * traffic keeps the event loop. A workspace index change updates trash
 * state and re-indexes renamed, retagged, new or purged documents.
 */
export class SearchIndexer {
  private readonly pending = new Map<string, Pending>();
  /** When each document was last indexed, while that is under the re-index interval ago. */
  private readonly indexedAt = new Map<string, number>();
  private readonly listings = new Map<string, Map<string, Listing>>();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private unsubscribe: (() => void) | null = null;
  private readonly idle: (() => void)[] = [];

  constructor(private readonly options: SearchIndexerOptions) {}

  /** Starts following the feed. */
  start(): void {
    this.unsubscribe ??= this.options.feed.subscribe((batch) => this.take(batch));
  }

  /** Stops following the feed and waits for the pass under way. */
  async stop(): Promise<void> {
    this.unsubscribe?.();
    this.unsubscribe = null;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  /** Queues a document for a whole re-index (rebuilds, start-up checks). */
  enqueue(ref: DocumentRef, seq: number): void {
    this.add({ ref, seq, ts: 0, updates: null });
  }

  /** Resolves when nothing is queued or being indexed. */
  whenIdle(): Promise<void> {
    if (this.pending.size === 0 && !this.running && !this.timer) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  /** The listings of a workspace, read from its index document once and then kept current. */
  async listingsOf(key: { workspaceId: string }): Promise<Map<string, Listing>> {
    let listings = this.listings.get(key.workspaceId);
    if (!listings) {
      const indexKey = { workspaceId: key.workspaceId, docId: key.workspaceId };
      listings = await this.options.feed.withDoc(indexKey, (doc) => readListings(doc));
      this.remember(key.workspaceId, listings);
    }
    return listings;
  }

  private remember(workspaceId: string, listings: Map<string, Listing>): void {
    this.listings.delete(workspaceId);
    this.listings.set(workspaceId, listings);
    if (this.listings.size > MAX_LISTINGS) this.listings.delete(this.listings.keys().next().value!);
  }

  private take(batch: readonly DocChange[]): void {
    for (const change of batch) {
      // Not a Fieldbook document: it has no rows.
      if (change.kind !== 'updated' || change.docKind === null) continue;
      const ref = { ...change.key, tenantId: change.tenantId };
      this.options.onUnbuiltWorkspace?.({
        tenantId: change.tenantId,
        workspaceId: change.key.workspaceId,
      });
      const last = change.updates[change.updates.length - 1]!;
      this.add({
        ref,
        seq: change.toSeq,
        ts: last.ts,
        // A note or view is always read whole: its updates are not needed to know what changed.
        updates:
          change.docKind === 'note' || change.docKind === 'view'
            ? null
            : change.updates.map((u) => u.update),
      });
    }
  }

  private add(item: Pending): void {
    const name = docKeyString(item.ref);
    const prev = this.pending.get(name);
    if (prev) {
      prev.seq = Math.max(prev.seq, item.seq);
      prev.ts = Math.max(prev.ts, item.ts);
      prev.updates = prev.updates && item.updates ? [...prev.updates, ...item.updates] : null;
    } else {
      this.pending.set(name, item);
    }
    this.schedule();
  }

  private schedule(): void {
    if (this.timer || this.running) return;
    const delay = this.options.delayMs ?? 50;
    this.timer = setTimeout(
      () => {
        this.timer = null;
        this.running = this.pass().finally(() => {
          this.running = null;
          if (this.pending.size > 0) this.schedule();
          else for (const resolve of this.idle.splice(0)) resolve();
        });
      },
      Math.max(delay, this.nextDue() - Date.now()),
    );
    this.timer.unref();
  }

  /** The earliest time a pending document may be indexed. */
  private nextDue(): number {
    let due = Infinity;
    for (const name of this.pending.keys()) due = Math.min(due, this.dueAt(name));
    return due;
  }

  private dueAt(name: string): number {
    const at = this.indexedAt.get(name);
    return at === undefined ? 0 : at + (this.options.reindexIntervalMs ?? REINDEX_INTERVAL_MS);
  }

  /** The pending documents that are due, taken out of `pending`; the others wait. */
  private takeDue(): Pending[] {
    const now = Date.now();
    const interval = this.options.reindexIntervalMs ?? REINDEX_INTERVAL_MS;
    for (const [name, at] of this.indexedAt) if (now - at >= interval) this.indexedAt.delete(name);
    const items: Pending[] = [];
    for (const [name, item] of this.pending) {
      if (this.dueAt(name) > now) continue;
      items.push(item);
      this.pending.delete(name);
      this.indexedAt.set(name, now);
    }
    return items;
  }

  /** Indexes what is due now; what arrives meanwhile (or is not due) waits for the next pass. */
  private async pass(): Promise<void> {
    const items = this.takeDue();
    // Index documents first, so listing changes see the documents they re-index queued after.
    items.sort((a, b) => Number(isIndexDoc(a.ref)) - Number(isIndexDoc(b.ref)));
    for (const item of items) {
      try {
        if (isIndexDoc(item.ref)) await this.indexListing(item);
        else await this.indexDocument(item);
      } catch (err) {
        this.options.onError(err);
      }
      await yieldTurn();
    }
  }

  private async indexDocument(item: Pending): Promise<void> {
    const { ref } = item;
    const listing = (await this.listingsOf(ref)).get(ref.docId);
    const trashed = listing ? listing.trashedAt !== null : false;
    await this.options.feed.withDoc(ref, (doc: Y.Doc) => {
      const scope: RowScope = scopeOf(doc, item.updates);
      let seq = item.seq;
      return emitRows(doc, ref.docId, listing, item.ts, scope, async (rows, replace) => {
        await this.options.index.write([{ ref, seq, trashed, replace, rows }]);
        seq = 0;
      });
    });
  }

  /**
   * A workspace index changed: each entry its updates touched (all, for a
   * whole re-index) is compared with the listing kept in memory. Purged →
   * rows removed; only the trash state changed → marked; anything else a
   * row shows, or not known before → the document is re-indexed.
   */
  private async indexListing(item: Pending): Promise<void> {
    const { ref } = item;
    const cached = this.listings.get(ref.workspaceId);
    const changes = await this.options.feed.withDoc(ref, (doc) => {
      const touched = item.updates
        ? new Set(item.updates.flatMap((u) => [...(touchedKeys(doc, u).get('documents') ?? [])]))
        : null;
      const now = readListings(doc, touched);
      const ids = touched ?? new Set([...now.keys(), ...(cached?.keys() ?? [])]);
      const before = new Map<string, Listing>();
      for (const id of ids) {
        const old = cached?.get(id);
        if (old) before.set(id, old);
        const listing = now.get(id);
        if (cached && listing) cached.set(id, listing);
        else if (cached) cached.delete(id);
      }
      return diffListings(before, now, ids);
    });
    await this.options.index.write([
      { ref, seq: item.seq, trashed: false, replace: 'all', rows: [] },
    ]);
    for (const { docId, trashed } of changes.trash)
      await this.options.index.setTrashed({ workspaceId: ref.workspaceId, docId }, trashed);
    for (const docId of changes.removed)
      await this.options.index.removeDocument({ workspaceId: ref.workspaceId, docId });
    for (const docId of changes.reindex) this.enqueue({ ...ref, docId }, 0);
  }
}

/** Whether a document is its workspace's index (it has the workspace's id). */
export const isIndexDoc = (key: DocKey) => key.docId === key.workspaceId;
