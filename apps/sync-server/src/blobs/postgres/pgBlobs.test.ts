import { text } from 'node:stream/consumers';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Postgres } from '../../postgres/connection';
import { migratePostgres } from '../../postgres/migrate';
import { createTestDatabase, type TestDatabase } from '../../postgres/testing';
import { blobIndexContract } from '../blobIndex.contract';
import { blobStoreContract } from '../blobStore.contract';
import { openPgBlobIndex } from './pgBlobIndex';
import { openPgBlobStore } from './pgBlobStore';

let database: TestDatabase;
let pg: Postgres;
beforeAll(async () => {
  database = await createTestDatabase();
  pg = await database.open();
  await migratePostgres(pg, 'blobs');
});
afterAll(() => database.drop());
const truncate = async () => {
  await pg.pool.query('truncate blob_contents, blob_chunks, blob_refs');
};

blobStoreContract('PostgreSQL', async () => ({ store: openPgBlobStore(pg), cleanup: truncate }));
blobIndexContract('PostgreSQL', async () => ({ index: openPgBlobIndex(pg), cleanup: truncate }));

it('serves a blob written through one node from another node, and keeps no chunk of a refused write', async () => {
  const other = await database.open();
  const blob = await openPgBlobStore(pg).write([Buffer.from('written on node A')]);
  expect(await text((await openPgBlobStore(other).open(blob.sha256))!)).toBe('written on node A');
  const refused = openPgBlobStore(other).write([Buffer.alloc(3 * 1024 * 1024, 1)], {
    beforeCommit: () => Promise.reject(new Error('quota')),
  });
  await expect(refused).rejects.toThrow('quota');
  const { rows } = await pg.pool.query<{ n: string }>('select count(*) as n from blob_chunks');
  expect(Number(rows[0]!.n)).toBe(1);
  await truncate();
});
