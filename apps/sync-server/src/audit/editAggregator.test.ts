import { expect, it } from 'vitest';
import { newId } from '@fieldbook/shared';
import { openTestDatabase } from '../identity/sqlite/testDatabase';
import { AuditLog } from './auditLog';
import { testKeyRing } from './testing/keys';
import { EditAggregator } from './editAggregator';
import { createSqliteAuditStore } from './sqlite/sqliteAuditStore';

it('folds edits into one entry per user, document and minute, written once the minute is over', async () => {
  const { db, client } = await openTestDatabase();
  let now = Date.UTC(2026, 0, 1, 12, 0, 10);
  const log = new AuditLog(createSqliteAuditStore(db), testKeyRing(), () => now);
  const edits = new EditAggregator(log, { now: () => now });
  const tenant = newId();
  const [doc, ws] = [newId(), newId()];
  const alice = { type: 'user' as const, id: 'alice', label: 'alice@x' };
  const bob = { type: 'user' as const, id: 'bob', label: 'bob@x' };
  const base = { tenantId: tenant, workspaceId: ws, docId: doc, ts: now };
  edits.record({ ...base, actor: alice, bytes: 10, annotations: ['a1'] });
  edits.record({
    ...base,
    actor: alice,
    bytes: 5,
    annotations: ['a1', 'a2'],
    sections: ['comments'],
  });
  edits.record({ ...base, actor: bob, bytes: 7, sections: ['title'] });
  edits.record({ ...base, actor: alice, bytes: 3, ts: now + 60_000 });

  await edits.flush(false);
  expect((await log.exportEntries(tenant, {})).length).toBe(0);

  now += 60_000;
  await edits.flush(false);
  const written = await log.exportEntries(tenant, { action: 'document.edit' });
  expect(written.map((e) => [e.actor.id, e.summary])).toEqual([
    [
      'alice',
      {
        minute: '2026-01-01T12:00:00.000Z',
        updates: 2,
        bytes: 15,
        annotations: ['a1', 'a2'],
        sections: ['comments'],
      },
    ],
    [
      'bob',
      {
        minute: '2026-01-01T12:00:00.000Z',
        updates: 1,
        bytes: 7,
        annotations: [],
        sections: ['title'],
      },
    ],
  ]);
  expect(written.every((e) => e.resource.id === doc && e.workspaceId === ws)).toBe(true);

  await edits.stop();
  const all = await log.exportEntries(tenant, {});
  expect(all).toHaveLength(3);
  expect(all[2]!.summary).toMatchObject({
    minute: '2026-01-01T12:01:00.000Z',
    updates: 1,
    bytes: 3,
  });
  expect(await log.verify(tenant)).toMatchObject({ ok: true, checked: 3 });
  client.close();
});
