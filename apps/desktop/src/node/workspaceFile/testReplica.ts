// Test helpers: a user's local store and the way the app edits documents in it
// (load the stored state into a Y.Doc, change it, append the update).
import { newId } from '@fieldbook/shared';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import { SqliteLocalDocStore } from '../localStore/sqliteLocalDocStore';

/** A fresh temp directory for one test file's stores and workspace files. */
export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'fieldbook-wsfile-'));
}

/** Opens a new SQLite store in `dir`. */
export function newStore(dir: string): SqliteLocalDocStore {
  return SqliteLocalDocStore.open(join(dir, `${newId()}.sqlite`));
}

/** Applies `change` to the stored document and appends what it changed as a local update. */
export async function editDoc(
  store: SqliteLocalDocStore,
  ref: { docId: string; workspaceId: string },
  change: (doc: Y.Doc) => void,
): Promise<void> {
  const doc = await loadYDoc(store, ref.docId);
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  change(doc);
  await store.appendUpdates(updates.map((update) => ({ ...ref, update, source: 'local' })));
}

/** The stored document as a Y.Doc (empty when unknown). */
export async function loadYDoc(store: SqliteLocalDocStore, docId: string): Promise<Y.Doc> {
  const doc = new Y.Doc();
  const stored = await store.loadDoc(docId);
  if (stored) Y.applyUpdate(doc, stored.state);
  return doc;
}

/** Everything observable in a store, to show that a refused import changed nothing. */
export async function fingerprint(store: SqliteLocalDocStore): Promise<unknown> {
  const docs = await store.listDocs();
  const states = await Promise.all(docs.map((d) => store.loadDoc(d.docId)));
  const workspaces = await store.listWorkspaces();
  const attachments = await Promise.all(workspaces.map((w) => store.listAttachments(w)));
  return { docs, states, workspaces, attachments, outbox: await store.pendingOutbox(100_000) };
}
