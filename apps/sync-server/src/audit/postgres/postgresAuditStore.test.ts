import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '@fieldbook/shared';
import type { Postgres } from '../../postgres/connection';
import { migratePostgres } from '../../postgres/migrate';
import { createTestDatabase, type TestDatabase } from '../../postgres/testing';
import { AuditLog } from '../auditLog';
import { runAuditStoreContract } from '../auditStore.contract';
import { testKeyRing } from '../testing/keys';
import { createPostgresAuditStore } from './postgresAuditStore';

let database: TestDatabase;
let pg: Postgres;
beforeAll(async () => {
  database = await createTestDatabase();
  pg = await database.open();
  await migratePostgres(pg, 'audit');
});
afterAll(() => database.drop());

runAuditStoreContract('postgres', {
  async open() {
    return {
      store: createPostgresAuditStore(pg.db),
      async exec(sql: string) {
        await pg.pool.query(sql);
      },
      async close() {},
    };
  },
});

describe('postgres audit store on two nodes', () => {
  it('keeps one chain per tenant when two pools append to it at once', async () => {
    const nodes = [pg, await database.open()].map(
      (p) => new AuditLog(createPostgresAuditStore(p.db), testKeyRing()),
    );
    const tenant = newId();
    const rounds = 25;
    await Promise.all(
      nodes.map(async (log, node) => {
        for (let i = 0; i < rounds; i++) {
          await log.recordMany(tenant, [
            {
              actor: { type: 'user', id: `n${node}`, label: null },
              action: 'auth.login',
              outcome: 'success',
              resource: { type: 'user', id: `${i}` },
            },
            {
              actor: { type: 'user', id: `n${node}`, label: null },
              action: 'auth.logout',
              outcome: 'success',
              resource: { type: 'user', id: `${i}` },
            },
          ]);
        }
      }),
    );
    expect(await nodes[0]!.verify(tenant)).toMatchObject({
      ok: true,
      checked: 4 * rounds,
      headSeq: 4 * rounds,
    });
    const chain = await createPostgresAuditStore(pg.db).readChain(tenant);
    expect(chain.map((e) => e.seq)).toEqual(Array.from({ length: 4 * rounds }, (_, i) => i + 1));
    // A batch stays together: each login is followed by its logout from the same node.
    for (let i = 0; i < chain.length; i += 2)
      expect([chain[i]!.action, chain[i + 1]!.actor.id]).toEqual([
        'auth.login',
        chain[i]!.actor.id,
      ]);
  });
});
