import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { WorkspaceIndexSnapshotSchema, newId } from '@fieldbook/shared';
import {
  createDocumentEntry,
  moveDocument,
  purgeDocument,
  renameDocument,
  restoreDocument,
  tagDocument,
  trashDocument,
} from './documents';
import {
  createFolder,
  createWorkspaceIndex,
  deleteFolder,
  moveFolder,
  renameFolder,
  renameWorkspace,
  setTagColor,
} from './folders';
import { readDocumentEntry, readWorkspaceIndex } from './reader';
import { actorOf } from '../origin';
import { expectRejected, syncAll, testOrigin, updatesOf } from '../testSupport';

function workspace(actor = 'alice') {
  const doc = new Y.Doc();
  const me = testOrigin(actor);
  createWorkspaceIndex(doc, { name: 'Rover ops' }, me);
  return { doc, me };
}

const read = (doc: Y.Doc) => WorkspaceIndexSnapshotSchema.parse(readWorkspaceIndex(doc));

describe('workspace index: documents', () => {
  it('lists a new document with its creator and times, as one update carrying the origin', () => {
    const { doc, me } = workspace();
    let id = '';
    const updates = updatesOf(doc, () => {
      id = createDocumentEntry(doc, { kind: 'note', title: 'Day 1', tags: ['ops', 'ops'] }, me);
    });
    expect(updates).toHaveLength(1);
    expect(updates[0]!.origin).toBe(me);
    const snap = read(doc);
    expect(snap.name).toBe('Rover ops');
    expect(snap.schemaVersion).toBe(1);
    expect(snap.documents).toEqual([
      {
        id,
        kind: 'note',
        title: 'Day 1',
        tags: ['ops'],
        folderId: null,
        createdBy: 'alice',
        createdAt: expect.any(Number),
        updatedAt: expect.any(Number),
        trashedAt: null,
      },
    ]);
    expect(readDocumentEntry(doc, id)).toEqual(snap.documents[0]);
    expect(readDocumentEntry(doc, newId())).toBeNull();
  });

  it('renames, moves, tags, trashes, restores and purges a document', () => {
    const { doc, me } = workspace();
    const id = createDocumentEntry(doc, { kind: 'annotations', title: 'Anomalies' }, me);
    const folderId = createFolder(doc, { name: 'Sol 12' }, me);
    const created = readDocumentEntry(doc, id)!;

    renameDocument(doc, { id, title: 'Anomalies, sol 12' }, me);
    moveDocument(doc, { id, folderId }, me);
    tagDocument(doc, { id, add: ['thermal', 'review'] }, me);
    tagDocument(doc, { id, add: ['power'], remove: ['review'] }, me);
    let entry = readDocumentEntry(doc, id)!;
    expect(entry).toMatchObject({
      title: 'Anomalies, sol 12',
      folderId,
      tags: ['power', 'thermal'],
    });
    expect(entry.updatedAt).toBeGreaterThan(created.updatedAt);

    trashDocument(doc, { id }, me);
    entry = readDocumentEntry(doc, id)!;
    expect(entry.trashedAt).toEqual(expect.any(Number));
    expectRejected(doc, 'MODEL_INVALID_OPERATION', () => trashDocument(doc, { id }, me));

    restoreDocument(doc, { id }, me);
    expect(readDocumentEntry(doc, id)!.trashedAt).toBeNull();
    expectRejected(doc, 'MODEL_INVALID_OPERATION', () => restoreDocument(doc, { id }, me));
    expectRejected(doc, 'MODEL_INVALID_OPERATION', () => purgeDocument(doc, { id }, me));

    moveDocument(doc, { id, folderId: null }, me);
    expect(readDocumentEntry(doc, id)!.folderId).toBeNull();
    trashDocument(doc, { id }, me);
    purgeDocument(doc, { id }, me);
    expect(read(doc).documents).toEqual([]);
  });

  it('sorts documents by creation time, then id', () => {
    const { doc } = workspace();
    const late = createDocumentEntry(doc, { kind: 'view', title: 'b' }, testOrigin('x', 2000));
    const early = createDocumentEntry(doc, { kind: 'note', title: 'a' }, testOrigin('x', 1000));
    expect(read(doc).documents.map((d) => d.id)).toEqual([early, late]);
  });

  it('rejects bad input, unknown ids and conflicts without touching the document', () => {
    const { doc, me } = workspace();
    const id = createDocumentEntry(doc, { kind: 'note', title: 'n' }, me);
    const err = expectRejected(doc, 'VALIDATION_ERROR', () =>
      createDocumentEntry(doc, { kind: 'spreadsheet' as 'note', title: 'x' }, me),
    );
    expect(err.message).toMatch(/Invalid document entry: kind/);
    expectRejected(doc, 'VALIDATION_ERROR', () =>
      renameDocument(doc, { id, title: 'x'.repeat(501) }, me),
    );
    expectRejected(doc, 'VALIDATION_ERROR', () =>
      renameDocument(doc, { id: 'nope', title: 'x' }, me),
    );
    expectRejected(doc, 'VALIDATION_ERROR', () => tagDocument(doc, { id, add: [' '] }, me));
    expectRejected(doc, 'VALIDATION_ERROR', () =>
      renameDocument(doc, { id, title: 'x', extra: 1 } as never, me),
    );
    expectRejected(doc, 'RESOURCE_NOT_FOUND', () =>
      renameDocument(doc, { id: newId(), title: 'x' }, me),
    );
    expectRejected(doc, 'RESOURCE_NOT_FOUND', () =>
      moveDocument(doc, { id, folderId: newId() }, me),
    );
    expectRejected(doc, 'CONFLICT', () =>
      createDocumentEntry(doc, { id, kind: 'note', title: 'n' }, me),
    );
    const many = Array.from({ length: 40 }, (_, i) => `t${i}`);
    tagDocument(doc, { id, add: many }, me);
    expectRejected(doc, 'MODEL_INVALID_OPERATION', () =>
      tagDocument(doc, { id, add: many.map((t) => `${t}x`) }, me),
    );
    expectRejected(doc, 'VALIDATION_ERROR', () =>
      renameDocument(doc, { id, title: 'x' }, { actor: '' }),
    );
  });

  it('refuses to treat another kind of document (or an empty one) as a workspace index', () => {
    const empty = new Y.Doc();
    const me = testOrigin();
    expectRejected(empty, 'MODEL_INVALID_OPERATION', () =>
      createDocumentEntry(empty, { kind: 'note', title: 'n' }, me),
    );
    const { doc } = workspace();
    expectRejected(doc, 'MODEL_INVALID_OPERATION', () =>
      createWorkspaceIndex(doc, { name: 'again' }, me),
    );
  });

  it('records the actor of each change as the transaction origin', () => {
    const { doc } = workspace();
    const bob = testOrigin('bob');
    const actors: (string | null)[] = [];
    doc.on('afterTransaction', (tr: Y.Transaction) => actors.push(actorOf(tr)));
    renameWorkspace(doc, { name: 'Lab' }, bob);
    expect(actors).toEqual(['bob']);
    expect(read(doc).name).toBe('Lab');
  });
});

describe('workspace index: folders and tag colours', () => {
  it('creates, renames, nests and deletes folders; deleting moves content up', () => {
    const { doc, me } = workspace();
    const top = createFolder(doc, { name: 'Mission' }, me);
    const mid = createFolder(doc, { name: 'Sol 1', parentId: top }, me);
    const leaf = createFolder(doc, { name: 'Cameras', parentId: mid }, me);
    const noteId = createDocumentEntry(doc, { kind: 'note', title: 'n', folderId: mid }, me);
    renameFolder(doc, { id: leaf, name: 'Imaging' }, me);
    expectRejected(doc, 'MODEL_INVALID_OPERATION', () =>
      moveFolder(doc, { id: top, parentId: leaf }, me),
    );
    expectRejected(doc, 'MODEL_INVALID_OPERATION', () =>
      moveFolder(doc, { id: top, parentId: top }, me),
    );
    expectRejected(doc, 'RESOURCE_NOT_FOUND', () =>
      moveFolder(doc, { id: top, parentId: newId() }, me),
    );
    expectRejected(doc, 'VALIDATION_ERROR', () => createFolder(doc, { name: '' }, me));

    deleteFolder(doc, { id: mid }, me);
    const snap = read(doc);
    expect(snap.folders).toEqual([
      { id: leaf, name: 'Imaging', parentId: top },
      { id: top, name: 'Mission', parentId: null },
    ]);
    expect(readDocumentEntry(doc, noteId)!.folderId).toBe(top);

    moveFolder(doc, { id: leaf, parentId: null }, me);
    expect(read(doc).folders.find((f) => f.id === leaf)!.parentId).toBeNull();
    expectRejected(doc, 'RESOURCE_NOT_FOUND', () => deleteFolder(doc, { id: mid }, me));
  });

  it('shows the same tree on every replica after concurrent moves make a cycle', () => {
    const a = workspace();
    const b = new Y.Doc();
    const x = createFolder(a.doc, { name: 'X' }, a.me);
    const y = createFolder(a.doc, { name: 'Y' }, a.me);
    syncAll(a.doc, b);
    moveFolder(a.doc, { id: x, parentId: y }, a.me);
    moveFolder(b, { id: y, parentId: x }, testOrigin('bob'));
    syncAll(a.doc, b);
    const snap = read(a.doc);
    expect(read(b)).toEqual(snap);
    const smaller = [x, y].sort()[0]!;
    expect(snap.folders.find((f) => f.id === smaller)!.parentId).toBeNull();
  });

  it('sends a document into the root when its folder is deleted concurrently', () => {
    const a = workspace();
    const b = new Y.Doc();
    const folder = createFolder(a.doc, { name: 'F' }, a.me);
    const id = createDocumentEntry(a.doc, { kind: 'note', title: 'n' }, a.me);
    syncAll(a.doc, b);
    moveDocument(a.doc, { id, folderId: folder }, a.me);
    deleteFolder(b, { id: folder }, testOrigin('bob'));
    syncAll(a.doc, b);
    expect(readDocumentEntry(a.doc, id)!.folderId).toBeNull();
    expect(read(b)).toEqual(read(a.doc));
  });

  it('sets and clears tag colours', () => {
    const { doc, me } = workspace();
    setTagColor(doc, { tag: 'thermal', color: '#FF8800' }, me);
    setTagColor(doc, { tag: 'anomaly', color: '#ff0000' }, me);
    expect(read(doc).tagColors).toEqual({ anomaly: '#ff0000', thermal: '#ff8800' });
    setTagColor(doc, { tag: 'thermal', color: null }, me);
    expect(Object.keys(read(doc).tagColors)).toEqual(['anomaly']);
    expectRejected(doc, 'VALIDATION_ERROR', () => setTagColor(doc, { tag: 'x', color: 'red' }, me));
  });
});
