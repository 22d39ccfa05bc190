import * as Y from 'yjs';
import {
  annotationSearchEntries,
  kindOf,
  readWorkspaceIndex,
  searchEntriesOf,
  touchedKeys,
} from '@fieldbook/crdt-model';
import type { DocumentEntry } from '@fieldbook/shared';
import type { LocalSearchEngine } from './localSearchEngine';
import type { ReplicaSource } from './replicaSource';

/** A collection kept in memory, so a change re-indexes only the annotations it touched. */
interface KeptCollection {
  doc: Y.Doc;
  lastKey: IDBValidKey | null;
}

/**
 * Keeps a LocalSearchEngine in step with the local replicas of one
 * workspace: built once from every listed document, then updated document
 * by document as replicas are written. Notes are re-read whole; annotation
 * collections stay in memory and only the annotations new updates touched
 * are re-indexed; the workspace index gives titles, tags and trash state.
 */
export class ReplicaIndexer {
  private listings = new Map<string, DocumentEntry>();
  private readonly kept = new Map<string, KeptCollection>();

  constructor(
    private readonly workspaceId: string,
    private readonly source: ReplicaSource,
    private readonly engine: LocalSearchEngine,
  ) {}

  /** Indexes every listed document; `progress` hears how far it got. */
  async build(progress: (done: number, total: number) => void): Promise<void> {
    await this.source.refresh();
    await this.refreshListings(false);
    const ids = [...this.listings.keys()];
    let done = 0;
    progress(done, ids.length);
    for (const id of ids) {
      await this.indexDocument(id);
      progress(++done, ids.length);
    }
  }

  /** Re-indexes documents whose replicas were written. */
  async update(docIds: Iterable<string>): Promise<void> {
    for (const id of docIds) {
      if (id === this.workspaceId) await this.refreshListings(true);
      else await this.indexDocument(id);
    }
  }

  private async refreshListings(follow: boolean): Promise<void> {
    const index = await this.source.load(this.workspaceId);
    if (!index || kindOf(index) !== 'workspace') return;
    const next = new Map(readWorkspaceIndex(index).documents.map((d) => [d.id, d]));
    index.destroy();
    const before = this.listings;
    this.listings = next;
    if (!follow) return;
    for (const [id, entry] of next) {
      const old = before.get(id);
      const trashed = entry.trashedAt !== null;
      if (
        !old ||
        (entry.kind === 'note' &&
          (old.title !== entry.title || old.tags.join() !== entry.tags.join()))
      )
        await this.indexDocument(id);
      else if ((old.trashedAt !== null) !== trashed) this.engine.setTrashed(id, trashed);
    }
    for (const id of before.keys()) if (!next.has(id)) this.forget(id);
  }

  private forget(id: string): void {
    this.engine.removeDocument(id);
    this.kept.get(id)?.doc.destroy();
    this.kept.delete(id);
  }

  private async indexDocument(id: string): Promise<void> {
    const listing = this.listings.get(id) ?? null;
    const trashed = listing?.trashedAt != null;
    const kept = this.kept.get(id);
    if (kept) return this.followCollection(id, kept);
    const doc = await this.source.load(id);
    if (!doc) return;
    this.engine.setDocument(id, searchEntriesOf(doc, id, listing), trashed);
    if (kindOf(doc) === 'annotations') {
      const stored = await this.source.read(id, null);
      this.kept.set(id, { doc, lastKey: stored?.lastKey ?? null });
    } else {
      doc.destroy();
    }
  }

  /** Applies a kept collection's new rows; re-indexes the annotations they changed. */
  private async followCollection(id: string, kept: KeptCollection): Promise<void> {
    const stored = await this.source.read(id, kept.lastKey);
    if (!stored || stored.updates.length === 0) return;
    const changes: Uint8Array[] = [];
    const collect = (u: Uint8Array) => changes.push(u);
    kept.doc.on('update', collect);
    for (const u of stored.updates) Y.applyUpdate(kept.doc, u);
    kept.doc.off('update', collect);
    kept.lastKey = stored.lastKey;
    const ids = new Set<string>();
    for (const u of changes)
      for (const a of touchedKeys(kept.doc, u).get('annotations') ?? []) ids.add(a);
    if (ids.size === 0) return;
    const entries = [...ids].flatMap((a) => annotationSearchEntries(kept.doc, id, a));
    this.engine.setAnnotations(id, [...ids], entries);
  }
}
