import type * as Y from 'yjs';
import { z } from 'zod';
import { IdSchema } from '@fieldbook/shared';
import type { ModelOrigin } from '../origin';
import { beginChange } from '../schemaVersion';
import { invalidOperation, parseInput } from '../validate';
import { documentsOf, foldersOf, requireEntry, requireFolder, touched } from './structure';

// Changes that touch many entries at once — a folder deleted with what it
// holds, a chart trashed with its annotations, the trash emptied — each as
// one transaction, so one user action is one update (and one undo).

/** Ids of a folder and every folder below it. */
function folderAndDescendants(doc: Y.Doc, id: string): Set<string> {
  const ids = new Set([id]);
  for (let grew = true; grew;) {
    grew = false;
    for (const [childId, child] of foldersOf(doc).entries()) {
      const parent = child.get('parentId');
      if (!ids.has(childId) && typeof parent === 'string' && ids.has(parent)) {
        ids.add(childId);
        grew = true;
      }
    }
  }
  return ids;
}

/**
 * Deletes a folder and its sub-folders; every document inside them moves to
 * the trash (restorable, to the root). Returns the ids of the documents trashed.
 */
export function trashFolder(doc: Y.Doc, input: { id: string }, origin: ModelOrigin): string[] {
  const now = beginChange(doc, 'workspace', origin);
  const { id } = parseInput(z.strictObject({ id: IdSchema }), input, 'folder id');
  requireFolder(doc, id);
  const folders = folderAndDescendants(doc, id);
  const trashed: string[] = [];
  doc.transact(() => {
    for (const [docId, entry] of documentsOf(doc).entries()) {
      const folderId = entry.get('folderId');
      if (typeof folderId !== 'string' || !folders.has(folderId)) continue;
      entry.set('folderId', null);
      if (entry.get('trashedAt') === null) {
        entry.set('trashedAt', now);
        trashed.push(docId);
      }
      touched(entry, now, origin);
    }
    for (const folderId of folders) foldersOf(doc).delete(folderId);
  }, origin);
  return trashed.sort();
}

/**
 * Trashes or restores a document together with the documents it owns (a
 * chart and its annotation collection), as one change. `trashed`: the state wanted.
 */
export function setTrashedWithOwned(
  doc: Y.Doc,
  input: { id: string; trashed: boolean },
  origin: ModelOrigin,
): void {
  const now = beginChange(doc, 'workspace', origin);
  const { id, trashed } = parseInput(
    z.strictObject({ id: IdSchema, trashed: z.boolean() }),
    input,
    'document trash',
  );
  const entry = requireEntry(doc, id);
  if ((entry.get('trashedAt') !== null) === trashed) {
    throw invalidOperation(
      trashed ? 'This document is already in the trash' : 'This document is not in the trash',
      { id },
    );
  }
  doc.transact(() => {
    for (const [otherId, other] of documentsOf(doc).entries()) {
      if (otherId !== id && other.get('ownerId') !== id) continue;
      if ((other.get('trashedAt') !== null) === trashed) continue;
      other.set('trashedAt', trashed ? now : null);
      touched(other, now, origin);
    }
  }, origin);
}

/** Removes every trashed document from the list for good. Returns the ids removed. */
export function emptyTrash(doc: Y.Doc, origin: ModelOrigin): string[] {
  beginChange(doc, 'workspace', origin);
  const ids = [...documentsOf(doc).entries()]
    .filter(([, entry]) => entry.get('trashedAt') !== null)
    .map(([id]) => id)
    .sort();
  if (ids.length === 0) return ids;
  doc.transact(() => {
    for (const id of ids) documentsOf(doc).delete(id);
  }, origin);
  return ids;
}

/** Records that the user changed a document's content (a note's text): who and when. */
export function touchDocument(doc: Y.Doc, input: { id: string }, origin: ModelOrigin): void {
  const now = beginChange(doc, 'workspace', origin);
  const { id } = parseInput(z.strictObject({ id: IdSchema }), input, 'document id');
  const entry = requireEntry(doc, id);
  doc.transact(() => touched(entry, now, origin), origin);
}
