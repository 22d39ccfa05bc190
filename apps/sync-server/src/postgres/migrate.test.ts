import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from './testing';
import { migratePostgres } from './migrate';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

it('lets several nodes start at once: each family is migrated exactly once', async () => {
  const nodes = await Promise.all([database.open(), database.open(), database.open()]);
  await Promise.all(nodes.map((pg) => migratePostgres(pg, 'storage')));
  const { rows } = await nodes[0]!.pool.query<{ n: string }>(
    'select count(*) as n from public.__drizzle_migrations_storage',
  );
  const journal = JSON.parse(
    readFileSync(new URL('../../drizzle/pg/storage/meta/_journal.json', import.meta.url), 'utf8'),
  ) as { entries: unknown[] };
  expect(Number(rows[0]!.n)).toBe(journal.entries.length);
  const tables = await nodes[0]!.pool.query(
    "select 1 from information_schema.tables where table_name = 'doc_updates'",
  );
  expect(tables.rowCount).toBe(1);
});
