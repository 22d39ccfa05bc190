import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { readDocumentActivity } from './activity';
import { createDocumentEntry, renameDocument, trashDocument } from './documents';
import { createFolder, createWorkspaceIndex, moveFolder } from './folders';
import { emptyTrash, setTrashedWithOwned, touchDocument, trashFolder } from './lifecycle';
import { readDocumentEntry, readWorkspaceIndex } from './reader';
import { expectRejected, syncAll, testOrigin, updatesOf } from '../testSupport';

function workspace(actor = 'alice') {
  const doc = new Y.Doc();
  const me = testOrigin(actor);
  createWorkspaceIndex(doc, { name: 'Lab' }, me);
  return { doc, me };
}

describe('workspace index: folder deletion, owned documents, trash, activity', () => {
  it('deletes a folder tree in one update and sends everything inside to the trash', () => {
    const { doc, me } = workspace();
    const top = createFolder(doc, { name: 'Sol 12' }, me);
    const inner = createFolder(doc, { name: 'Drive', parentId: top }, me);
    const other = createFolder(doc, { name: 'Other' }, me);
    const a = createDocumentEntry(doc, { kind: 'note', title: 'a', folderId: top }, me);
    const b = createDocumentEntry(doc, { kind: 'note', title: 'b', folderId: inner }, me);
    const c = createDocumentEntry(doc, { kind: 'note', title: 'c', folderId: other }, me);
    let trashed: string[] = [];
    expect(updatesOf(doc, () => (trashed = trashFolder(doc, { id: top }, me)))).toHaveLength(1);
    expect(trashed).toEqual([a, b].sort());
    const snap = readWorkspaceIndex(doc);
    expect(snap.folders.map((f) => f.name)).toEqual(['Other']);
    for (const id of [a, b]) {
      expect(readDocumentEntry(doc, id)).toMatchObject({
        folderId: null,
        trashedAt: expect.any(Number),
      });
    }
    expect(readDocumentEntry(doc, c)).toMatchObject({ folderId: other, trashedAt: null });
    expectRejected(doc, 'RESOURCE_NOT_FOUND', () => trashFolder(doc, { id: top }, me));
  });

  it('a folder deleted on one replica while a note moves into it on another: the note is not lost', () => {
    const { doc: one, me: alice } = workspace('alice');
    const two = new Y.Doc();
    const bob = testOrigin('bob');
    const folder = createFolder(one, { name: 'F' }, alice);
    const note = createDocumentEntry(one, { kind: 'note', title: 'n' }, alice);
    syncAll(one, two);
    trashFolder(one, { id: folder }, alice);
    moveFolder(two, { id: folder, parentId: null }, bob);
    createDocumentEntry(two, { kind: 'note', title: 'late', folderId: folder }, bob);
    syncAll(one, two);
    const snap = readWorkspaceIndex(one);
    expect(snap).toEqual(readWorkspaceIndex(two));
    expect(snap.documents.find((d) => d.title === 'late')).toMatchObject({ folderId: null });
    expect(snap.documents.find((d) => d.id === note)).toMatchObject({ trashedAt: null });
  });

  it('trashes and restores a chart together with the collection it owns', () => {
    const { doc, me } = workspace();
    const chart = createDocumentEntry(doc, { kind: 'view', title: 'Wheel currents' }, me);
    const annotations = createDocumentEntry(
      doc,
      { kind: 'annotations', title: 'Wheel currents annotations', ownerId: chart },
      me,
    );
    expect(readDocumentActivity(doc).get(annotations)?.ownerId).toBe(chart);
    setTrashedWithOwned(doc, { id: chart, trashed: true }, me);
    expect(readDocumentEntry(doc, annotations)?.trashedAt).not.toBeNull();
    expect(readDocumentEntry(doc, chart)?.trashedAt).not.toBeNull();
    expectRejected(doc, 'MODEL_INVALID_OPERATION', () =>
      setTrashedWithOwned(doc, { id: chart, trashed: true }, me),
    );
    setTrashedWithOwned(doc, { id: chart, trashed: false }, me);
    expect(readDocumentEntry(doc, annotations)?.trashedAt).toBeNull();
    expect(readDocumentEntry(doc, chart)?.trashedAt).toBeNull();
  });

  it('empties the trash in one update and keeps what is not trashed', () => {
    const { doc, me } = workspace();
    const keep = createDocumentEntry(doc, { kind: 'note', title: 'keep' }, me);
    const gone = [1, 2, 3].map((i) =>
      createDocumentEntry(doc, { kind: 'note', title: `${i}` }, me),
    );
    for (const id of gone) trashDocument(doc, { id }, me);
    let removed: string[] = [];
    expect(updatesOf(doc, () => (removed = emptyTrash(doc, me)))).toHaveLength(1);
    expect(removed).toEqual([...gone].sort());
    expect(readWorkspaceIndex(doc).documents.map((d) => d.id)).toEqual([keep]);
    expect(updatesOf(doc, () => emptyTrash(doc, me))).toHaveLength(0);
  });

  it('records who changed a document last', () => {
    const { doc, me } = workspace('alice');
    const bob = testOrigin('bob', 1_800_000_000_000);
    const id = createDocumentEntry(doc, { kind: 'note', title: 'n' }, me);
    expect(readDocumentActivity(doc).get(id)).toEqual({ updatedBy: 'alice', ownerId: null });
    touchDocument(doc, { id }, bob);
    expect(readDocumentActivity(doc).get(id)?.updatedBy).toBe('bob');
    expect(readDocumentEntry(doc, id)?.updatedAt).toBe(1_800_000_000_000);
    renameDocument(doc, { id, title: 'm' }, me);
    expect(readDocumentActivity(doc).get(id)?.updatedBy).toBe('alice');
  });
});
