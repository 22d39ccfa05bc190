import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createTestDatabase, type TestDatabase } from '../postgres/testing';
import type { RunningServer } from '../server';
import type { DocKey, DocStore } from '../storage/docStore';
import {
  COMPACTION_LOCK_CLASS,
  createPostgresDocStore,
} from '../storage/postgres/postgresDocStore';
import {
  connectClient,
  ids,
  startTestServer,
  tempDir,
  waitFor,
  type TestClient,
} from '../testing/harness';
import { TEST_REDIS_URL } from './testing';

let database: TestDatabase;
/** A second node's view of the shared database, writing behind the nodes' backs. */
let other: DocStore;
const dirs: { cleanup(): void }[] = [];
const servers: RunningServer[] = [];
const clients: TestClient[] = [];
beforeAll(async () => {
  database = await createTestDatabase();
});
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await Promise.all(servers.splice(0).map((s) => s.close()));
});
afterAll(async () => {
  await database.drop();
  for (const d of dirs) d.cleanup();
});

/** A node in shared mode (PostgreSQL + Redis) compacting after every `maxUpdates` updates. */
async function startNode(maxUpdates: number): Promise<RunningServer> {
  const data = tempDir();
  dirs.push(data);
  const server = await startTestServer(data.dir, {
    DATABASE_URL: database.url,
    REDIS_URL: TEST_REDIS_URL,
    COMPACT_MAX_UPDATES: String(maxUpdates),
  });
  servers.push(server);
  other ??= createPostgresDocStore(await database.open());
  return server;
}
const connect = (server: RunningServer, key: DocKey) => {
  const client = connectClient(server.port, key.workspaceId, key.docId);
  clients.push(client);
  return client;
};

/** An update made elsewhere: a fresh client inserting `text`. */
function foreignUpdate(text: string): Uint8Array {
  const doc = new Y.Doc();
  doc.getText('t').insert(0, text);
  return Y.encodeStateAsUpdate(doc);
}

/** The stored snapshot, checked to hold every logged update up to the seq it claims. */
async function checkedSnapshot(key: DocKey) {
  const { snapshot } = await other.load(key);
  expect(snapshot).not.toBeNull();
  const doc = new Y.Doc();
  Y.applyUpdate(doc, snapshot!.state);
  const before = Y.snapshot(doc);
  const covered = (await other.readLog(key)).filter((u) => u.seq <= snapshot!.seq);
  expect(covered.length).toBe(snapshot!.seq);
  for (const u of covered) Y.applyUpdate(doc, u.update);
  // Replaying what the snapshot claims to cover adds nothing it lacked.
  expect(Y.equalSnapshots(before, Y.snapshot(doc))).toBe(true);
  return snapshot!;
}

/** The document as a loading node sees it: snapshot plus the log after its seq. */
async function loaded(key: DocKey): Promise<string> {
  const stored = await other.load(key);
  const doc = new Y.Doc();
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot.state);
  for (const u of stored.updates) Y.applyUpdate(doc, u.update);
  return doc.getText('t').toString();
}

describe('compaction with several nodes on PostgreSQL', () => {
  it('claims only the seq a node holds contiguously, not one past another node’s update still on its way', async () => {
    const node = await startNode(1);
    const key = ids();
    const client = connect(node, key);
    await client.synced();
    client.text.insert(0, 'a');
    await waitFor(() => client.text.toString() === 'a', 'the first edit');
    await expect.poll(async () => (await other.load(key)).snapshot?.seq).toBe(1);

    // Another node appends seq 2 and its Redis message has not arrived yet; this node then commits seq 3.
    const [b] = await other.appendUpdates([
      { ...key, update: foreignUpdate('B'), actor: 'user-b', client: 'conn-b', ts: Date.now() },
    ]);
    expect(b).toBe(2);
    client.text.insert(1, 'c');
    // The hole is closed from the log after a while; the snapshot written meanwhile must not hide seq 2.
    await waitFor(() => client.text.toString().includes('B'), 'seq 2 read from the log');
    expect((await checkedSnapshot(key)).seq).toBeLessThan(2);
    expect((await loaded(key)).length).toBe(3);

    // Once contiguous again, compaction moves on past the filled hole.
    client.text.insert(0, 'd');
    await expect.poll(async () => (await other.load(key)).snapshot?.seq).toBe(4);
    await checkedSnapshot(key);
    expect(await loaded(key)).toBe(client.text.toString());
  });

  it('lets one node at a time write a document’s snapshot (the advisory lock skips the second)', async () => {
    await startNode(1000);
    const key = ids();
    await other.ensureDocument({ ...key, tenantId: 'tenant-1' }, 'alice');
    const [seq] = await other.appendUpdates([
      { ...key, update: foreignUpdate('x'), actor: 'alice', client: 'c', ts: Date.now() },
    ]);
    const holder = new pg.Client({ connectionString: database.url });
    await holder.connect();
    try {
      const { rows } = await holder.query<{ pk: number }>(
        'select pk from documents where workspace_id = $1 and id = $2',
        [key.workspaceId, key.docId],
      );
      // Another node is compacting this document: it holds the lock in its open transaction.
      await holder.query('begin');
      await holder.query('select pg_advisory_xact_lock($1, $2)', [
        COMPACTION_LOCK_CLASS,
        rows[0]!.pk,
      ]);
      await other.writeSnapshot(key, { seq: seq!, state: foreignUpdate('x') });
      expect((await other.load(key)).snapshot).toBeNull();
      await holder.query('rollback');
      await other.writeSnapshot(key, { seq: seq!, state: foreignUpdate('x') });
      expect((await other.load(key)).snapshot?.seq).toBe(seq);
    } finally {
      await holder.end();
    }
  });

  it('keeps every update in snapshot + log while two nodes compact one document under concurrent edits', async () => {
    const nodes = [await startNode(3), await startNode(3)];
    const key = ids();
    const writers = [0, 1, 0, 1].map((n) => connect(nodes[n]!, key));
    await Promise.all(writers.map((w) => w.synced()));
    for (let i = 0; i < 80; i++) {
      const w = writers[i % writers.length]!;
      w.text.insert(i % 3 === 0 ? 0 : w.text.length, String(i % 10));
      // Deletions of the writer's own earlier key (concurrent deletes of one item would count once).
      if (i % 9 === 8) w.doc.getMap('m').delete(`k${i - 4}`);
      else w.doc.getMap('m').set(`k${i}`, i);
      if (i % 4 === 3) await new Promise((r) => setTimeout(r, 3));
    }
    const same = (w: TestClient) =>
      w.text.length === 80 &&
      w.doc.getMap('m').size === 64 &&
      w.text.toString() === writers[0]!.text.toString();
    await waitFor(() => writers.every(same), 'replicas to converge');
    await expect.poll(async () => (await other.logStats(key)).lastSeq).toBeGreaterThanOrEqual(80);
    const snapshot = await checkedSnapshot(key);
    expect(snapshot.seq).toBeGreaterThan(3);
    expect(await loaded(key)).toBe(writers[0]!.text.toString());
  });
});
