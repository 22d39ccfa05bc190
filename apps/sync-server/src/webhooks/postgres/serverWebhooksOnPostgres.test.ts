import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { newId } from '@fieldbook/shared';
import { TEST_SECRET } from '../../api/testKit';
import { createSqliteAuditStore } from '../../audit/sqlite/sqliteAuditStore';
import { loadConfig } from '../../config';
import { createIdentity } from '../../identity/identity';
import { createSqliteIdentityStore } from '../../identity/sqlite/sqliteIdentityStore';
import { openTestDatabase } from '../../identity/sqlite/testDatabase';
import { createLogger } from '../../log';
import { createTestDatabase } from '../../postgres/testing';
import { EventBus } from '../events';
import { SecretBox } from '../secretBox';
import { openServerWebhooks } from '../serverWebhooks';
import { DELIVERY_HEADER } from '../signature';

const database = await createTestDatabase();
const dir = mkdtempSync(join(tmpdir(), 'fb-webhooks-pg-'));
afterAll(async () => {
  await database.drop();
  rmSync(dir, { recursive: true, force: true });
});

/** One node's webhooks on the shared database, polling its queue every 20 ms. */
async function node(name: string) {
  const { db } = await openTestDatabase();
  const identity = createIdentity({
    store: createSqliteIdentityStore(db),
    auditStore: createSqliteAuditStore(db),
    secret: TEST_SECRET,
  });
  return openServerWebhooks({
    config: loadConfig({
      DATA_DIR: join(dir, name),
      WEBHOOK_ALLOW_HOSTS: '127.0.0.1',
      WEBHOOK_POLL_MS: '20',
      WEBHOOK_CONCURRENCY: '4',
    }),
    secret: TEST_SECRET,
    identity,
    bus: new EventBus(),
    log: createLogger('silent'),
    onDisabled: () => undefined,
    postgres: await database.open(),
  });
}

it('delivers each queued delivery once when two nodes run workers on one queue', async () => {
  const received: string[] = [];
  const receiver = createServer((req, res) => {
    received.push(String(req.headers[DELIVERY_HEADER]));
    req.resume().on('end', () => res.end('ok'));
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  const [a, b] = [await node('a'), await node('b')];
  const tenantId = newId();
  const hook = {
    tenantId,
    id: newId(),
    workspaceId: newId(),
    url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`,
    description: '',
    events: ['document.created' as const],
    active: true,
    disabledReason: null,
    failingSince: null,
    createdAt: Date.now(),
    createdBy: 'u1',
    secretRotatedAt: Date.now(),
    sealedSecret: new SecretBox(TEST_SECRET).seal('whsec'),
  };
  await a.store.insertWebhook(hook);
  expect(await b.store.getWebhook(tenantId, hook.id)).toEqual(hook);
  const ids = Array.from({ length: 60 }, () => newId());
  await a.store.enqueue(
    ids.map((id) => ({
      tenantId,
      id,
      webhookId: hook.id,
      eventId: newId(),
      event: 'document.created' as const,
      payload: '{}',
      createdAt: Date.now(),
      redeliveryOf: null,
    })),
  );
  await Promise.all([a.start(), b.start()]);
  await expect.poll(() => a.store.pendingCount(), { timeout: 20_000 }).toBe(0);
  await Promise.all([a.close(), b.close()]);
  await new Promise((r) => receiver.close(r));
  expect([...received].sort()).toEqual([...ids].sort());
});
