import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { newId } from '@fieldbook/shared';
import { createTestDatabase } from '../../postgres/testing';
import { webhookStoreContract } from '../webhookStore.contract';
import { openPostgresWebhookStore } from './postgresWebhookStore';

const database = await createTestDatabase();
afterAll(() => database.drop());
const pg = await database.open();

webhookStoreContract('postgres', async () => {
  const owner = newId();
  const store = await openPostgresWebhookStore(pg, { owner });
  await pg.pool.query('truncate webhooks, webhook_deliveries, webhook_attempts');
  return {
    store,
    // The same node back on a new pool: it ends the leases it held.
    reopen: async () => openPostgresWebhookStore(await database.open(), { owner }),
    cleanup: () => undefined,
  };
});

describe('WebhookStore on PostgreSQL, two nodes', () => {
  beforeEach(() => pg.pool.query('truncate webhook_deliveries'));

  it('never hands one delivery to both nodes claiming at once', async () => {
    const a = await openPostgresWebhookStore(await database.open());
    const b = await openPostgresWebhookStore(await database.open());
    const tenantId = newId();
    const webhookId = newId();
    const ids = Array.from({ length: 200 }, () => newId());
    await a.enqueue(
      ids.map((id) => ({
        tenantId,
        id,
        webhookId,
        eventId: newId(),
        event: 'document.created' as const,
        payload: '{}',
        createdAt: 1000,
        redeliveryOf: null,
      })),
    );
    // Rounds in which both nodes claim at once (free-running, a node still connecting could find
    // the other had claimed everything).
    const claimed: string[][] = [[], []];
    for (;;) {
      const batches = await Promise.all([a, b].map((store) => store.claimDue(2000, 7, 99_000)));
      for (const batch of batches) expect(batch.length).toBeLessThanOrEqual(7);
      batches.forEach((batch, node) => claimed[node]!.push(...batch.map((d) => d.id)));
      if (batches.every((batch) => batch.length === 0)) break;
    }
    expect(claimed[0]!.length).toBeGreaterThan(0);
    expect(claimed[1]!.length).toBeGreaterThan(0);
    expect([...claimed[0]!, ...claimed[1]!].sort()).toEqual([...ids].sort());
  });

  it("ends only its own leases when a node starts, never another node's", async () => {
    const a = await openPostgresWebhookStore(await database.open());
    const b = await openPostgresWebhookStore(await database.open());
    const d = {
      tenantId: newId(),
      id: newId(),
      webhookId: newId(),
      eventId: newId(),
      event: 'document.created' as const,
      payload: '{}',
      createdAt: 1000,
      redeliveryOf: null,
    };
    await a.enqueue([d]);
    expect((await a.claimDue(2000, 10, 99_000)).map((x) => x.id)).toEqual([d.id]);
    await b.releaseLeases();
    expect(await b.claimDue(2000, 10, 99_000)).toEqual([]);
    await a.releaseLeases();
    expect((await b.claimDue(2000, 10, 99_000)).map((x) => x.id)).toEqual([d.id]);
  });
});
