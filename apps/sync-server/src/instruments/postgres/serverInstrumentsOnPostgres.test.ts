import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { newId } from '@fieldbook/shared';
import { TEST_SECRET } from '../../api/testKit';
import { createSqliteAuditStore } from '../../audit/sqlite/sqliteAuditStore';
import { createIdentity } from '../../identity/identity';
import { createSqliteIdentityStore } from '../../identity/sqlite/sqliteIdentityStore';
import { openTestDatabase } from '../../identity/sqlite/testDatabase';
import { createLogger } from '../../log';
import { createTestDatabase } from '../../postgres/testing';
import { LiveBus } from '../../telemetry/liveBus';
import { openSqliteTelemetryStore } from '../../telemetry/sqlite/sqliteTelemetryStore';
import { openServerInstruments } from '../serverInstruments';

const database = await createTestDatabase();
const dir = mkdtempSync(join(tmpdir(), 'fb-instruments-pg-'));
afterAll(async () => {
  await database.drop();
  rmSync(dir, { recursive: true, force: true });
});

/** One node's instrument services on the shared database (its own pool, telemetry and identity). */
async function node(name: string) {
  const { db } = await openTestDatabase();
  const identity = createIdentity({
    store: createSqliteIdentityStore(db),
    auditStore: createSqliteAuditStore(db),
    secret: TEST_SECRET,
  });
  const bus = new LiveBus();
  const telemetry = openSqliteTelemetryStore({ file: join(dir, `${name}.db`), bus });
  const instruments = await openServerInstruments({
    config: { dataDir: join(dir, name), durability: 'normal' },
    identity,
    telemetry,
    bus,
    log: createLogger('silent'),
    postgres: await database.open(),
  });
  return {
    instruments,
    close: async () => {
      await instruments.close();
      await telemetry.close();
    },
  };
}

it('keeps commands in PostgreSQL when given it: a command one node stores, another reads', async () => {
  const [a, b] = [await node('a'), await node('b')];
  const tenantId = newId();
  const actor = { type: 'user' as const, id: 'u-ada', name: 'Ada' };
  const { command } = await a.instruments.store.createCommand(
    {
      tenantId,
      id: newId(),
      instrumentId: 'i-1',
      workspaceId: null,
      agentId: 'rover-1',
      instrumentKey: 'rover',
      command: 'drill.arm',
      params: {},
      note: null,
      hazard: 'normal',
      state: 'queued',
      requestedBy: actor,
      requestedAt: 1,
      decidedBy: null,
      decidedAt: null,
      expiresAt: 2,
      releasedAt: null,
      acknowledgedAt: null,
      progress: null,
      reason: null,
      error: null,
      output: null,
      finishedAt: null,
      cancelRequestedBy: null,
      updatedAt: 1,
    },
    { to: 'queued', at: 1, by: actor },
  );
  expect(await b.instruments.store.getCommand(tenantId, command.id)).toEqual(command);
  expect(await b.instruments.expireDue()).toBe(1);
  expect((await a.instruments.store.getCommand(tenantId, command.id))?.state).toBe('expired');
  await a.close();
  await b.close();
});
