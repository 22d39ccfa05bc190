import { afterAll, describe, expect, it } from 'vitest';
import { newId } from '@fieldbook/shared';
import { join } from 'node:path';
import * as Y from 'yjs';
import { openSqliteDocStore } from '../storage/sqlite/sqliteDocStore';
import {
  connectClient,
  ids,
  rawSocket,
  startTestServer,
  tempDir,
  waitFor,
} from '../testing/harness';
import { encodeUpdate } from './protocol';

describe('server restart', () => {
  const data = tempDir();
  afterAll(() => data.cleanup());

  it('clients reconnect after a graceful restart and converge with nothing lost', async () => {
    let server = await startTestServer(data.dir);
    const port = server.port;
    const workspaceId = newId();
    const docIds = [newId(), newId()];
    const clients = docIds.flatMap((docId) =>
      [0, 1, 2].map(() => connectClient(port, workspaceId, docId)),
    );
    await Promise.all(clients.map((c) => c.synced()));
    const closeCodes: number[] = [];
    for (const c of clients) {
      c.provider.on(
        'connection-close',
        (e: { code: number } | null) => e && closeCodes.push(e.code),
      );
    }
    const write = (tag: string) =>
      clients.forEach((c, i) => c.doc.getMap('m').set(`${tag}-${i}`, i));
    write('before');
    await waitFor(
      () => clients.every((c) => c.doc.getMap('m').size === 3),
      'first edits to spread',
    );

    await server.close();
    await waitFor(() => closeCodes.length === clients.length, 'every client to see the close');
    expect(new Set(closeCodes)).toEqual(new Set([1001]));
    write('offline');
    server = await startTestServer(data.dir, { PORT: String(port) });
    write('after');
    await waitFor(
      () => clients.every((c) => c.provider.synced && c.doc.getMap('m').size === 9),
      'clients to reconnect and converge',
      15_000,
    );
    for (const [d, docId] of docIds.entries()) {
      const fresh = connectClient(port, workspaceId, docId);
      await fresh.synced();
      const expected = clients[d * 3]!.doc.getMap('m').toJSON();
      expect(Object.keys(expected)).toHaveLength(9);
      expect(fresh.doc.getMap('m').toJSON()).toEqual(expected);
      fresh.destroy();
    }
    for (const c of clients) c.destroy();
    await server.close();
  });

  it('graceful shutdown makes every update it received durable before closing', async () => {
    const dir = tempDir();
    const file = join(dir.dir, 'fieldbook.db');
    const real = openSqliteDocStore({ file });
    // Slow appends keep the received updates waiting in the group committer when close() starts.
    const slow = {
      ...real,
      appendUpdates: async (entries: Parameters<typeof real.appendUpdates>[0]) => {
        await new Promise((r) => setTimeout(r, 100));
        return real.appendUpdates(entries);
      },
    };
    const server = await startTestServer(dir.dir, {}, { store: slow });
    const { workspaceId, docId } = ids();
    const raw = await rawSocket(server.port, workspaceId, docId);
    await waitFor(() => raw.messages.length > 0, 'greeting');
    const sent: string[] = [];
    for (let i = 0; i < 20; i++) {
      const doc = new Y.Doc();
      doc.getMap('m').set(`k${i}`, i);
      sent.push(`k${i}`);
      raw.ws.send(encodeUpdate(Y.encodeStateAsUpdate(doc)));
    }
    const hub = () => server.sync.registry.get({ workspaceId, docId })!;
    await waitFor(() => hub().uncommitted === 20, 'all updates received, none stored yet');
    await server.close();
    expect((await raw.closed).code).toBe(1001);
    const store = openSqliteDocStore({ file });
    const doc = new Y.Doc();
    for (const u of await store.readLog({ workspaceId, docId })) Y.applyUpdate(doc, u.update);
    await store.close();
    dir.cleanup();
    expect([...doc.getMap('m').keys()].sort()).toEqual([...sent].sort());
  });
});
