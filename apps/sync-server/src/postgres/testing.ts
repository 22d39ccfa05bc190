/**
 * A throwaway PostgreSQL database for one test file: created on the server
 * DATABASE_URL points at, dropped afterwards. Contract suites run on it so
 * every PostgreSQL store is tested against the machine's real server.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openPostgres, type Postgres } from './connection';

/**
 * The server tests use; .ci/run sets DATABASE_URL, a developer may too (the
 * vitest config moves it to FIELDBOOK_TEST_DATABASE_URL so that servers
 * started by tests stay on SQLite unless a test gives them a database).
 */
export const TEST_DATABASE_URL =
  process.env.FIELDBOOK_TEST_DATABASE_URL ||
  process.env.DATABASE_URL ||
  'postgres://postgres@127.0.0.1:5432/test';

/** A fresh database and its URL; `drop` closes every pool given by `open` and drops it. */
export interface TestDatabase {
  url: string;
  /** A new pool on the database (a second node, a reopened store). */
  open(): Promise<Postgres>;
  drop(): Promise<void>;
}

/** Creates an empty database named fb_test_<random> next to DATABASE_URL's. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `fb_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  const pools: Postgres[] = [];
  return {
    url: url.toString(),
    async open() {
      const handle = await openPostgres({ url: url.toString() });
      pools.push(handle);
      return handle;
    },
    async drop() {
      await Promise.all(pools.map((p) => p.close().catch(() => undefined)));
      const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await client.connect();
      try {
        await client.query(`drop database if exists ${name} with (force)`);
      } finally {
        await client.end();
      }
    },
  };
}
