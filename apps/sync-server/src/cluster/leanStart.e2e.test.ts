// Which heavy packages a real server process (src/main.ts) has loaded once it
// listens: with no DATABASE_URL or REDIS_URL (embedded mode, `pnpm serve`'s
// default) neither the shared-mode drivers (pg, drizzle's pg driver, ioredis)
// nor the exporters of rare routes (exceljs, pdfkit, @napi-rs/canvas) — they
// cost memory and start time one laptop never uses — while shared mode and a
// first export do load theirs. moduleProbe.ts answers over the IPC channel.
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { TEST_SECRET } from '../api/testKit';
import { EMBEDDED_MODE_ENV } from '../config';
import { createTestDatabase, type TestDatabase } from '../postgres/testing';
import { tempDir } from '../testing/harness';
import type { LoadedModules } from './moduleProbe';
import { TEST_REDIS_URL } from './testing';

const appDir = join(import.meta.dirname, '../..');
// Typed against the probe but not imported from it: importing it would install it in this worker.
const ASK_LOADED: LoadedModules['type'] = 'fieldbook:loaded-modules';
const SHARED_DRIVERS = ['pg/', 'drizzle-orm/node-postgres/', 'ioredis/'];
const EXPORTERS = ['exceljs/', 'pdfkit/', '@napi-rs/canvas/'];

interface ProbedServer {
  port: number;
  /** Package files loaded so far (`pg/lib/index.js`). */
  loaded(): Promise<string[]>;
  stop(): Promise<void>;
}

const started: ProbedServer[] = [];
let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  for (const s of started) await s.stop();
  await database?.drop();
});

async function startProbed(env: Record<string, string>): Promise<ProbedServer> {
  const data = tempDir('fieldbook-lean-');
  const child: ChildProcess = fork('src/main.ts', [], {
    cwd: appDir,
    execArgv: ['--import', 'tsx', '--import', './src/cluster/moduleProbe.ts'],
    env: {
      ...process.env,
      ...EMBEDDED_MODE_ENV,
      PORT: '0',
      DATA_DIR: data.dir,
      LOG_LEVEL: 'info',
      AUTH_MODE: 'tenant',
      FIELDBOOK_SECRET: TEST_SECRET,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const port = await new Promise<number>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line.includes('"msg":"listening"')) resolve(JSON.parse(line).port);
    });
  });
  const server: ProbedServer = {
    port,
    loaded: () =>
      new Promise((resolve) => {
        const answer = (m: LoadedModules) => {
          if (m?.type !== ASK_LOADED) return;
          child.off('message', answer);
          resolve(m.files);
        };
        child.on('message', answer);
        child.send(ASK_LOADED);
      }),
    async stop() {
      child.kill('SIGTERM');
      await exited;
      data.cleanup();
    },
  };
  started.push(server);
  return server;
}

const loadedOf = (files: string[], prefixes: string[]) =>
  prefixes.filter((p) => files.some((f) => f.startsWith(p)));

it('starts embedded without the shared-mode drivers or the exporters, and loads the exporters at the first export', async () => {
  const server = await startProbed({});
  const atStart = await server.loaded();
  // The probe sees packages at all: SQLite and its drizzle driver are what embedded mode runs on.
  expect(loadedOf(atStart, ['better-sqlite3/', 'drizzle-orm/better-sqlite3/'])).toHaveLength(2);
  expect(loadedOf(atStart, [...SHARED_DRIVERS, ...EXPORTERS])).toEqual([]);

  const api = async (path: string, init: { token?: string; body?: unknown } = {}) => {
    const res = await fetch(`http://127.0.0.1:${server.port}/api/v1${path}`, {
      method: init.body === undefined ? 'GET' : 'POST',
      headers: {
        'content-type': 'application/json',
        ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    return { status: res.status, body: await res.arrayBuffer() };
  };
  const json = (b: ArrayBuffer) => JSON.parse(Buffer.from(b).toString('utf8'));
  const signup = await api('/auth/signup', {
    body: { tenant: 'Lean', email: 'owner@lean.test', password: 'correct horse 42', name: 'O' },
  });
  expect(signup.status).toBe(201);
  const token = json(signup.body).accessToken as string;
  const ws = json((await api('/workspaces', { token, body: { name: 'W' } })).body).id as string;
  const xlsx = await api(`/workspaces/${ws}/annotations/export?format=xlsx`, { token });
  expect(xlsx.status).toBe(200);
  expect(loadedOf(await server.loaded(), EXPORTERS)).toEqual(EXPORTERS);
  expect(loadedOf(await server.loaded(), SHARED_DRIVERS)).toEqual([]);
}, 60_000);

it('loads the shared-mode drivers with DATABASE_URL and REDIS_URL', async () => {
  const server = await startProbed({ DATABASE_URL: database.url, REDIS_URL: TEST_REDIS_URL });
  const atStart = await server.loaded();
  expect(loadedOf(atStart, SHARED_DRIVERS)).toEqual(SHARED_DRIVERS);
  expect(loadedOf(atStart, EXPORTERS)).toEqual([]);
}, 60_000);
