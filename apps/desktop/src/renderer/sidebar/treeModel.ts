import type { DocumentActivity } from '@fieldbook/crdt-model';
import type { DocumentEntry, Folder, WorkspaceIndexSnapshot } from '@fieldbook/shared';
import { hasTag } from '../tags/tagNames';

/** A folder with what it holds, for the sidebar tree. */
export interface FolderNode {
  readonly folder: Folder;
  readonly folders: readonly FolderNode[];
  readonly docs: readonly DocumentEntry[];
}

/** The sidebar's document tree: folders (nested) and the documents at the root. */
export interface Tree {
  readonly folders: readonly FolderNode[];
  readonly docs: readonly DocumentEntry[];
  /** How many documents match the filter. */
  readonly count: number;
}

/** What the tree shows: everything, or what carries a tag or has words in its title. */
export interface TreeQuery {
  readonly tag?: string;
  readonly text?: string;
}

const byTitle = (a: DocumentEntry, b: DocumentEntry) =>
  a.title.localeCompare(b.title, undefined, { numeric: true, sensitivity: 'base' }) ||
  a.createdAt - b.createdAt;

/**
 * Whether a document is listed on its own: not when another listed document
 * owns it (a chart's annotation collection opens from the chart). Collections
 * made before owners were recorded are matched to their chart by name.
 */
export function isOwned(
  entry: DocumentEntry,
  listed: ReadonlyMap<string, DocumentEntry>,
  activity: ReadonlyMap<string, DocumentActivity>,
): boolean {
  const owner = activity.get(entry.id)?.ownerId;
  if (owner) return listed.has(owner);
  if (entry.kind !== 'annotations') return false;
  for (const other of listed.values()) {
    if (
      other.kind === 'view' &&
      other.createdBy === entry.createdBy &&
      Math.abs(other.createdAt - entry.createdAt) < 5_000 &&
      entry.title === `${other.title} annotations`
    ) {
      return true;
    }
  }
  return false;
}

/** The documents the sidebar lists: live, not owned by another, matching the query. */
export function listedDocuments(
  index: WorkspaceIndexSnapshot,
  activity: ReadonlyMap<string, DocumentActivity>,
  query: TreeQuery = {},
): DocumentEntry[] {
  const live = new Map(index.documents.filter((d) => d.trashedAt === null).map((d) => [d.id, d]));
  const words = (query.text ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  return [...live.values()]
    .filter((d) => !isOwned(d, live, activity))
    .filter((d) => !query.tag || hasTag(d, query.tag))
    .filter((d) => words.every((w) => d.title.toLowerCase().includes(w)));
}

/** Builds the tree; with a query, folders holding no match are left out. */
export function buildTree(
  index: WorkspaceIndexSnapshot,
  activity: ReadonlyMap<string, DocumentActivity>,
  query: TreeQuery = {},
): Tree {
  const docs = listedDocuments(index, activity, query).sort(byTitle);
  const filtering = Boolean(query.tag || query.text);
  const node = (folder: Folder): FolderNode | null => {
    const folders = index.folders
      .filter((f) => f.parentId === folder.id)
      .map(node)
      .filter((n): n is FolderNode => n !== null);
    const inside = docs.filter((d) => d.folderId === folder.id);
    if (filtering && folders.length === 0 && inside.length === 0) return null;
    return { folder, folders, docs: inside };
  };
  return {
    folders: index.folders
      .filter((f) => f.parentId === null)
      .map(node)
      .filter((n): n is FolderNode => n !== null),
    docs: docs.filter((d) => d.folderId === null),
    count: docs.length,
  };
}

/** The folders from the root down to `folderId` (for breadcrumbs). */
export function folderPath(folders: readonly Folder[], folderId: string | null): Folder[] {
  const byId = new Map(folders.map((f) => [f.id, f]));
  const path: Folder[] = [];
  for (
    let at = folderId ? byId.get(folderId) : undefined;
    at;
    at = at.parentId ? byId.get(at.parentId) : undefined
  ) {
    if (path.includes(at)) break;
    path.unshift(at);
  }
  return path;
}

/** Folders a folder may move into: not itself, nor any folder inside it. */
export function moveTargets(folders: readonly Folder[], folderId: string): Folder[] {
  const inside = new Set([folderId]);
  for (let grew = true; grew;) {
    grew = false;
    for (const f of folders) {
      if (f.parentId && inside.has(f.parentId) && !inside.has(f.id)) {
        inside.add(f.id);
        grew = true;
      }
    }
  }
  return folders.filter((f) => !inside.has(f.id));
}
