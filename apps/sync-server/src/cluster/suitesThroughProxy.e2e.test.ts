import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../postgres/testing';
import type { DocStore } from '../storage/docStore';
import { createPostgresDocStore } from '../storage/postgres/postgresDocStore';
import { connectClient, tempDir, type TestClient } from '../testing/harness';
import { spawnServer, type ServerProcess } from '../testing/serverProcess';
import {
  awarenessComesAndGoes,
  lateJoinerGetsFullState,
  manyClientsConverge,
  noEchoToSender,
  type SyncTarget,
} from '../testing/syncScenarios';
import { haproxy } from './haproxy';
import { TEST_REDIS_URL } from './testing';

// The scenarios of sync/convergence.test.ts and sync/awareness.test.ts, unchanged, with every
// client connecting through HAProxy's round robin to one of three node processes.
const data = tempDir('fieldbook-suites-');
let database: TestDatabase;
let store: DocStore;
const nodes: ServerProcess[] = [];
let proxy: { port: number; stop(): void };
const clients: TestClient[] = [];
const target: SyncTarget = {
  connect(workspaceId, docId) {
    const client = connectClient(proxy.port, workspaceId, docId);
    clients.push(client);
    return client;
  },
  readLog: (key) => store.readLog(key),
};

beforeAll(async () => {
  database = await createTestDatabase();
  const shared = { DATABASE_URL: database.url, REDIS_URL: TEST_REDIS_URL };
  // One after the other: the first applies the migrations (the others would wait on its lock).
  for (let i = 0; i < 3; i++) nodes.push(await spawnServer(join(data.dir, `node${i}`), shared));
  proxy = await haproxy(
    data.dir,
    nodes.map((n) => n.port),
  );
  store = createPostgresDocStore(await database.open());
}, 90_000);
afterEach(() => {
  for (const c of clients.splice(0)) c.destroy();
});
afterAll(async () => {
  proxy?.stop();
  await Promise.all(
    nodes.map((n) => {
      const exited = new Promise((resolve) => n.child.once('exit', resolve));
      n.child.kill('SIGTERM');
      return exited;
    }),
  );
  await database?.drop();
  data.cleanup();
});

/** Open sync sockets per node, from each node's /metrics. */
async function socketsPerNode(): Promise<number[]> {
  return Promise.all(
    nodes.map(async (n) => {
      const text = await (await fetch(`http://127.0.0.1:${n.port}/metrics`)).text();
      return Number(/^fieldbook_sync_connections (\d+)/m.exec(text)?.[1] ?? 0);
    }),
  );
}

describe('the sync suites through HAProxy in front of three nodes on PostgreSQL and Redis', () => {
  it('many clients on many documents converge, spread over every node', async () => {
    await manyClientsConverge(target);
    // The 30 clients were dealt round robin: every node served some of them.
    for (const sockets of await socketsPerNode()) expect(sockets).toBeGreaterThan(0);
  });

  it('a late joiner receives the full state', () => lateJoinerGetsFullState(target));

  it('does not echo an update back to its sender and relays it to everyone else', () =>
    noEchoToSender(target));

  it('relays awareness, and its removal when a client drops, whichever nodes the clients reach', () =>
    awarenessComesAndGoes(target));
});
