import { afterAll, describe, expect, it } from 'vitest';
import { newId } from '@fieldbook/shared';
import { connectClient, startTestServer, tempDir, waitFor } from '../testing/harness';

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
});
