import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Postgres } from '../../postgres/connection';
import { migratePostgres } from '../../postgres/migrate';
import { createTestDatabase, type TestDatabase } from '../../postgres/testing';
import { telemetryStoreContract } from '../telemetryStore.contract';
import { TEST_MANIFEST, batchOf } from '../testBatches';
import { openPgTelemetryStore } from './pgTelemetryStore';

let database: TestDatabase;
let pg: Postgres;
beforeAll(async () => {
  database = await createTestDatabase();
  pg = await database.open();
  await migratePostgres(pg, 'telemetry');
});
afterAll(() => database.drop());
// Emptied per contract run (25 runs in the property test): delete is quicker than truncate on tiny tables.
const truncate = () =>
  pg.pool.query(
    ['instruments', 'channels', 'chunks', 'pending', 'streams', 'gaps']
      .map((t) => `delete from telemetry_${t};`)
      .join(' '),
  );

telemetryStoreContract('PostgreSQL', async () => {
  await truncate();
  return {
    open: (o) => openPgTelemetryStore({ pg, chunkMaxAgeMs: 3_600_000, ...o }),
    cleanup: () => undefined,
  };
});

it('two nodes ingesting one stream at once store every seq once, and either node answers with all samples', async () => {
  await truncate();
  const other = await database.open();
  const where = { tenantId: 't', agentId: 'a', stream: 's' };
  const [a, b] = [pg, other].map((p) => openPgTelemetryStore({ pg: p, chunkSamples: 64 }));
  await a!.registerManifest('t', null, 'a', TEST_MANIFEST);
  await b!.registerManifest('t', null, 'a', TEST_MANIFEST);
  const samples = Array.from({ length: 400 }, (_, i) => ({ ch: 'volt', t: 1000 + i, value: i }));
  const batches = Array.from({ length: 8 }, (_, k) =>
    batchOf(where, 1 + k * 50, samples.slice(k * 50, k * 50 + 50)),
  );
  // Each batch goes to both nodes at once (an agent that reconnected while a batch was in flight).
  const results = [];
  for (const batch of batches)
    results.push(...(await Promise.all([a!.ingest(batch), b!.ingest(batch)])));
  expect(results.reduce((sum, r) => sum + r.stored, 0)).toBe(400);
  const id = (await b!.listChannels('t')).find((c) => c.key === 'volt')!.id;
  for (const node of [a!, b!]) {
    const q = await node.querySamples('t', id, { from: 1000, to: 1399, maxPoints: 400 });
    expect(q.count.reduce((x, y) => x + y, 0)).toBe(400);
  }
  expect(await a!.streamPositions('t', 'a')).toEqual([
    { stream: 's', storedSeq: 400, overflow: 0 },
  ]);
  await Promise.all([a!.close(), b!.close()]);
});
