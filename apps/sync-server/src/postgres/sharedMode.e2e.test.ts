import { spawn } from 'node:child_process';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  connectClient,
  ids,
  startTestServer,
  tempDir,
  waitFor,
  type TestClient,
} from '../testing/harness';
import type { RunningServer } from '../server';
import { createTestDatabase, TEST_DATABASE_URL, type TestDatabase } from './testing';

let database: TestDatabase;
const dirs: { cleanup(): void }[] = [];
const clients: TestClient[] = [];
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  for (const c of clients) c.destroy();
  await database.drop();
  for (const d of dirs) d.cleanup();
});

/** A server in shared mode on the test database, each in its own empty data directory. */
async function startShared(): Promise<RunningServer> {
  const data = tempDir();
  dirs.push(data);
  return startTestServer(data.dir, { DATABASE_URL: database.url });
}
const connect = (server: RunningServer, key: { workspaceId: string; docId: string }) => {
  const client = connectClient(server.port, key.workspaceId, key.docId);
  clients.push(client);
  return client;
};
/** Runs `sql` on the server PostgreSQL as the admin (outside the test database). */
async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
const dbName = () => new URL(database.url).pathname.slice(1);
/** Makes the test database unreachable for the servers: new connections refused, open ones ended. */
async function cutDatabase(): Promise<void> {
  await admin(`alter database ${dbName()} allow_connections false`);
  await admin(
    `select pg_terminate_backend(pid) from pg_stat_activity where datname = '${dbName()}'`,
  );
}
const restoreDatabase = () => admin(`alter database ${dbName()} allow_connections true`);

describe('shared mode (DATABASE_URL)', () => {
  it('stores documents in PostgreSQL: a restarted server with an empty data directory serves them', async () => {
    const key = ids();
    const first = await startShared();
    expect(first.postgres).not.toBeNull();
    const health = await first.app.request('/health');
    expect(await health.json()).toMatchObject({ status: 'ok', database: 'postgres' });
    const writer = connect(first, key);
    const reader = connect(first, key);
    await Promise.all([writer.synced(), reader.synced()]);
    writer.text.insert(0, 'kept in postgres');
    // Relayed only once appended, so the reader seeing it means it is stored.
    await waitFor(() => reader.text.toString() === 'kept in postgres', 'relay');
    writer.destroy();
    reader.destroy();
    await first.close();

    const second = await startShared();
    const later = connect(second, key);
    await later.synced();
    expect(later.text.toString()).toBe('kept in postgres');
    later.destroy();
    await second.close();
  });

  it('refuses writes while PostgreSQL is unreachable, acknowledges nothing, and stores the resent edit once it is back', async () => {
    const key = ids();
    const server = await startShared();
    const writer = connect(server, key);
    const reader = connect(server, key);
    await Promise.all([writer.synced(), reader.synced()]);
    const closes: number[] = [];
    writer.provider.on('connection-close', (event: { code: number } | null) =>
      closes.push(event?.code ?? 0),
    );

    await cutDatabase();
    try {
      writer.text.insert(0, 'during the outage');
      await waitFor(() => closes.includes(1011), 'the writer to be told storage failed');
      expect(reader.text.toString()).toBe('');
      const down = await server.app.request('/health');
      expect(down.status).toBe(503);
      expect(await down.json()).toMatchObject({
        error: { code: 'SERVICE_UNAVAILABLE', details: { database: 'postgres' } },
      });
    } finally {
      await restoreDatabase();
    }
    await waitFor(() => reader.text.toString() === 'during the outage', 'resend after recovery');
    const log = await server.store.readLog(key);
    expect(log.length).toBeGreaterThan(0);
    expect((await server.app.request('/health')).status).toBe(200);
    await server.close();
  });

  it('answers a REST write 503 SERVICE_UNAVAILABLE while PostgreSQL is unreachable, and takes it once it is back', async () => {
    const data = tempDir();
    dirs.push(data);
    const server = await startTestServer(data.dir, {
      DATABASE_URL: database.url,
      FIELDBOOK_SECRET: 'shared-mode-secret-0123456789-abcdefghij',
    });
    const signup = () =>
      server.app.request('/api/v1/auth/signup', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          email: 'bea@example.org',
          password: 'a long passphrase for bea',
          tenant: 'Outage Lab',
          name: 'Bea',
        }),
      });
    await cutDatabase();
    try {
      const refused = await signup();
      expect(refused.status).toBe(503);
      expect(await refused.json()).toMatchObject({
        error: { code: 'SERVICE_UNAVAILABLE', details: { database: 'postgres' } },
      });
    } finally {
      await restoreDatabase();
    }
    // Nothing of the refused signup was kept: the same email signs up now.
    expect((await signup()).status).toBe(201);
    await server.close();
  });

  it('refuses to start when DATABASE_URL is unreachable, with a clear message', async () => {
    const data = tempDir();
    dirs.push(data);
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: join(import.meta.dirname, '../..'),
      env: {
        ...process.env,
        PORT: '0',
        DATA_DIR: data.dir,
        DATABASE_URL: 'postgres://fieldbook:hunter2@127.0.0.1:1/none',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(3);
    expect(output).toContain('PostgreSQL at postgres://fieldbook:***@127.0.0.1:1/none');
    expect(output).toContain('check DATABASE_URL');
    expect(output).not.toContain('hunter2');
    expect(output).not.toContain('listening');
  });
});

describe('shared mode identity and audit', () => {
  it('keeps tenants, sign-ins and the audit chain in PostgreSQL across a restart', async () => {
    const env = {
      DATABASE_URL: database.url,
      FIELDBOOK_SECRET: 'shared-mode-secret-0123456789-abcdefghij',
    };
    const start = () => {
      const data = tempDir();
      dirs.push(data);
      return startTestServer(data.dir, env);
    };
    const post = (server: RunningServer, path: string, body: unknown) =>
      server.app.request(`/api/v1${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const account = { email: 'ada@example.org', password: 'a long passphrase for ada' };
    const first = await start();
    expect(
      (await post(first, '/auth/signup', { ...account, tenant: 'Mars Lab', name: 'Ada' })).status,
    ).toBe(201);
    await first.close();

    const second = await start();
    expect((await post(second, '/auth/login', account)).status).toBe(200);
    await second.close();
    const pg = await database.open();
    const { rows } = await pg.pool.query<{ n: string }>('select count(*) as n from audit_entries');
    expect(Number(rows[0]!.n)).toBeGreaterThanOrEqual(2);
  });
});
