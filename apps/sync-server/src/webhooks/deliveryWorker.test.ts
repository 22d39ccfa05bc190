// The delivery worker against a real SQLite queue and a real failing receiver
// on loopback: a webhook that has failed for longer than the disable time is
// switched off once, and its admins told once, however many deliveries to it
// fail at the same moment.
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { newId } from '@fieldbook/shared';
import { tempDir } from '../testing/harness';
import { DeliveryWorker } from './deliveryWorker';
import { SecretBox } from './secretBox';
import { sendDelivery } from './sender';
import { openSqliteWebhookStore } from './sqlite/sqliteWebhookStore';
import { startReceiver } from './testing/receiver';
import type { WebhookRecord, WebhookStore } from './webhookStore';

const DAY = 24 * 3_600_000;
let dir: ReturnType<typeof tempDir>;
let store: WebhookStore;
let rx: Awaited<ReturnType<typeof startReceiver>>;
beforeEach(async () => {
  dir = tempDir('fb-delivery-worker-');
  store = openSqliteWebhookStore({ file: join(dir.dir, 'integrations.db') });
  rx = await startReceiver(() => ({ status: 500, body: 'still down' }));
});
afterEach(async () => {
  await rx.close();
  await store.close();
  dir.cleanup();
});

it('switches a day-long failing webhook off once, even with many deliveries failing at once', async () => {
  const box = new SecretBox('a server secret for the delivery worker test');
  const now = Date.now();
  const hook: WebhookRecord = {
    tenantId: newId(),
    id: newId(),
    workspaceId: newId(),
    url: rx.url('/down'),
    description: '',
    events: ['document.created'],
    active: true,
    disabledReason: null,
    failingSince: now - DAY - 60_000,
    createdAt: now - 2 * DAY,
    createdBy: 'u',
    secretRotatedAt: now - 2 * DAY,
    sealedSecret: box.seal('whsec_test'),
  };
  await store.insertWebhook(hook);
  const ids = Array.from({ length: 8 }, () => newId());
  await store.enqueue(
    ids.map((id) => ({
      tenantId: hook.tenantId,
      id,
      webhookId: hook.id,
      eventId: newId(),
      event: 'document.created' as const,
      payload: '{}',
      createdAt: now,
      redeliveryOf: null,
    })),
  );
  const disabled: WebhookRecord[] = [];
  const worker = new DeliveryWorker({
    store,
    box,
    send: sendDelivery,
    limits: { connectTimeoutMs: 2000, responseTimeoutMs: 2000, allow: new Set(['127.0.0.1']) },
    retry: { baseMs: 60_000, maxDelayMs: 60_000, giveUpAfterMs: DAY },
    concurrency: 8,
    pollMs: 20,
    disableAfterMs: DAY,
    onDisabled: (h) => disabled.push(h),
    onError: (err) => {
      throw err;
    },
  });
  await worker.start();
  const deadline = Date.now() + 10_000;
  while (rx.received.length < ids.length && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 20));
  await new Promise((r) => setTimeout(r, 300));
  await worker.stop();
  expect(rx.received.length).toBe(ids.length);
  expect(disabled).toHaveLength(1);
  expect(disabled[0]).toMatchObject({ id: hook.id, active: false });
  expect(await store.getWebhook(hook.tenantId, hook.id)).toMatchObject({
    active: false,
    disabledReason: expect.stringMatching(/^every delivery failed for 24 h$/),
  });
});
