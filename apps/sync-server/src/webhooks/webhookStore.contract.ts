import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newId } from '@fieldbook/shared';
import type { NewDelivery, WebhookRecord, WebhookStore } from './webhookStore';

const T1 = newId();
const T2 = newId();
const WS = newId();

function hook(over: Partial<WebhookRecord> = {}): WebhookRecord {
  return {
    tenantId: T1,
    id: newId(),
    workspaceId: WS,
    url: 'https://example.org/hook',
    description: 'ops',
    events: ['document.created', 'annotation.approved'],
    active: true,
    disabledReason: null,
    failingSince: null,
    createdAt: 1000,
    createdBy: 'u1',
    secretRotatedAt: 1000,
    sealedSecret: 'sealed',
    ...over,
  };
}

function delivery(webhookId: string, over: Partial<NewDelivery> = {}): NewDelivery {
  return {
    tenantId: T1,
    id: newId(),
    webhookId,
    eventId: newId(),
    event: 'document.created',
    payload: '{}',
    createdAt: 2000,
    redeliveryOf: null,
    ...over,
  };
}

/** The behaviour every WebhookStore must show; run it on each implementation. */
export function webhookStoreContract(
  name: string,
  open: () => Promise<{ store: WebhookStore; reopen(): Promise<WebhookStore>; cleanup(): void }>,
) {
  describe(`WebhookStore contract: ${name}`, () => {
    let store: WebhookStore;
    let reopen: () => Promise<WebhookStore>;
    let cleanup: () => void;
    beforeEach(async () => ({ store, reopen, cleanup } = await open()));
    afterEach(async () => {
      await store.close();
      cleanup();
    });

    it('keeps webhooks per tenant: another tenant reads nothing', async () => {
      const h = hook();
      await store.insertWebhook(h);
      expect(await store.getWebhook(T1, h.id)).toEqual(h);
      expect(await store.getWebhook(T2, h.id)).toBeNull();
      expect(await store.listWebhooks(T2, WS)).toEqual([]);
      expect(await store.updateWebhook(T2, h.id, { url: 'https://x' })).toBeNull();
      expect(await store.deleteWebhook(T2, h.id)).toBe(false);
      expect((await store.getWebhook(T1, h.id))?.url).toBe(h.url);
    });

    it('updates, lists subscribers of an event, and deletes with deliveries', async () => {
      const a = hook();
      const b = hook({ events: ['document.created'], createdAt: 1001 });
      await store.insertWebhook(a);
      await store.insertWebhook(b);
      expect((await store.subscribers(T1, WS, 'annotation.approved')).map((w) => w.id)).toEqual([
        a.id,
      ]);
      const off = await store.updateWebhook(T1, b.id, { active: false, disabledReason: 'x' });
      expect(off).toMatchObject({ active: false, disabledReason: 'x' });
      expect((await store.subscribers(T1, WS, 'document.created')).map((w) => w.id)).toEqual([
        a.id,
      ]);
      expect((await store.listWebhooks(T1, WS)).map((w) => w.id)).toEqual([a.id, b.id]);
      await store.enqueue([delivery(a.id)]);
      expect(await store.deleteWebhook(T1, a.id)).toBe(true);
      expect(await store.pendingCount()).toBe(0);
    });

    it('switches a webhook off once however many callers race, and never another tenant’s', async () => {
      const h = hook();
      await store.insertWebhook(h);
      expect(await store.switchOffWebhook(T2, h.id, 'failing')).toBeNull();
      const results = await Promise.all(
        Array.from({ length: 6 }, () => store.switchOffWebhook(T1, h.id, 'failing for 24 h')),
      );
      const winners = results.filter((r) => r !== null);
      expect(winners).toHaveLength(1);
      expect(winners[0]).toMatchObject({
        id: h.id,
        active: false,
        disabledReason: 'failing for 24 h',
      });
      expect(await store.switchOffWebhook(T1, h.id, 'again')).toBeNull();
      expect(await store.getWebhook(T1, h.id)).toMatchObject({
        disabledReason: 'failing for 24 h',
      });
    });

    it('leases due deliveries once, and records attempts until delivered', async () => {
      const h = hook();
      await store.insertWebhook(h);
      const d = delivery(h.id);
      await store.enqueue([d]);
      const [claimed] = await store.claimDue(3000, 10, 9000);
      expect(claimed).toMatchObject({ id: d.id, state: 'pending', attempts: [] });
      expect(await store.claimDue(3000, 10, 9000)).toEqual([]);
      const attempt = { attempt: 1, at: 3000, status: 500, response: 'boom', latencyMs: 4 };
      await store.finishAttempt(d.id, attempt, { state: 'pending', nextAttemptAt: 5000 });
      expect(await store.claimDue(4999, 10, 9000)).toEqual([]);
      const [again] = await store.claimDue(5000, 10, 9000);
      expect(again!.attempts).toEqual([attempt]);
      await store.finishAttempt(
        d.id,
        { ...attempt, attempt: 2, status: 200, response: 'ok' },
        { state: 'delivered' },
      );
      expect(await store.getDelivery(T1, h.id, d.id)).toMatchObject({
        state: 'delivered',
        nextAttemptAt: null,
      });
      expect(await store.getDelivery(T2, h.id, d.id)).toBeNull();
      expect(await store.pendingCount()).toBe(0);
    });

    it('hands a delivery out again after its lease ends or leases are released', async () => {
      const h = hook();
      await store.insertWebhook(h);
      const d = delivery(h.id);
      await store.enqueue([d]);
      await store.claimDue(3000, 10, 4000);
      expect((await store.claimDue(4001, 10, 6000)).map((x) => x.id)).toEqual([d.id]);
      await store.releaseLeases();
      expect((await store.claimDue(4002, 10, 6000)).map((x) => x.id)).toEqual([d.id]);
    });

    it('keeps the queue across a reopen', async () => {
      const h = hook();
      await store.insertWebhook(h);
      await store.enqueue([delivery(h.id), delivery(h.id)]);
      await store.claimDue(3000, 1, 99_000);
      await store.close();
      store = await reopen();
      await store.releaseLeases();
      expect(await store.pendingCount()).toBe(2);
      expect(await store.claimDue(3000, 10, 99_000)).toHaveLength(2);
    });

    it('pages the delivery log newest first', async () => {
      const h = hook();
      await store.insertWebhook(h);
      const ds = [delivery(h.id), delivery(h.id), delivery(h.id)];
      await store.enqueue(ds);
      const first = await store.listDeliveries(T1, h.id, null, 2);
      expect(first.map((d) => d.id)).toEqual([ds[2]!.id, ds[1]!.id]);
      const next = await store.listDeliveries(T1, h.id, first[1]!.id, 2);
      expect(next.map((d) => d.id)).toEqual([ds[0]!.id]);
      expect(await store.listDeliveries(T2, h.id, null, 10)).toEqual([]);
    });
  });
}
