/**
 * Starts the nodes of one target of the cross-node benchmark as child
 * processes (so their CPU can be read from /proc apart from the clients'),
 * each on its own port, and stops them.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../sync-load/freePort';

/** The two systems compared. */
export type ClusterTarget = 'fieldbook' | 'hocuspocus';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '../..');

/** A started node. */
export interface ClusterNode {
  pid: number;
  port: number;
}

/** The started nodes of a target, and how to stop them. */
export interface Cluster {
  nodes: ClusterNode[];
  stop(): Promise<void>;
}

/** What a target's nodes share: the database (fieldbook) and a Redis prefix (hocuspocus). */
export interface ClusterSettings {
  databaseUrl: string;
  redisUrl: string;
  redisPrefix: string;
}

function startNode(target: ClusterTarget, port: number, shared: ClusterSettings, dataDir: string) {
  const script =
    target === 'fieldbook'
      ? join(repoRoot, 'apps/sync-server/src/main.ts')
      : join(here, 'hocuspocus-node.ts');
  const env: Record<string, string> =
    target === 'fieldbook'
      ? { DATA_DIR: dataDir, DATABASE_URL: shared.databaseUrl, REDIS_URL: shared.redisUrl }
      : { REDIS_URL: shared.redisUrl, HOCUSPOCUS_PREFIX: shared.redisPrefix };
  const child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), script], {
    cwd: target === 'fieldbook' ? join(repoRoot, 'apps/sync-server') : resolve(here, '..'),
    env: { ...process.env, ...env, PORT: String(port), LOG_LEVEL: 'info', NODE_OPTIONS: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return child;
}

function listening(child: ChildProcess, timeoutMs: number): Promise<void> {
  return new Promise((ready, fail) => {
    let output = '';
    const timer = setTimeout(() => fail(new Error(`node not listening:\n${output}`)), timeoutMs);
    const scan = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-4000);
      if (/"msg":"listening"/.test(output)) {
        clearTimeout(timer);
        ready();
      }
    };
    child.stdout?.on('data', scan);
    child.stderr?.on('data', scan);
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`node exited (${code}) before listening:\n${output}`));
    });
  });
}

/** Starts `count` nodes of `target`; resolves when every one listens. */
export async function startCluster(
  target: ClusterTarget,
  count: number,
  shared: ClusterSettings,
): Promise<Cluster> {
  const dataRoot = mkdtempSync(join(tmpdir(), `cluster-bench-${target}-`));
  const children: ChildProcess[] = [];
  const nodes: ClusterNode[] = [];
  for (let i = 0; i < count; i++) {
    const port = await freePort();
    const child = startNode(target, port, shared, join(dataRoot, `node-${i}`));
    children.push(child);
    // One at a time: the first fieldbook node applies the database migrations.
    await listening(child, 60_000);
    nodes.push({ pid: child.pid ?? 0, port });
  }
  return {
    nodes,
    async stop() {
      await Promise.all(
        children.map(
          (c) =>
            new Promise<void>((done) => {
              if (c.exitCode !== null) return done();
              c.once('exit', () => done());
              c.kill('SIGTERM');
              setTimeout(() => c.kill('SIGKILL'), 10_000).unref();
            }),
        ),
      );
      rmSync(dataRoot, { recursive: true, force: true });
    },
  };
}
