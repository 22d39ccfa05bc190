import { setImmediate as yieldTurn } from 'node:timers/promises';
import type * as Y from 'yjs';
import {
  annotationIdsOf,
  annotationSearchEntries,
  kindOf,
  noteSearchEntry,
  touchedKeys,
  type SearchEntry,
} from '@fieldbook/crdt-model';
import type { Listing } from './workspaceListing';

/** Annotations read per slice of a large collection before the event loop gets a turn. */
export const SLICE = 500;

/** Past this many updates waiting for one document, its rows are rebuilt whole. */
export const MAX_TRACKED_UPDATES = 256;

/** What to (re)write of a document: all of it, or the annotations the updates touched. */
export type RowScope = 'all' | { annotations: string[] };

/** The annotations `updates` touched in a collection, or `all` when too many to track. */
export function scopeOf(doc: Y.Doc, updates: readonly Uint8Array[] | null): RowScope {
  if (updates === null || updates.length > MAX_TRACKED_UPDATES) return 'all';
  const ids = new Set<string>();
  for (const u of updates)
    for (const id of touchedKeys(doc, u).get('annotations') ?? []) ids.add(id);
  return { annotations: [...ids] };
}

/**
 * The search rows of a note or annotation collection for `scope`, read in
 * slices: `emit` gets each slice (with the annotation ids it covers) and may
 * write it; between slices the event loop runs. Other kinds have no rows.
 */
export async function emitRows(
  doc: Y.Doc,
  docId: string,
  listing: Listing | undefined,
  updatedAt: number,
  scope: RowScope,
  emit: (rows: SearchEntry[], replace: RowScope) => Promise<void>,
): Promise<void> {
  const kind = kindOf(doc);
  if (kind === 'note') {
    const entry = noteSearchEntry(doc, docId, listing ?? null);
    return emit([{ ...entry, updatedAt: Math.max(entry.updatedAt, updatedAt) }], 'all');
  }
  if (kind !== 'annotations') return emit([], 'all');
  const ids = scope === 'all' ? annotationIdsOf(doc) : scope.annotations;
  if (ids.length === 0 && scope !== 'all') return;
  for (let i = 0; i < ids.length || (i === 0 && scope === 'all'); i += SLICE) {
    if (i > 0) await yieldTurn();
    const slice = ids.slice(i, i + SLICE);
    const rows = slice.flatMap((id) => annotationSearchEntries(doc, docId, id));
    // The first slice of a whole rebuild clears the document; later ones replace what they cover.
    await emit(rows, scope === 'all' && i === 0 ? 'all' : { annotations: slice });
  }
}
