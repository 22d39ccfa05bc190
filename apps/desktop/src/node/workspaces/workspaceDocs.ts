// The workspace operations the desktop UI needs, on top of the local store:
// every change is made with crdt-model functions on a Y.Doc loaded from the
// store, and what it changed is appended as local updates (which queues it
// for the server). A workspace's index document has the workspace's id.
import {
  createDocumentEntry,
  createNote,
  createWorkspaceIndex,
  kindOf,
  readNote,
  readWorkspaceIndex,
  type ModelOrigin,
} from '@fieldbook/crdt-model';
import { FieldbookError, newId, type DocumentEntry, type NoteSnapshot } from '@fieldbook/shared';
import * as Y from 'yjs';
import type { WorkspaceSummary } from '../../common/ipcContract';
import type { DocRef, LocalDocStore, UpdateToAppend } from '../../common/localStore/localDocStore';

/** The stored document as a Y.Doc; an empty one when the store has never seen it. */
export async function loadYDoc(store: LocalDocStore, docId: string): Promise<Y.Doc> {
  const doc = new Y.Doc();
  const stored = await store.loadDoc(docId);
  if (stored) Y.applyUpdate(doc, stored.state);
  return doc;
}

/** Runs `change` on the stored document and returns what it changed, ready to append. */
async function changeOf(
  store: LocalDocStore,
  ref: DocRef,
  change: (doc: Y.Doc) => void,
): Promise<UpdateToAppend[]> {
  const doc = await loadYDoc(store, ref.docId);
  const out: UpdateToAppend[] = [];
  doc.on('update', (update: Uint8Array) => out.push({ ...ref, update, source: 'local' }));
  change(doc);
  return out;
}

async function workspaceIndex(store: LocalDocStore, workspaceId: string): Promise<Y.Doc> {
  const doc = await loadYDoc(store, workspaceId);
  if (kindOf(doc) !== 'workspace') {
    throw new FieldbookError(
      'RESOURCE_NOT_FOUND',
      `Workspace ${workspaceId} is not in this profile`,
    );
  }
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

/** Creates a workspace (its index document) named `name`. */
export async function createWorkspace(
  store: LocalDocStore,
  name: string,
  origin: ModelOrigin,
): Promise<WorkspaceSummary> {
  const id = newId();
  const updates = await changeOf(store, { docId: id, workspaceId: id }, (doc) =>
    createWorkspaceIndex(doc, { name }, origin),
  );
  await store.appendUpdates(updates);
  return { id, name: readWorkspaceIndex(await loadYDoc(store, id)).name };
}

/** The workspace's documents that are not in the trash, in index order. */
export async function listDocumentEntries(
  store: LocalDocStore,
  workspaceId: string,
): Promise<DocumentEntry[]> {
  const index = readWorkspaceIndex(await workspaceIndex(store, workspaceId));
  return index.documents.filter((d) => d.trashedAt === null);
}

/** Creates a note and lists it in the workspace index, both in one store transaction. */
export async function createNoteInWorkspace(
  store: LocalDocStore,
  input: { workspaceId: string; title: string },
  origin: ModelOrigin,
): Promise<{ id: string }> {
  const { workspaceId, title } = input;
  await workspaceIndex(store, workspaceId);
  const id = newId();
  const listing = await changeOf(store, { docId: workspaceId, workspaceId }, (doc) =>
    createDocumentEntry(doc, { id, kind: 'note', title }, origin),
  );
  const note = await changeOf(store, { docId: id, workspaceId }, (doc) =>
    createNote(doc, { title }, origin),
  );
  await store.appendUpdates([...listing, ...note]);
  return { id };
}

/** A note as a plain snapshot; RESOURCE_NOT_FOUND when the store has no such note. */
export async function readNoteDoc(store: LocalDocStore, docId: string): Promise<NoteSnapshot> {
  const doc = await loadYDoc(store, docId);
  if (kindOf(doc) !== 'note')
    throw new FieldbookError('RESOURCE_NOT_FOUND', `Note ${docId} not found`);
  return readNote(doc);
}
