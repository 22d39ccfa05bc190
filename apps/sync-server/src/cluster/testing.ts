/**
 * Test helpers for several nodes on one machine: in-process servers that
 * share one document store and talk through Redis, and a private
 * redis-server that tests may stop and restart.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import type { DocStore } from '../storage/docStore';
import { openSqliteDocStore } from '../storage/sqlite/sqliteDocStore';
import { startTestServer, tempDir } from '../testing/harness';
import type { RunningServer } from '../server';

/** The machine's Redis, as .ci/run and developers run it. */
export const TEST_REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Nodes started by `startNodes`; `close` stops them all and removes their data. */
export interface TestNodes {
  nodes: RunningServer[];
  store: DocStore;
  close(): Promise<void>;
}

/**
 * Starts `count` servers sharing one document store (the part PostgreSQL
 * plays in production) and `redisUrl`; each has its own data directory.
 */
export async function startNodes(
  count: number,
  redisUrl: string,
  env: Record<string, string> = {},
): Promise<TestNodes> {
  const data = tempDir('fieldbook-nodes-');
  const shared = openSqliteDocStore({ file: join(data.dir, 'shared.db'), durability: 'normal' });
  // Each node closes its store on shutdown; the shared one closes once, after all of them.
  const store: DocStore = Object.assign(Object.create(shared) as DocStore, {
    close: async () => {},
  });
  const dirs = Array.from({ length: count }, () => tempDir('fieldbook-node-'));
  const nodes = await Promise.all(
    dirs.map((d) => startTestServer(d.dir, { REDIS_URL: redisUrl, ...env }, { store })),
  );
  return {
    nodes,
    store: shared,
    async close() {
      await Promise.all(nodes.map((n) => n.close()));
      await shared.close();
      for (const d of [...dirs, data]) d.cleanup();
    },
  };
}

/** A redis-server of the test's own on `port`, without persistence: stopping it loses everything. */
export interface PrivateRedis {
  url: string;
  stop(): Promise<void>;
  start(): Promise<void>;
}

/** Starts (or restarts) a private redis-server on `port`. */
export async function privateRedis(port: number): Promise<PrivateRedis> {
  const url = `redis://127.0.0.1:${port}`;
  const start = async () => {
    execFileSync('redis-server', [
      '--port',
      String(port),
      '--save',
      '',
      '--appendonly',
      'no',
      '--daemonize',
      'yes',
    ]);
    const probe = new Redis(url, { retryStrategy: (n) => (n > 50 ? null : 50) });
    probe.on('error', () => {});
    await probe.ping();
    probe.disconnect();
  };
  const stop = async () => {
    const client = new Redis(url, { lazyConnect: true, retryStrategy: () => null });
    client.on('error', () => {});
    try {
      await client.connect();
      await client.call('shutdown', 'nosave');
    } catch {
      // Already gone, or gone while answering.
    } finally {
      client.disconnect();
    }
  };
  await stop();
  await start();
  return { url, stop, start };
}
