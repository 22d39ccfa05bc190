import {
  actorOrigin,
  createDocumentEntry,
  createNote,
  createWorkspaceIndex,
  editNoteText,
  readNote,
  readWorkspaceIndex,
  renameNote,
} from '@fieldbook/crdt-model';
import { newId } from '@fieldbook/shared';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { SqliteLocalDocStore } from '../localStore/sqliteLocalDocStore';
import { exportWorkspaceFile } from './exportWorkspace';
import type { WorkspaceFileProgress } from '@fieldbook/workspace-file';
import { importWorkspaceFile } from './importWorkspace';
import { editDoc, fingerprint, loadYDoc, newStore, tempDir } from './testReplica';

const dir = tempDir();
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const ada = actorOrigin('ada');
const bob = actorOrigin('bob');

/** A store holding a workspace (its index doc has the workspace's id) with one note and one attachment. */
async function seededWorkspace() {
  const store = newStore(dir);
  const workspaceId = newId();
  const noteId = newId();
  await editDoc(store, { docId: workspaceId, workspaceId }, (doc) => {
    createWorkspaceIndex(doc, { name: 'Rover ops' }, ada);
    createDocumentEntry(doc, { id: noteId, kind: 'note', title: 'Sol 12' }, ada);
  });
  await editDoc(store, { docId: noteId, workspaceId }, (doc) =>
    createNote(doc, { title: 'Sol 12', text: 'Drive halted at 14:02.' }, ada),
  );
  await store.putAttachment(workspaceId, new TextEncoder().encode('png bytes'), 'image/png');
  return { store, workspaceId, noteId };
}

async function snapshotOf(store: SqliteLocalDocStore, workspaceId: string, noteIds: string[]) {
  const index = readWorkspaceIndex(await loadYDoc(store, workspaceId));
  const notes = await Promise.all(noteIds.map(async (id) => readNote(await loadYDoc(store, id))));
  return { index, notes };
}

async function swap(from: SqliteLocalDocStore, to: SqliteLocalDocStore, workspaceId: string) {
  const path = join(dir, `${newId()}.fieldbook`);
  await exportWorkspaceFile(from, { workspaceId, exportedBy: 'test', path });
  return importWorkspaceFile(to, path);
}

describe('workspace files', () => {
  it('export then import into an empty store recreates the workspace', async () => {
    const { store, workspaceId, noteId } = await seededWorkspace();
    const path = join(dir, 'rover.fieldbook');
    const seen: WorkspaceFileProgress[] = [];
    const manifest = await exportWorkspaceFile(store, {
      workspaceId,
      exportedBy: 'ada@lab',
      path,
      onProgress: (p) => seen.push(p),
    });
    expect(manifest).toMatchObject({ workspaceId, documentCount: 2, attachmentCount: 1 });
    expect(seen).toEqual([
      { phase: 'documents', done: 1, total: 2 },
      { phase: 'documents', done: 2, total: 2 },
      { phase: 'attachments', done: 1, total: 1 },
      { phase: 'finishing', done: 1, total: 1 },
    ]);
    expect(readdirSync(dir).filter((f) => f.includes('.partial'))).toEqual([]);

    const other = newStore(dir);
    const result = await importWorkspaceFile(other, path);
    expect(result).toEqual({
      workspaceId,
      created: true,
      documentsAdded: 2,
      documentsMerged: 0,
      documentsUnchanged: 0,
      attachmentsAdded: 1,
    });
    expect(await snapshotOf(other, workspaceId, [noteId])).toEqual(
      await snapshotOf(store, workspaceId, [noteId]),
    );
    expect(await other.listAttachments(workspaceId)).toEqual(
      await store.listAttachments(workspaceId),
    );
    expect((await other.pendingOutbox()).length).toBe(2);

    const again = await importWorkspaceFile(other, path);
    expect(again).toMatchObject({ created: false, documentsUnchanged: 2, attachmentsAdded: 0 });
    expect((await other.pendingOutbox()).length).toBe(2);
  });

  it('two copies edited apart and swapped both ways converge', async () => {
    const { store: a, workspaceId, noteId } = await seededWorkspace();
    const b = newStore(dir);
    await swap(a, b, workspaceId);

    await editDoc(a, { docId: noteId, workspaceId }, (doc) => {
      editNoteText(doc, { index: 0, insert: '[Ada] ' }, ada);
      renameNote(doc, { title: 'Sol 12 — drive fault' }, ada);
    });
    const bobNote = newId();
    await editDoc(b, { docId: noteId, workspaceId }, (doc) =>
      editNoteText(
        doc,
        { index: doc.getText('body').length, insert: ' Bob: restarted at 14:30.' },
        bob,
      ),
    );
    await editDoc(b, { docId: workspaceId, workspaceId }, (doc) =>
      createDocumentEntry(doc, { id: bobNote, kind: 'note', title: 'Wheel check' }, bob),
    );
    await editDoc(b, { docId: bobNote, workspaceId }, (doc) =>
      createNote(doc, { title: 'Wheel check', text: 'All six nominal.' }, bob),
    );

    const intoB = await swap(a, b, workspaceId);
    expect(intoB).toMatchObject({ created: false, documentsMerged: 1, documentsUnchanged: 1 });
    const intoA = await swap(b, a, workspaceId);
    expect(intoA).toMatchObject({ created: false, documentsAdded: 1, documentsMerged: 2 });

    const fromA = await snapshotOf(a, workspaceId, [noteId, bobNote]);
    expect(await snapshotOf(b, workspaceId, [noteId, bobNote])).toEqual(fromA);
    expect(fromA.notes[0]?.title).toBe('Sol 12 — drive fault');
    expect(fromA.notes[0]?.text).toBe('[Ada] Drive halted at 14:02. Bob: restarted at 14:30.');
    expect(fromA.index.documents.map((d) => d.title).sort()).toEqual(['Sol 12', 'Wheel check']);
  });

  it('an export that fails midway leaves no file and keeps an older one intact', async () => {
    const { store, workspaceId } = await seededWorkspace();
    const path = join(dir, 'kept.fieldbook');
    writeFileSync(path, 'an older export');
    const abort = () => {
      throw new Error('disk full');
    };
    await expect(
      exportWorkspaceFile(store, { workspaceId, exportedBy: 'ada', path, onProgress: abort }),
    ).rejects.toThrow('disk full');
    expect(readFileSync(path, 'utf8')).toBe('an older export');
    expect(readdirSync(dir).filter((f) => f.includes('kept.fieldbook.'))).toEqual([]);
    const fresh = join(dir, 'never.fieldbook');
    await expect(
      exportWorkspaceFile(store, {
        workspaceId,
        exportedBy: 'ada',
        path: fresh,
        onProgress: abort,
      }),
    ).rejects.toThrow();
    expect(existsSync(fresh)).toBe(false);
  });

  it('refuses to export an unknown workspace or with a bad request', async () => {
    const store = newStore(dir);
    const before = await fingerprint(store);
    const path = join(dir, 'none.fieldbook');
    await expect(
      exportWorkspaceFile(store, { workspaceId: newId(), exportedBy: 'ada', path }),
    ).rejects.toMatchObject({ code: 'RESOURCE_NOT_FOUND' });
    await expect(
      exportWorkspaceFile(store, { workspaceId: 'nope', exportedBy: 'ada', path }),
    ).rejects.toMatchObject({ code: 'VALIDATION_ERROR' });
    expect(existsSync(path)).toBe(false);
    expect(await fingerprint(store)).toEqual(before);
  });
});
