import { noteLinks, noteBody } from '@fieldbook/crdt-model';
import type { DocumentEntry } from '@fieldbook/shared';
import * as Y from 'yjs';
import { localDbName } from '../sync/docReplica';

/** Links found in a note, remembered with the entry's updatedAt they were read at. */
const cache = new Map<string, { updatedAt: number; links: string[] }>();

function readUpdates(name: string): Promise<Uint8Array[]> {
  return new Promise((resolve) => {
    const open = indexedDB.open(name);
    open.onupgradeneeded = () => open.transaction?.abort();
    open.onerror = () => resolve([]);
    open.onsuccess = () => {
      const db = open.result;
      if (!db.objectStoreNames.contains('updates')) {
        db.close();
        resolve([]);
        return;
      }
      const req = db.transaction('updates', 'readonly').objectStore('updates').getAll();
      req.onsuccess = () => {
        db.close();
        resolve(req.result as Uint8Array[]);
      };
      req.onerror = () => {
        db.close();
        resolve([]);
      };
    };
  });
}

async function linksOf(profileId: string, note: DocumentEntry): Promise<string[]> {
  const known = cache.get(note.id);
  if (known && known.updatedAt === note.updatedAt) return known.links;
  const doc = new Y.Doc();
  for (const update of await readUpdates(localDbName(profileId, note.id))) {
    try {
      Y.applyUpdate(doc, update);
    } catch {
      // A damaged row: the rest still says what the note links to.
    }
  }
  const links = noteLinks(noteBody(doc).toString());
  doc.destroy();
  cache.set(note.id, { updatedAt: note.updatedAt, links });
  return links;
}

/**
 * The links of every live note of a workspace, read from this machine's
 * copies (every document is kept locally), re-read only for notes changed
 * since: pairs of note id and the ids it links to, for collectBacklinks;
 * null when `cancelled` said to stop.
 */
export async function workspaceLinks(
  profileId: string,
  documents: readonly DocumentEntry[],
  cancelled: () => boolean = () => false,
): Promise<[string, string[]][] | null> {
  const notes = documents.filter((d) => d.kind === 'note' && d.trashedAt === null);
  const out: [string, string[]][] = [];
  // A few databases at a time; a newer question (the index changed again) stops this one.
  for (let i = 0; i < notes.length; i += READ_AT_ONCE) {
    if (cancelled()) return null;
    const batch = notes.slice(i, i + READ_AT_ONCE);
    const links = await Promise.all(batch.map((note) => linksOf(profileId, note)));
    batch.forEach((note, j) => out.push([note.id, links[j]!]));
  }
  return out;
}

/** Notes read in parallel when gathering links. */
const READ_AT_ONCE = 8;
