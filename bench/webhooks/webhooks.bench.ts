// Webhook delivery: 10,000 events fanned out to 3 webhooks on a loopback
// receiver, through the real durable queue (SQLite), signer and sender.
// Prints deliveries/s and event → delivery latency (p50/p99), then the same
// with the receiver failing half the time (every event still reaches each
// receiver exactly once after dedupe on the delivery id; time to drain), then
// one subscription failing (500s and hangs past the response timeout for a
// share of its deliveries) beside two healthy ones: attempts, drain time and
// the healthy ones' latency. Each run also probes the sync hot path in the
// same process (Yjs updates applied and encoded as the sync server does,
// event-loop delay) against a quiet baseline. Reference, same run: bare
// signed POSTs to the same receiver with the same parallelism and no queue.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { newId } from '@fieldbook/shared';
import * as Y from 'yjs';
import { DeliveryWorker } from '../../apps/sync-server/src/webhooks/deliveryWorker';
import { payloadOf, integrationEvent } from '../../apps/sync-server/src/webhooks/events';
import { SecretBox } from '../../apps/sync-server/src/webhooks/secretBox';
import { sendDelivery } from '../../apps/sync-server/src/webhooks/sender';
import { openSqliteWebhookStore } from '../../apps/sync-server/src/webhooks/sqlite/sqliteWebhookStore';
import { receiver, type Failing } from './receiver';

const EVENTS = Number(process.env.EVENTS ?? 10_000);
const HOOKS = 3;
const CONCURRENCY = 16;
const TENANT = newId();
const WS = newId();

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};

/**
 * The sync hot path, probed while deliveries run: every 50 ms, 20 small Yjs
 * updates applied to a document and its state encoded (what the sync server
 * does per message), timed; plus the event loop's delay, which every socket
 * message waits behind.
 */
function hotPathProbe() {
  const doc = new Y.Doc();
  const text = doc.getText('t');
  // One remote client, kept: a new peer per update made a new client id each time, so the
  // document's state (and each step) grew without end and the probe starved the event loop.
  const peer = new Y.Doc();
  const steps: number[] = [];
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const timer = setInterval(() => {
    const t0 = performance.now();
    for (let i = 0; i < 20; i++) {
      Y.applyUpdate(peer, Y.encodeStateAsUpdate(doc, Y.encodeStateVector(peer)));
      peer.getText('t').insert(0, 'x');
      Y.applyUpdate(doc, Y.encodeStateAsUpdate(peer, Y.encodeStateVector(doc)));
      if (text.length > 200) text.delete(0, 100);
    }
    steps.push(performance.now() - t0);
  }, 50);
  return () => {
    clearInterval(timer);
    loop.disable();
    return {
      syncStepP50Ms: +pct(steps, 50).toFixed(2),
      syncStepP99Ms: +pct(steps, 99).toFixed(2),
      loopDelayP99Ms: +(loop.percentile(99) / 1e6).toFixed(1),
    };
  };
}

/** Limits of the failing-subscription run: a short response timeout, so hangs cost 1 s each. */
const HANG_LIMITS = { connectTimeoutMs: 1000, responseTimeoutMs: 1000 };

async function queued(failRate: number, failing: Failing | null = null) {
  const dir = mkdtempSync(join(tmpdir(), 'fb-bench-webhooks-'));
  const rx = await receiver(failRate, failing);
  const store = openSqliteWebhookStore({ file: join(dir, 'integrations.db') });
  const box = new SecretBox('bench-secret-bench-secret-bench-secret-0123');
  const allow = new Set(['127.0.0.1']);
  const hooks = [];
  for (let i = 0; i < HOOKS; i++) {
    const hook = {
      tenantId: TENANT,
      id: newId(),
      workspaceId: WS,
      url: `http://127.0.0.1:${rx.port}/hook/${i}`,
      description: '',
      events: ['annotation.created' as const],
      active: true,
      disabledReason: null,
      failingSince: null,
      createdAt: Date.now(),
      createdBy: 'bench',
      secretRotatedAt: Date.now(),
      sealedSecret: box.seal(`whsec_bench_${i}`),
    };
    await store.insertWebhook(hook);
    hooks.push(hook);
  }
  const worker = new DeliveryWorker({
    store,
    box,
    send: sendDelivery,
    limits: failing
      ? { ...HANG_LIMITS, allow }
      : { connectTimeoutMs: 5000, responseTimeoutMs: 10_000, allow },
    retry: { baseMs: 20, maxDelayMs: 500, giveUpAfterMs: 3_600_000 },
    concurrency: CONCURRENCY,
    pollMs: 20,
    disableAfterMs: 3_600_000,
    onDisabled: () => {},
    onError: (err) => console.error(err),
  });
  await worker.start();
  const probe = hotPathProbe();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (let start = 0; start < EVENTS; start += 500) {
    const batch = [];
    for (let i = start; i < Math.min(EVENTS, start + 500); i++) {
      const e = integrationEvent({
        event: 'annotation.created',
        tenantId: TENANT,
        workspaceId: WS,
        actor: { type: 'user', id: 'bench', label: null },
        occurredAt: Date.now(),
        data: { docId: WS, annotation: { id: String(i), title: `spike ${i}` } },
      });
      const payload = JSON.stringify(payloadOf(e));
      for (const h of await store.subscribers(TENANT, WS, e.event))
        batch.push({
          tenantId: TENANT,
          id: newId(),
          webhookId: h.id,
          eventId: e.id,
          event: e.event,
          payload,
          createdAt: Date.now(),
          redeliveryOf: null,
        });
    }
    await store.enqueue(batch);
    worker.wake();
  }
  while (rx.seen.size < EVENTS * HOOKS) await new Promise((r) => setTimeout(r, 20));
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const hotPath = probe();
  const perHook = hooks.map((_, i) => {
    const hook = `/hook/${i}`;
    const lat = rx.latencies(hook);
    return {
      hook: i,
      delivered: lat.length,
      attempts: rx.requests(hook),
      p50Ms: pct(lat, 50),
      p99Ms: pct(lat, 99),
    };
  });
  await worker.stop();
  await store.close();
  await rx.close();
  rmSync(dir, { recursive: true, force: true });
  return {
    deliveries: rx.seen.size,
    requests: rx.requests(),
    seconds: +seconds.toFixed(2),
    deliveriesPerSec: Math.round(rx.seen.size / seconds),
    p50Ms: pct(rx.latencies(), 50),
    p99Ms: pct(rx.latencies(), 99),
    cpuUsPerDelivery: Math.round((cpu.user + cpu.system) / rx.seen.size),
    perHook,
    hotPath,
  };
}

/** The reference: the same signed POSTs, `CONCURRENCY` in flight, no queue or database. */
async function bare() {
  const rx = await receiver(0);
  const allow = new Set(['127.0.0.1']);
  const total = EVENTS * HOOKS;
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < total) {
        const i = next++;
        const body = JSON.stringify({ id: String(i), occurredAt: new Date().toISOString() });
        await sendDelivery(
          {
            url: `http://127.0.0.1:${rx.port}/hook/${i % HOOKS}`,
            secret: 'whsec_bench',
            deliveryId: String(i),
            event: 'annotation.created',
            body,
          },
          { connectTimeoutMs: 5000, responseTimeoutMs: 10_000, allow },
        );
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  await rx.close();
  return {
    deliveries: rx.seen.size,
    seconds: +seconds.toFixed(2),
    deliveriesPerSec: Math.round(rx.seen.size / seconds),
    p50Ms: pct(rx.latencies(), 50),
    p99Ms: pct(rx.latencies(), 99),
  };
}

/** The hot-path probe with nothing else running, for 2 s: the baseline. */
async function quiet() {
  const probe = hotPathProbe();
  await new Promise((r) => setTimeout(r, 2000));
  return probe();
}

console.log(
  JSON.stringify({ bench: 'webhooks', target: 'sync hot path, quiet', ...(await quiet()) }),
);
const reference = await bare();
console.log(
  JSON.stringify({
    bench: 'webhooks',
    target: 'reference: bare signed POSTs',
    events: EVENTS,
    hooks: HOOKS,
    ...reference,
  }),
);
const healthy = await queued(0);
console.log(
  JSON.stringify({
    bench: 'webhooks',
    target: 'fieldbook: durable queue',
    events: EVENTS,
    hooks: HOOKS,
    ...healthy,
  }),
);
const flaky = await queued(0.5);
console.log(
  JSON.stringify({
    bench: 'webhooks',
    target: 'fieldbook: receiver failing 50%',
    events: EVENTS,
    hooks: HOOKS,
    exactlyOnceAfterDedupe: flaky.deliveries === EVENTS * HOOKS,
    drainSeconds: flaky.seconds,
    ...flaky,
  }),
);
const mixed = await queued(0, { fail500: 0.3, hang: 0.1 });
console.log(
  JSON.stringify({
    bench: 'webhooks',
    target: 'fieldbook: hook 0 failing (30% 500, 10% hang 1 s), hooks 1-2 healthy',
    events: EVENTS,
    hooks: HOOKS,
    exactlyOnceAfterDedupe: mixed.deliveries === EVENTS * HOOKS,
    drainSeconds: mixed.seconds,
    ...mixed,
  }),
);
