import { newId } from '@fieldbook/shared';
import {
  createDocumentEntry,
  createWorkspaceIndex,
  restoreDocument,
  trashDocument,
  actorOrigin,
} from '@fieldbook/crdt-model';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { trashChanges } from './trashChanges';

const origin = actorOrigin('u1');

/** Applies `change` on a client copy and returns the update it produced, after the server copy applied it. */
function step(client: Y.Doc, server: Y.Doc, change: () => void): Uint8Array {
  const updates: Uint8Array[] = [];
  const listener = (u: Uint8Array) => updates.push(u);
  client.on('update', listener);
  change();
  client.off('update', listener);
  const update = Y.mergeUpdates(updates);
  Y.applyUpdate(server, update);
  return update;
}

describe('trashChanges', () => {
  it('reads trash and restore from the updates of a workspace index, and nothing else', () => {
    const client = new Y.Doc();
    const server = new Y.Doc();
    const created = step(client, server, () => {
      createWorkspaceIndex(client, { name: 'Lab' }, origin);
      createDocumentEntry(client, { kind: 'note', title: 'Run 1' }, origin);
    });
    expect(trashChanges(server, created)).toEqual([]);
    const id = [...client.getMap('documents').keys()][0]!;
    const trashed = step(client, server, () => trashDocument(client, { id }, origin));
    const [trash] = trashChanges(server, trashed);
    expect(trash).toMatchObject({ documentId: id, action: 'document.trash', from: null });
    expect(trash!.to).toEqual(expect.any(Number));
    const restored = step(client, server, () => restoreDocument(client, { id }, origin));
    expect(trashChanges(server, restored)).toEqual([
      expect.objectContaining({ documentId: id, action: 'document.restore', to: null }),
    ]);
  });

  it('reads a trash even when the document already holds a later restore (audit runs after the fact)', () => {
    const client = new Y.Doc();
    const server = new Y.Doc();
    step(client, server, () => {
      createWorkspaceIndex(client, { name: 'Lab' }, origin);
      createDocumentEntry(client, { kind: 'note', title: 'Run 1' }, origin);
    });
    const id = [...client.getMap('documents').keys()][0]!;
    const trashed = step(client, server, () => trashDocument(client, { id }, origin));
    step(client, server, () => restoreDocument(client, { id }, origin));
    expect(trashChanges(server, trashed)).toEqual([
      expect.objectContaining({ documentId: id, action: 'document.trash', to: expect.any(Number) }),
    ]);
  });

  it('ignores a trashedAt key outside the documents map', () => {
    const client = new Y.Doc();
    const server = new Y.Doc();
    const update = step(client, server, () => client.getMap('other').set('trashedAt', 5));
    expect(trashChanges(server, update)).toEqual([]);
    const nested = step(client, server, () => {
      const folder = new Y.Map<unknown>();
      client.getMap('folders').set(newId(), folder);
      folder.set('trashedAt', 7);
    });
    expect(trashChanges(server, nested)).toEqual([]);
  });
});
