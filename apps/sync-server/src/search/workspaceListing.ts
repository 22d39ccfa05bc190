import type * as Y from 'yjs';
import { readDocumentEntry } from '@fieldbook/crdt-model';
import type { DocumentEntry } from '@fieldbook/shared';

/** What search takes from a document's workspace-index entry. */
export type Listing = DocumentEntry;

/** The listed documents of a workspace index by id: all of them, or those of `ids` still listed. */
export function readListings(
  index: Y.Doc,
  ids: Iterable<string> | null = null,
): Map<string, Listing> {
  const out = new Map<string, Listing>();
  for (const id of ids ?? index.getMap('documents').keys()) {
    const entry = readDocumentEntry(index, id);
    if (entry) out.set(id, entry);
  }
  return out;
}

/** How a workspace's listings changed between two reads. */
export interface ListingChanges {
  /** Trash state changed (and nothing a row shows). */
  trash: { docId: string; trashed: boolean }[];
  /** Newly listed, or title, tags, creator or time changed: rows must be rebuilt. */
  reindex: string[];
  /** No longer listed (purged). */
  removed: string[];
}

const sameRowFields = (a: Listing, b: Listing) =>
  a.title === b.title &&
  a.createdBy === b.createdBy &&
  a.updatedAt === b.updatedAt &&
  a.tags.join('\n') === b.tags.join('\n');

/**
 * Compares two reads of the listings `ids` (absent from `after`: no longer
 * listed; absent from `before`: new or not known, so re-indexed).
 */
export function diffListings(
  before: ReadonlyMap<string, Listing>,
  after: ReadonlyMap<string, Listing>,
  ids: Iterable<string>,
): ListingChanges {
  const changes: ListingChanges = { trash: [], reindex: [], removed: [] };
  for (const id of ids) {
    const entry = after.get(id);
    if (!entry) {
      changes.removed.push(id);
      continue;
    }
    const old = before.get(id);
    if (!old) {
      changes.reindex.push(id);
      continue;
    }
    // Notes show their listing's title, tags, creator and time; collections show none of it.
    if (entry.kind === 'note' && !sameRowFields(old, entry)) changes.reindex.push(id);
    else if ((old.trashedAt === null) !== (entry.trashedAt === null))
      changes.trash.push({ docId: id, trashed: entry.trashedAt !== null });
  }
  return changes;
}
