import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import * as Y from 'yjs';
import type { RunningServer } from '../server';
import type { DocStore } from '../storage/docStore';
import { openSqliteDocStore } from '../storage/sqlite/sqliteDocStore';
import {
  connectClient,
  ids,
  rawSocket,
  startTestServer,
  tempDir,
  type TestClient,
} from '../testing/harness';

/** The real SQLite store, with loading slowed down so clients connect mid-load. */
function slowLoading(store: DocStore, delayMs: number): DocStore {
  return {
    ...store,
    load: async (key) => {
      const stored = await store.load(key);
      await new Promise((r) => setTimeout(r, delayMs));
      return stored;
    },
  };
}

describe('connecting while the document loads', () => {
  let server: RunningServer | undefined;
  const data = tempDir();
  const clients: TestClient[] = [];
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy();
    await server?.close();
  });
  afterAll(() => data.cleanup());

  it('is not told it is synced before the stored content reached it', async () => {
    const { workspaceId, docId } = ids();
    const file = join(data.dir, 'fieldbook.db');
    const seedStore = openSqliteDocStore({ file });
    await seedStore.ensureDocument({ docId, workspaceId, tenantId: 'dev' }, 'dev-user');
    const seed = new Y.Doc();
    seed.getText('t').insert(0, 'stored before the server started');
    seed.getMap('m').set('answer', 42);
    await seedStore.appendUpdates([
      {
        workspaceId,
        docId,
        update: Y.encodeStateAsUpdate(seed),
        actor: 'dev-user',
        client: 'seed',
        ts: 1,
      },
    ]);
    await seedStore.close();

    server = await startTestServer(
      data.dir,
      {},
      {
        store: slowLoading(openSqliteDocStore({ file }), 300),
      },
    );
    const seenAtSync: string[] = [];
    for (let i = 0; i < 3; i++) {
      const c = connectClient(server.port, workspaceId, docId);
      c.provider.on('sync', (synced: boolean) => {
        if (synced) seenAtSync.push(`${c.text.toString()}|${c.doc.getMap('m').get('answer')}`);
      });
      clients.push(c);
    }
    await Promise.all(clients.map((c) => c.synced()));
    expect(seenAtSync).toEqual(Array(3).fill('stored before the server started|42'));
  });

  it('applies edits sent during the load after the stored state, losing none', async () => {
    const { workspaceId, docId } = ids();
    const file = join(data.dir, 'second.db');
    server = await startTestServer(
      data.dir,
      {},
      {
        store: slowLoading(openSqliteDocStore({ file }), 200),
      },
    );
    const a = connectClient(server.port, workspaceId, docId);
    clients.push(a);
    a.text.insert(0, 'typed offline before connecting');
    await a.synced();
    const b = connectClient(server.port, workspaceId, docId);
    clients.push(b);
    await b.synced();
    expect(b.text.toString()).toBe('typed offline before connecting');
    const log = await server.store.readLog({ workspaceId, docId });
    expect(log.length).toBeGreaterThan(0);
  });

  it('closes a socket that floods while the document loads, and serves the others', async () => {
    const { workspaceId, docId } = ids();
    server = await startTestServer(
      data.dir,
      {},
      {
        store: slowLoading(openSqliteDocStore({ file: join(data.dir, 'third.db') }), 300),
      },
    );
    const calm = connectClient(server.port, workspaceId, docId);
    clients.push(calm);
    const flood = await rawSocket(server.port, workspaceId, docId);
    for (let i = 0; i < 1100; i++) flood.ws.send(new Uint8Array([3]));
    expect(await flood.closed).toEqual({
      code: 1008,
      reason: 'too many messages while the document loads',
    });
    await calm.synced();
    expect(calm.provider.wsconnected).toBe(true);
  });
});
