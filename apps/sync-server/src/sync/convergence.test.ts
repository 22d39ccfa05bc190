import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { newId } from '@fieldbook/shared';
import { ids, waitFor, useTestServer } from '../testing/harness';
import { encodeUpdate } from './protocol';

describe('convergence', () => {
  const t = useTestServer();

  it('many clients on many documents converge', async () => {
    const workspaceId = newId();
    const docIds = Array.from({ length: 6 }, () => newId());
    const byDoc = docIds.map((docId) =>
      Array.from({ length: 5 }, () => t.connect(workspaceId, docId)),
    );
    const clients = byDoc.flat();
    await Promise.all(clients.map((c) => c.synced()));
    for (let round = 0; round < 10; round++) {
      for (const [i, c] of clients.entries()) {
        c.text.insert(Math.floor(c.text.length / 2), `${i}.${round};`);
        if (round % 3 === 2 && c.text.length > 4) c.text.delete(1, 2);
      }
      await new Promise((r) => setTimeout(r, 5));
    }
    for (const group of byDoc) {
      await waitFor(
        () => group.every((c) => c.text.toString() === group[0]!.text.toString()),
        'clients of one document to converge',
      );
      expect(group[0]!.text.length).toBeGreaterThan(0);
    }
    const contents = new Set(byDoc.map((g) => g[0]!.text.toString()));
    expect(contents.size).toBe(docIds.length);
    for (const [i, group] of byDoc.entries()) {
      const stored = await t.server.store.readLog({ workspaceId, docId: docIds[i]! });
      expect(stored.length).toBeGreaterThan(0);
      for (const c of group) expect(c.text.toString()).toContain(';');
    }
  });

  it('a late joiner receives the full state', async () => {
    const { workspaceId, docId } = ids();
    const a = t.connect(workspaceId, docId);
    const b = t.connect(workspaceId, docId);
    await Promise.all([a.synced(), b.synced()]);
    a.text.insert(0, 'hello ');
    b.doc.getMap('m').set('k', 42);
    await waitFor(() => a.doc.getMap('m').get('k') === 42, 'b to reach a');
    await waitFor(() => b.text.toString() === 'hello ', 'a to reach b');
    const late = t.connect(workspaceId, docId);
    await late.synced();
    expect(late.text.toString()).toBe('hello ');
    expect(late.doc.getMap('m').get('k')).toBe(42);
  });

  it('does not echo an update back to its sender and relays it to everyone else', async () => {
    const { workspaceId, docId } = ids();
    const a = t.connect(workspaceId, docId);
    const b = t.connect(workspaceId, docId);
    await Promise.all([a.synced(), b.synced()]);
    const remoteAtA: unknown[] = [];
    a.doc.on('update', (_u: Uint8Array, origin: unknown) => {
      if (origin === a.provider) remoteAtA.push(origin);
    });
    a.text.insert(0, 'x');
    await waitFor(() => b.text.toString() === 'x', 'relay to b');
    await new Promise((r) => setTimeout(r, 50));
    expect(remoteAtA).toEqual([]);
  });

  it('stores and relays nothing for an update that brings nothing new', async () => {
    const { workspaceId, docId } = ids();
    const a = t.connect(workspaceId, docId);
    const b = t.connect(workspaceId, docId);
    await Promise.all([a.synced(), b.synced()]);
    a.text.insert(0, 'abcdef');
    a.text.delete(1, 2);
    await waitFor(() => b.text.toString() === 'adef', 'relay');
    const logged = (await t.server.store.readLog({ workspaceId, docId })).length;
    const delivered = async () => (await t.server.metrics.updatesOut.get()).values[0]?.value;
    const before = await delivered();
    // A reconnect makes the client send sync step 2 again, deletions included.
    a.provider.disconnect();
    a.provider.connect();
    await a.synced();
    a.provider.ws!.send(encodeUpdate(Y.encodeStateAsUpdate(a.doc)));
    await new Promise((r) => setTimeout(r, 100));
    expect((await t.server.store.readLog({ workspaceId, docId })).length).toBe(logged);
    expect(await delivered()).toBe(before);
  });
});
