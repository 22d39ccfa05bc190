import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { connectClient, ids, waitFor, type TestClient } from '../testing/harness';
import { privateRedis, startNodes, TEST_REDIS_URL, type TestNodes } from './testing';

describe('two nodes through Redis', () => {
  let cluster: TestNodes | null = null;
  const clients: TestClient[] = [];
  const connect = (node: number, workspaceId: string, docId: string) => {
    const client = connectClient(cluster!.nodes[node]!.port, workspaceId, docId);
    clients.push(client);
    return client;
  };
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy();
    await cluster?.close();
    cluster = null;
  });

  it('relays edits between clients of one document on different nodes', async () => {
    cluster = await startNodes(2, TEST_REDIS_URL);
    const { workspaceId, docId } = ids();
    const a = connect(0, workspaceId, docId);
    const b = connect(1, workspaceId, docId);
    await Promise.all([a.synced(), b.synced()]);
    a.text.insert(0, 'from A;');
    await waitFor(() => b.text.toString() === 'from A;', 'A’s edit at B');
    b.text.insert(b.text.length, 'from B;');
    await waitFor(() => a.text.toString() === 'from A;from B;', 'B’s edit at A');
    for (let i = 0; i < 50; i++) (i % 2 ? a : b).text.insert(0, String(i % 10));
    await waitFor(
      () => a.text.toString() === b.text.toString() && a.text.length === 64,
      'convergence',
    );
    // Both nodes hold the same document in memory.
    const [hubA, hubB] = cluster.nodes.map((n) => n.sync.registry.get({ workspaceId, docId })!);
    expect(hubA!.doc.getText('t').toString()).toBe(hubB!.doc.getText('t').toString());
  });

  it('relays awareness across nodes, and its removal when a client drops', async () => {
    cluster = await startNodes(2, TEST_REDIS_URL);
    const { workspaceId, docId } = ids();
    const a = connect(0, workspaceId, docId);
    const b = connect(1, workspaceId, docId);
    await Promise.all([a.synced(), b.synced()]);
    a.provider.awareness.setLocalStateField('user', { name: 'Ada' });
    await waitFor(
      () => b.provider.awareness.getStates().get(a.doc.clientID)?.user?.name === 'Ada',
      'A’s presence at B',
    );
    a.provider.shouldConnect = false;
    a.provider.ws?.close();
    await waitFor(() => !b.provider.awareness.getStates().has(a.doc.clientID), 'A to leave B');
  });

  it('resynchronises from the store when Redis restarts mid-run, without divergence', async () => {
    const redis = await privateRedis(6390);
    try {
      cluster = await startNodes(2, redis.url);
      const { workspaceId, docId } = ids();
      const a = connect(0, workspaceId, docId);
      const b = connect(1, workspaceId, docId);
      await Promise.all([a.synced(), b.synced()]);
      a.text.insert(0, 'before;');
      await waitFor(() => b.text.toString() === 'before;', 'the first edit at B');
      await redis.stop();
      // Edits while Redis is down reach the store but no other node.
      a.text.insert(a.text.length, 'A-down;');
      b.text.insert(0, 'B-down;');
      await new Promise((r) => setTimeout(r, 300));
      await redis.start();
      await waitFor(
        () => a.text.toString() === b.text.toString() && a.text.length === 21,
        'replicas to converge after Redis is back',
      );
      a.text.insert(0, 'after;');
      await waitFor(() => b.text.toString().startsWith('after;'), 'live relay again');
      const stored = new Y.Doc();
      const log = await cluster.store.load({ workspaceId, docId });
      for (const u of log.updates) Y.applyUpdate(stored, u.update);
      expect(stored.getText('t').toString()).toBe(a.text.toString());
    } finally {
      await cluster?.close();
      cluster = null;
      await redis.stop();
    }
  });
});
