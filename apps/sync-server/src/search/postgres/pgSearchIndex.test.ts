import { afterAll, beforeAll } from 'vitest';
import type { Postgres } from '../../postgres/connection';
import { createTestDatabase, type TestDatabase } from '../../postgres/testing';
import { runSearchIndexMatchingContract } from '../searchIndexMatching.contract';
import { runSearchIndexResultsContract } from '../searchIndexResults.contract';
import { runSearchIndexUpdatesContract } from '../searchIndexUpdates.contract';
import { runSearchIndexScaleContract } from '../searchIndexScale.contract';
import { openPgSearchIndex } from './pgSearchIndex';

let database: TestDatabase;
let pg: Postgres;
beforeAll(async () => {
  database = await createTestDatabase();
  pg = await database.open();
});
afterAll(() => database.drop());

// Each test works in a new workspace of a new tenant, so one database serves them all.
const factory = { open: () => openPgSearchIndex({ pg }) };
runSearchIndexMatchingContract('postgresql full-text', factory);
runSearchIndexResultsContract('postgresql full-text', factory);
runSearchIndexUpdatesContract('postgresql full-text', factory);
runSearchIndexScaleContract('postgresql full-text', factory);
