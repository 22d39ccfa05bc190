// The index across restarts: a deleted search.db is rebuilt at the first
// search, and changes made while indexing was off are caught up at start.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type * as Y from 'yjs';
import { afterAll, describe, expect, it } from 'vitest';
import {
  actorOrigin,
  createDocumentEntry,
  createNote,
  createWorkspaceIndex,
  editNoteText,
} from '@fieldbook/crdt-model';
import { newId } from '@fieldbook/shared';
import { connectClient, startTestServer, tempDir } from '../testing/harness';
import type { RunningServer } from '../server';

const data = tempDir('fieldbook-search-restart-');
afterAll(() => data.cleanup());
const ws = newId();
const noteId = newId();
const origin = actorOrigin('dev-user');

async function find(server: RunningServer, q: string) {
  const result = await server.search!.search(
    { tenantId: 'dev', workspaceId: ws },
    { q, filters: {}, after: null, limit: 10 },
  );
  return result.items.map((h) => h.documentId);
}

/** Makes `change` through stock clients and waits until the server has stored it. */
async function edit(server: RunningServer, change: (docs: { index: Y.Doc; note: Y.Doc }) => void) {
  const stored = async () =>
    (await server.store.logStats({ workspaceId: ws, docId: ws })).lastSeq +
    (await server.store.logStats({ workspaceId: ws, docId: noteId })).lastSeq;
  const before = await stored();
  const index = connectClient(server.port, ws, ws);
  const note = connectClient(server.port, ws, noteId);
  await Promise.all([index.synced(), note.synced()]);
  change({ index: index.doc, note: note.doc });
  const deadline = Date.now() + 10_000;
  while ((await stored()) === before && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 20));
  index.destroy();
  note.destroy();
}

describe('search index across restarts', () => {
  it('rebuilds a lost index and catches up on changes made while indexing was off', async () => {
    let server = await startTestServer(data.dir);
    await edit(server, ({ index, note }) => {
      createWorkspaceIndex(index, { name: 'W' }, origin);
      createDocumentEntry(index, { id: noteId, kind: 'note', title: 'Pump log' }, origin);
      createNote(note, { title: 'Pump log', text: 'cavitation at start' }, origin);
    });
    await server.search!.whenIdle();
    expect(await find(server, 'cavitation')).toEqual([noteId]);
    await server.close();

    // Edited while the server kept no index: the start-up check sees the log ahead of the index.
    server = await startTestServer(data.dir, { SEARCH_INDEX: 'off' });
    await edit(server, ({ note }) =>
      editNoteText(note, { index: 0, deleteCount: 0, insert: 'impeller ' }, origin),
    );
    await server.close();
    server = await startTestServer(data.dir);
    let found: string[] = [];
    const deadline = Date.now() + 5000;
    while (Date.now() < deadline && found.length === 0) {
      await new Promise((r) => setTimeout(r, 20));
      await server.search!.whenIdle();
      found = await find(server, 'impeller');
    }
    expect(found).toEqual([noteId]);
    await server.close();

    // The index file is gone: the first search builds the workspace again.
    rmSync(join(data.dir, 'search.db'), { force: true });
    rmSync(join(data.dir, 'search.db-wal'), { force: true });
    rmSync(join(data.dir, 'search.db-shm'), { force: true });
    server = await startTestServer(data.dir);
    expect(await server.search!.status(ws)).toEqual({ state: 'missing' });
    expect(await find(server, 'impeller cavitation')).toEqual([noteId]);
    expect((await server.search!.status(ws)).state).toBe('ready');
    await server.close();
  });
});
