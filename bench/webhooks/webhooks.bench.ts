// Webhook delivery: 10,000 events fanned out to 3 webhooks on a loopback
// receiver, through the real durable queue (SQLite), signer and sender.
// Prints deliveries/s and event → delivery latency (p50/p99), then the same
// with the receiver failing half the time (every event still reaches each
// receiver exactly once after dedupe on the delivery id; time to drain).
// Reference, same run: bare signed POSTs to the same receiver with the same
// parallelism and no queue.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newId } from '@fieldbook/shared';
import { DeliveryWorker } from '../../apps/sync-server/src/webhooks/deliveryWorker';
import { payloadOf, integrationEvent } from '../../apps/sync-server/src/webhooks/events';
import { SecretBox } from '../../apps/sync-server/src/webhooks/secretBox';
import { sendDelivery } from '../../apps/sync-server/src/webhooks/sender';
import { openSqliteWebhookStore } from '../../apps/sync-server/src/webhooks/sqlite/sqliteWebhookStore';

const EVENTS = Number(process.env.EVENTS ?? 10_000);
const HOOKS = 3;
const CONCURRENCY = 16;
const TENANT = newId();
const WS = newId();

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};

/** A loopback receiver that records each delivery id once and its latency from occurredAt. */
async function receiver(failRate: number) {
  const seen = new Set<string>();
  const latencies: number[] = [];
  let requests = 0;
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      requests++;
      if (Math.random() < failRate) return res.writeHead(500).end('no');
      const id = req.headers['x-fieldbook-delivery'] as string | undefined;
      if (id && !seen.has(id)) {
        seen.add(id);
        const occurred = Date.parse((JSON.parse(body) as { occurredAt: string }).occurredAt);
        if (Number.isFinite(occurred)) latencies.push(Date.now() - occurred);
      }
      res.writeHead(200).end('ok');
    });
  });
  server.keepAliveTimeout = 5000;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    seen,
    latencies,
    requests: () => requests,
    close: () => new Promise((r) => server.close(r)),
  };
}

async function queued(failRate: number) {
  const dir = mkdtempSync(join(tmpdir(), 'fb-bench-webhooks-'));
  const rx = await receiver(failRate);
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
    limits: { connectTimeoutMs: 5000, responseTimeoutMs: 10_000, allow },
    retry: { baseMs: 20, maxDelayMs: 500, giveUpAfterMs: 3_600_000 },
    concurrency: CONCURRENCY,
    pollMs: 20,
    disableAfterMs: 3_600_000,
    onDisabled: () => {},
    onError: (err) => console.error(err),
  });
  await worker.start();
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
  await worker.stop();
  await store.close();
  await rx.close();
  rmSync(dir, { recursive: true, force: true });
  return {
    deliveries: rx.seen.size,
    requests: rx.requests(),
    seconds: +seconds.toFixed(2),
    deliveriesPerSec: Math.round(rx.seen.size / seconds),
    p50Ms: pct(rx.latencies, 50),
    p99Ms: pct(rx.latencies, 99),
    cpuUsPerDelivery: Math.round((cpu.user + cpu.system) / rx.seen.size),
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
    p50Ms: pct(rx.latencies, 50),
    p99Ms: pct(rx.latencies, 99),
  };
}

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
