import { afterAll, describe, expect, it } from 'vitest';
import { newId, type InstrumentActor } from '@fieldbook/shared';
import { createTestDatabase } from '../../postgres/testing';
import { runInstrumentStoreContract } from '../instrumentStore.contract';
import type { CommandRecord } from '../instrumentStore';
import { openPostgresInstrumentStore } from './postgresInstrumentStore';

const database = await createTestDatabase();
afterAll(() => database.drop());
const pg = await database.open();

runInstrumentStoreContract('postgres', {
  async open() {
    const store = await openPostgresInstrumentStore(pg);
    await pg.pool.query(
      'truncate instrument_commands, instrument_command_transitions, instrument_runs',
    );
    return { store, close: () => store.close() };
  },
});

const BOB: InstrumentActor = { type: 'user', id: 'u-bob', name: 'Bob' };
const CAROL: InstrumentActor = { type: 'user', id: 'u-carol', name: 'Carol' };
const SYSTEM: InstrumentActor = { type: 'system', id: 'expiry', name: 'expiry' };

function awaiting(tenantId: string): CommandRecord {
  return {
    tenantId,
    id: newId(),
    instrumentId: 'i-1',
    workspaceId: 'w-1',
    agentId: 'rover-1',
    instrumentKey: 'rover',
    command: 'drill.arm',
    params: {},
    note: null,
    hazard: 'hazardous',
    state: 'awaiting_approval',
    requestedBy: { type: 'user', id: 'u-ada', name: 'Ada' },
    requestedAt: 1,
    decidedBy: null,
    decidedAt: null,
    expiresAt: 100,
    releasedAt: null,
    acknowledgedAt: null,
    progress: null,
    reason: null,
    error: null,
    output: null,
    finishedAt: null,
    cancelRequestedBy: null,
    updatedAt: 1,
  };
}

describe('InstrumentStore on PostgreSQL, two nodes', () => {
  it('lets one of two nodes win each race on a command: two approvals, approval against expiry', async () => {
    const a = await openPostgresInstrumentStore(await database.open());
    const b = await openPostgresInstrumentStore(await database.open());
    const tenantId = newId();
    for (let i = 0; i < 30; i++) {
      const c = awaiting(tenantId);
      await a.createCommand(c, { to: 'awaiting_approval', at: 1, by: c.requestedBy });
      const [byA, byB] = await Promise.all([
        a.transition(
          tenantId,
          c.id,
          ['awaiting_approval'],
          { to: 'released', at: 2, by: BOB, detail: { decision: 'approve' } },
          { decidedBy: BOB, decidedAt: 2, releasedAt: 2 },
        ),
        i % 2
          ? b.transition(tenantId, c.id, ['awaiting_approval'], {
              to: 'expired',
              at: 2,
              by: SYSTEM,
            })
          : b.transition(
              tenantId,
              c.id,
              ['awaiting_approval'],
              { to: 'released', at: 2, by: CAROL, detail: { decision: 'approve' } },
              { decidedBy: CAROL, decidedAt: 2, releasedAt: 2 },
            ),
      ]);
      const winner = byA ?? byB;
      expect([byA, byB].filter((r) => r !== null)).toHaveLength(1);
      expect(await b.getCommand(tenantId, c.id)).toEqual(winner);
      const steps = await a.listTransitions(tenantId, c.id);
      expect(steps.map((t) => [t.seq, t.from, t.to])).toEqual([
        [1, null, 'awaiting_approval'],
        [2, 'awaiting_approval', winner!.state],
      ]);
    }
  });
});
