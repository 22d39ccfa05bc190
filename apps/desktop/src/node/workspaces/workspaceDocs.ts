// What main itself reads from the local store about workspaces. Documents are
// made and changed in the renderer (with crdt-model) and reach the store as
// appended updates; a workspace's index document has the workspace's id.
import { kindOf, readWorkspaceIndex } from '@fieldbook/crdt-model';
import * as Y from 'yjs';
import type { WorkspaceSummary } from '../../common/ipcContract';
import type { LocalDocStore } from '../../common/localStore/localDocStore';

/** The stored document as a Y.Doc; an empty one when the store has never seen it. */
async function loadYDoc(store: LocalDocStore, docId: string): Promise<Y.Doc> {
  const doc = new Y.Doc();
  const stored = await store.loadDoc(docId);
  if (stored) Y.applyUpdate(doc, stored.state);
  return doc;
}

/** Every workspace in the store with its name, sorted by name. */
export async function listWorkspaces(store: LocalDocStore): Promise<WorkspaceSummary[]> {
  const out: WorkspaceSummary[] = [];
  for (const id of await store.listWorkspaces()) {
    const doc = await loadYDoc(store, id);
    if (kindOf(doc) === 'workspace') out.push({ id, name: readWorkspaceIndex(doc).name });
  }
  return out.sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
}
