import { posix } from 'node:path';
import type { DocumentEntry, Folder } from '@fieldbook/shared';

// Control characters, path separators and characters some systems or Markdown links reserve.
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f/\\:*?"<>|#[\]()^%]+/g;

/** A name safe as one path segment on every OS (no separators, reserved characters, dots at the ends). */
export function safeName(name: string, fallback = 'Untitled'): string {
  const cleaned = name
    .replace(UNSAFE, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+|\.+$/g, '');
  return (cleaned || fallback).slice(0, 80).trim();
}

/** The folder path of each folder ("" for the root), names made safe. */
function folderPaths(folders: Folder[]): Map<string, string> {
  const byId = new Map(folders.map((f) => [f.id, f]));
  const paths = new Map<string, string>();
  const resolve = (id: string, seen: Set<string>): string => {
    const known = paths.get(id);
    if (known !== undefined) return known;
    const f = byId.get(id);
    if (!f || seen.has(id)) return '';
    seen.add(id);
    const parent = f.parentId ? resolve(f.parentId, seen) : '';
    const path = parent ? `${parent}/${safeName(f.name, 'Folder')}` : safeName(f.name, 'Folder');
    paths.set(id, path);
    return path;
  };
  for (const f of folders) resolve(f.id, new Set());
  return paths;
}

/** Whether folder `id` is `root` or lies inside it. */
export function inFolder(folders: Folder[], id: string | null, root: string | null): boolean {
  if (root === null) return true;
  const parents = new Map(folders.map((f) => [f.id, f.parentId]));
  for (let at = id, hops = 0; at !== null && hops <= folders.length; hops++) {
    if (at === root) return true;
    at = parents.get(at) ?? null;
  }
  return false;
}

/**
 * The Markdown file path of each note, mirroring the folder tree (relative to
 * `root`, or the workspace when null); notes of one folder with the same
 * title get " (2)", " (3)"… so no file overwrites another.
 */
export function notePaths(
  notes: DocumentEntry[],
  folders: Folder[],
  root: string | null,
): Map<string, string> {
  const dirs = folderPaths(folders);
  const base = root ? (dirs.get(root) ?? '') : '';
  const taken = new Set<string>();
  const out = new Map<string, string>();
  for (const n of notes) {
    let dir = n.folderId ? (dirs.get(n.folderId) ?? '') : '';
    if (base) dir = dir === base ? '' : dir.slice(base.length + 1);
    const stem = safeName(n.title);
    let path = posix.join(dir, `${stem}.md`);
    for (let i = 2; taken.has(path.toLowerCase()); i++) path = posix.join(dir, `${stem} (${i}).md`);
    taken.add(path.toLowerCase());
    out.set(n.id, path);
  }
  return out;
}

/** A relative link from the file at `from` to the file at `to`, URL-encoded for Markdown. */
export function relativeLink(from: string, to: string): string {
  const rel = posix.relative(posix.dirname(from), to) || posix.basename(to);
  return rel.split('/').map(encodeURIComponent).join('/');
}
