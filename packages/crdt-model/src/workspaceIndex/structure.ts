import type * as Y from 'yjs';
import type { ModelOrigin } from '../origin';
import { notFound } from '../validate';

// A workspace index document: root `meta` {kind, schemaVersion, name},
// `documents` id → Y.Map entry (tags as a Y.Map set), `folders` id → Y.Map,
// `tagColors` tag → hex colour.

/** The workspace's document entries, id → Y.Map. */
export const documentsOf = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>('documents');
/** The workspace's folders, id → Y.Map. */
export const foldersOf = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>('folders');
/** Tag colours, tag → "#rrggbb". */
export const tagColorsOf = (doc: Y.Doc) => doc.getMap<string>('tagColors');

/** The entry of document `id`, or RESOURCE_NOT_FOUND. */
export function requireEntry(doc: Y.Doc, id: string): Y.Map<unknown> {
  const entry = documentsOf(doc).get(id);
  if (!entry) throw notFound('document', id);
  return entry;
}

/** Folder `id`, or RESOURCE_NOT_FOUND. */
export function requireFolder(doc: Y.Doc, id: string): Y.Map<unknown> {
  const folder = foldersOf(doc).get(id);
  if (!folder) throw notFound('folder', id);
  return folder;
}

/** Records who changed a listed document last, and when; call inside a transaction. */
export function touched(entry: Y.Map<unknown>, now: number, origin: ModelOrigin): void {
  entry.set('updatedAt', now);
  entry.set('updatedBy', origin.actor);
}
