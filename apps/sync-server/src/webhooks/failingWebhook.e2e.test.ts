// A webhook whose receiver keeps failing, on a real server with the day-long
// limits shortened (WEBHOOK_GIVE_UP_MS, WEBHOOK_DISABLE_AFTER_MS): retries
// back off, the delivery is marked failed when the give-up time has passed,
// the webhook is switched off once it has failed for the disable time and the
// workspace's admins are notified; a target that never finishes connecting
// (TLS handshake unanswered) hits the connect timeout.
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { tenantWithRoles } from '../api/e2e/fixtures';
import { startIdentityServer, type IdentityServer } from '../api/e2e/serverKit';
import { until as waitFor } from '../api/e2e/rawSync';
import { startReceiver } from './testing/receiver';

const GIVE_UP_MS = 1000;
const DISABLE_AFTER_MS = 2000;
let s: IdentityServer;
let t: Awaited<ReturnType<typeof tenantWithRoles>>;
let rx: Awaited<ReturnType<typeof startReceiver>>;
beforeAll(async () => {
  rx = await startReceiver(() => ({ status: 503, body: 'down for maintenance' }));
  s = await startIdentityServer(
    {},
    {
      WEBHOOK_ALLOW_HOSTS: '127.0.0.1',
      WEBHOOK_POLL_MS: '20',
      WEBHOOK_RETRY_BASE_MS: '50',
      WEBHOOK_RETRY_MAX_MS: '400',
      WEBHOOK_GIVE_UP_MS: String(GIVE_UP_MS),
      WEBHOOK_DISABLE_AFTER_MS: String(DISABLE_AFTER_MS),
      WEBHOOK_CONNECT_TIMEOUT_MS: '300',
      WEBHOOK_RESPONSE_TIMEOUT_MS: '5000',
    },
  );
  t = await tenantWithRoles(s);
});
afterAll(async () => {
  await s?.close();
  await rx?.close();
});

interface Attempt {
  attempt: number;
  at: number;
  status: number | null;
  response: string;
  latencyMs: number;
}
interface Delivery {
  id: string;
  state: string;
  createdAt: number;
  attempts: Attempt[];
}

async function hookTo(url: string) {
  const res = await s.call('POST', `/workspaces/${t.ws}/webhooks`, {
    token: t.admin.token,
    body: { url, events: ['document.created'] },
  });
  expect(res.status).toBe(201);
  s.secrets.add(res.body.secret);
  return res.body.webhook.id as string;
}
const ping = async (id: string) =>
  (await s.call('POST', `/webhooks/${id}/ping`, { token: t.admin.token })).body.id as string;
async function delivery(hook: string, id: string): Promise<Delivery> {
  const log = await s.call('GET', `/webhooks/${hook}/deliveries`, { token: t.admin.token });
  return (log.body.items as Delivery[]).find((d) => d.id === id)!;
}
async function settled(hook: string, id: string): Promise<Delivery> {
  let d: Delivery | undefined;
  await waitFor(
    async () => (d = await delivery(hook, id))?.state !== 'pending',
    'the delivery to settle',
    15_000,
  );
  return d!;
}
const disabledNotices = async (token: string) =>
  ((await s.call('GET', '/notifications', { token })).body.items as { kind: string }[]).filter(
    (n) => n.kind === 'webhook.disabled',
  );

it('backs off, marks a delivery failed after the give-up time, then switches the webhook off and tells its admins', async () => {
  const hook = await hookTo(rx.url('/down'));
  const first = await ping(hook);
  const failed = await settled(hook, first);
  expect(failed.state).toBe('failed');
  const n = failed.attempts.length;
  expect(n).toBeGreaterThanOrEqual(4);
  expect(failed.attempts.map((a) => a.attempt)).toEqual([...Array(n).keys()].map((i) => i + 1));
  for (const a of failed.attempts) {
    expect(a).toMatchObject({ status: 503, response: 'down for maintenance' });
    expect(a.latencyMs).toEqual(expect.any(Number));
  }
  // Exponential: the third wait is longer than the first (50 ms base, doubling, jittered).
  const gaps = failed.attempts.slice(1).map((a, i) => a.at - failed.attempts[i]!.at);
  expect(gaps[2]!).toBeGreaterThan(gaps[0]!);
  // The last attempt was within the give-up time; the next one would have been past it.
  expect(failed.attempts.at(-1)!.at - failed.createdAt).toBeLessThanOrEqual(GIVE_UP_MS + 500);
  const sent = rx.received.length;
  await new Promise((r) => setTimeout(r, 500));
  expect(rx.received.length).toBe(sent);
  let listed = await s.call('GET', `/workspaces/${t.ws}/webhooks`, { token: t.admin.token });
  expect(listed.body.items[0]).toMatchObject({ id: hook, active: true });
  expect(await disabledNotices(t.admin.token)).toEqual([]);

  // Still failing past the disable time: the next failure switches it off.
  await new Promise((r) =>
    setTimeout(r, Math.max(0, failed.attempts[0]!.at + DISABLE_AFTER_MS - Date.now())),
  );
  const second = await ping(hook);
  await waitFor(
    async () => (await disabledNotices(t.admin.token)).length === 1,
    'the admin notice',
  );
  listed = await s.call('GET', `/workspaces/${t.ws}/webhooks`, { token: t.admin.token });
  expect(listed.body.items[0]).toMatchObject({
    id: hook,
    active: false,
    disabledReason: expect.stringMatching(/failed/),
  });
  expect(await disabledNotices(t.members.admin.token)).toHaveLength(1);
  for (const role of ['contributor', 'reviewer', 'viewer'] as const)
    expect(await disabledNotices(t.members[role].token)).toEqual([]);
  const stopped = await settled(hook, second);
  expect(stopped.state).toBe('failed');
  expect(stopped.attempts.at(-1)!.response).toBe('webhook is switched off');
  const before = rx.received.length;
  const third = await ping(hook);
  expect((await settled(hook, third)).attempts).toEqual([
    expect.objectContaining({ status: null, response: 'webhook is switched off' }),
  ]);
  expect(rx.received.length).toBe(before);

  const on = await s.call('PATCH', `/webhooks/${hook}`, {
    token: t.admin.token,
    body: { active: true },
  });
  expect(on.body.webhook).toMatchObject({ active: true, disabledReason: null, failingSince: null });
}, 30_000);

it('gives up on a target that accepts TCP but never completes the TLS handshake (connect timeout)', async () => {
  const sockets: Socket[] = [];
  const silent: Server = createServer((socket) => void sockets.push(socket));
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  try {
    const port = (silent.address() as AddressInfo).port;
    const hook = await hookTo(`https://127.0.0.1:${port}/tls`);
    const id = await ping(hook);
    await waitFor(async () => ((await delivery(hook, id))?.attempts.length ?? 0) > 0, 'an attempt');
    const [attempt] = (await delivery(hook, id)).attempts;
    expect(attempt).toMatchObject({ status: null, response: 'could not connect within 300 ms' });
    expect(attempt!.latencyMs).toBeGreaterThanOrEqual(290);
    expect(attempt!.latencyMs).toBeLessThan(2000);
    expect(sockets.length).toBeGreaterThan(0);
  } finally {
    for (const c of sockets) c.destroy();
    await new Promise((r) => silent.close(r));
  }
});
