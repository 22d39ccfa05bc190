import * as Y from 'yjs';
import type { DocumentEntry, Folder, WorkspaceIndexSnapshot } from '@fieldbook/shared';
import { metaOf, schemaVersionOf } from '../schemaVersion';
import { readTags } from '../sets';
import { documentsOf, foldersOf, tagColorsOf } from './structure';

const str = (v: unknown, fallback = ''): string => (typeof v === 'string' ? v : fallback);
const int = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

/**
 * Folders with parents resolved: a parent that was deleted concurrently
 * counts as the root, and a cycle made by two concurrent moves is broken at
 * its smallest id, so every replica shows the same tree.
 */
function readFolders(doc: Y.Doc): Folder[] {
  const parents = new Map<string, string | null>();
  const names = new Map<string, string>();
  for (const [id, folder] of foldersOf(doc).entries()) {
    parents.set(id, str(folder.get('parentId')) || null);
    names.set(id, str(folder.get('name'), 'Folder') || 'Folder');
  }
  for (const [id, parent] of parents)
    if (parent !== null && !parents.has(parent)) parents.set(id, null);
  const done = new Set<string>();
  for (const start of parents.keys()) {
    const path: string[] = [];
    let at: string | null = start;
    while (at !== null && !done.has(at) && !path.includes(at)) {
      path.push(at);
      at = parents.get(at) ?? null;
    }
    if (at !== null && path.includes(at)) {
      const cycle = path.slice(path.indexOf(at));
      parents.set(cycle.sort()[0]!, null);
    }
    for (const id of path) done.add(id);
  }
  const folders = [...parents].map(([id, parentId]) => ({ id, name: names.get(id)!, parentId }));
  return folders.sort((a, b) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0,
  );
}

function readEntry(id: string, entry: Y.Map<unknown>, folders: Set<string>): DocumentEntry {
  const kind = entry.get('kind');
  const folderId = str(entry.get('folderId')) || null;
  const trashedAt = entry.get('trashedAt');
  return {
    id,
    kind: kind === 'annotations' || kind === 'view' ? kind : 'note',
    title: str(entry.get('title')),
    tags: readTags(entry.get('tags')),
    folderId: folderId !== null && folders.has(folderId) ? folderId : null,
    createdBy: str(entry.get('createdBy'), 'unknown') || 'unknown',
    createdAt: int(entry.get('createdAt')),
    updatedAt: int(entry.get('updatedAt')),
    trashedAt: typeof trashedAt === 'number' ? trashedAt : null,
  };
}

/** The listed document `id` as a plain entry, or null when the workspace does not list it. */
export function readDocumentEntry(doc: Y.Doc, id: string): DocumentEntry | null {
  const entry = documentsOf(doc).get(id);
  if (!(entry instanceof Y.Map)) return null;
  return readEntry(id, entry, new Set(foldersOf(doc).keys()));
}

/** The whole workspace index as a plain snapshot (WorkspaceIndexSnapshotSchema). */
export function readWorkspaceIndex(doc: Y.Doc): WorkspaceIndexSnapshot {
  const folderIds = new Set(foldersOf(doc).keys());
  const documents = [...documentsOf(doc).entries()]
    .map(([id, entry]) => readEntry(id, entry, folderIds))
    .sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const tagColors: Record<string, string> = {};
  for (const tag of [...tagColorsOf(doc).keys()].sort())
    tagColors[tag] = tagColorsOf(doc).get(tag)!;
  return {
    schemaVersion: Math.max(1, schemaVersionOf(doc)),
    name: str(metaOf(doc).get('name')),
    documents,
    folders: readFolders(doc),
    tagColors,
  };
}
