import { afterAll, beforeAll } from 'vitest';
import type { Postgres } from '../../postgres/connection';
import { createTestDatabase, type TestDatabase } from '../../postgres/testing';
import { runHistoryStoreContract } from '../historyStore.contract';
import { openPgHistoryStore } from './pgHistoryStore';

let database: TestDatabase;
let pg: Postgres;
beforeAll(async () => {
  database = await createTestDatabase();
  pg = await database.open();
});
afterAll(() => database.drop());

// Every test uses a new document, so one database serves them; a reopen is a new pool (another node).
runHistoryStoreContract('PostgreSQL', {
  open: () => openPgHistoryStore(pg),
  reopen: async () => openPgHistoryStore(await database.open()),
});
