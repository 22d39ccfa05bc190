import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tenantWithRoles } from '../api/e2e/fixtures';
import { startIdentityServer, type IdentityServer } from '../api/e2e/serverKit';
import { waitFor } from '../testing/harness';
import { DELIVERY_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER, verifySignature } from './signature';
import { startReceiver } from './testing/receiver';

let s: IdentityServer;
let rx: Awaited<ReturnType<typeof startReceiver>>;
let t: Awaited<ReturnType<typeof tenantWithRoles>>;

beforeAll(async () => {
  rx = await startReceiver();
  s = await startIdentityServer(
    {},
    {
      WEBHOOK_ALLOW_HOSTS: '127.0.0.1',
      WEBHOOK_RETRY_BASE_MS: '50',
      WEBHOOK_RESPONSE_TIMEOUT_MS: '400',
      WEBHOOK_POLL_MS: '20',
    },
  );
  t = await tenantWithRoles(s);
});
afterAll(async () => {
  await s?.close();
  await rx?.close();
});

async function createHook(path: string, events = ['member.roleChanged', 'document.created']) {
  const res = await s.call('POST', `/workspaces/${t.ws}/webhooks`, {
    token: t.admin.token,
    body: { url: rx.url(path), description: 'e2e', events },
  });
  expect(res.status).toBe(201);
  s.secrets.add(res.body.secret);
  return { id: res.body.webhook.id as string, secret: res.body.secret as string };
}

const at = (path: string) => rx.received.filter((r) => r.path === path);

describe('webhooks over REST with a real receiver', () => {
  it('shows the secret once, only to admins; another tenant gets 404', async () => {
    const hook = await createHook('/once');
    expect(hook.secret).toMatch(/^whsec_/);
    const list = await s.call('GET', `/workspaces/${t.ws}/webhooks`, { token: t.admin.token });
    expect(list.body.items.map((w: { id: string }) => w.id)).toContain(hook.id);
    expect(JSON.stringify(list.body)).not.toContain(hook.secret);
    const renamed = await s.call('PATCH', `/webhooks/${hook.id}`, {
      token: t.admin.token,
      body: { description: 'renamed' },
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body.secret).toBeUndefined();
    expect(JSON.stringify(renamed.body)).not.toContain(hook.secret);
    for (const role of ['viewer', 'contributor', 'reviewer'] as const) {
      const token = t.members[role].token;
      expect((await s.call('GET', `/workspaces/${t.ws}/webhooks`, { token })).status).toBe(403);
      const made = await s.call('POST', `/workspaces/${t.ws}/webhooks`, {
        token,
        body: { url: rx.url(), events: ['document.created'] },
      });
      expect(made.status).toBe(403);
      for (const [method, path] of [
        ['PATCH', `/webhooks/${hook.id}`],
        ['DELETE', `/webhooks/${hook.id}`],
        ['GET', `/webhooks/${hook.id}/deliveries`],
        ['POST', `/webhooks/${hook.id}/ping`],
        ['POST', `/webhooks/${hook.id}/deliveries/${hook.id}/redeliver`],
      ] as const) {
        const res = await s.call(method, path, {
          token,
          body: method === 'PATCH' ? {} : undefined,
        });
        expect(res.status, `${role} ${method} ${path}`).toBe(403);
      }
    }
    const other = await tenantWithRoles(s);
    for (const [method, path] of [
      ['PATCH', `/webhooks/${hook.id}`],
      ['DELETE', `/webhooks/${hook.id}`],
      ['GET', `/webhooks/${hook.id}/deliveries`],
      ['POST', `/webhooks/${hook.id}/ping`],
      ['POST', `/webhooks/${hook.id}/deliveries/${hook.id}/redeliver`],
    ] as const) {
      const res = await s.call(method, path, {
        token: other.admin.token,
        body: method === 'PATCH' ? {} : undefined,
      });
      expect(res.status, `${method} ${path}`).toBe(404);
    }
    const still = await s.call('GET', `/workspaces/${t.ws}/webhooks`, { token: t.admin.token });
    expect(still.body.items.map((w: { id: string }) => w.id)).toContain(hook.id);
  });

  it('delivers a signed event that verifies with the secret only, and whose replay is detectable', async () => {
    const hook = await createHook('/signed');
    const res = await s.call('PATCH', `/workspaces/${t.ws}/members/${t.members.viewer.userId}`, {
      token: t.admin.token,
      body: { role: 'contributor' },
    });
    expect(res.status).toBe(200);
    await waitFor(() => at('/signed').length >= 1, 'the role change delivery');
    const got = at('/signed')[0]!;
    const payload = JSON.parse(got.body);
    expect(Object.keys(payload).sort()).toEqual([
      'actor',
      'data',
      'event',
      'id',
      'occurredAt',
      'workspace',
    ]);
    expect(new Date(payload.occurredAt).toISOString()).toBe(payload.occurredAt);
    expect(payload).toMatchObject({
      event: 'member.roleChanged',
      workspace: { id: t.ws },
      actor: { type: 'user', id: t.admin.userId },
      data: { resource: { type: 'user', id: t.members.viewer.userId } },
    });
    const signed = {
      body: got.body,
      timestamp: got.headers[TIMESTAMP_HEADER] as string,
      signature: got.headers[SIGNATURE_HEADER] as string,
    };
    expect(verifySignature({ secret: hook.secret, ...signed })).toEqual({ ok: true });
    expect(verifySignature({ secret: 'whsec_another', ...signed })).toEqual({
      ok: false,
      reason: 'mismatch',
    });
    expect(verifySignature({ secret: hook.secret, ...signed, body: `${got.body} ` }).ok).toBe(
      false,
    );
    const later = Number(signed.timestamp) * 1000 + 10 * 60_000;
    expect(verifySignature({ secret: hook.secret, ...signed, nowMs: later })).toEqual({
      ok: false,
      reason: 'stale',
    });
    const log = await s.call('GET', `/webhooks/${hook.id}/deliveries`, { token: t.admin.token });
    expect(log.body.items[0]).toMatchObject({
      id: got.headers[DELIVERY_HEADER],
      state: 'delivered',
      attempts: [{ attempt: 1, status: 200, response: 'ok' }],
    });
    await s.call('PATCH', `/workspaces/${t.ws}/members/${t.members.viewer.userId}`, {
      token: t.admin.token,
      body: { role: 'viewer' },
    });
  });

  it('retries after 500s and a timeout with backoff, then records the success', async () => {
    const hook = await createHook('/flaky');
    let n = 0;
    rx.answer((r) => {
      if (r.path !== '/flaky') return { status: 200 };
      n += 1;
      if (n <= 2) return { status: 500, body: 'x'.repeat(10_000) };
      if (n === 3) return 'hang';
      return { status: 204 };
    });
    const ping = await s.call('POST', `/webhooks/${hook.id}/ping`, { token: t.admin.token });
    expect(ping.status).toBe(202);
    await waitFor(() => n >= 4, 'four attempts', 15_000);
    let delivery: { state: string; attempts: { status: number | null; response: string }[] };
    for (;;) {
      const log = await s.call('GET', `/webhooks/${hook.id}/deliveries`, { token: t.admin.token });
      delivery = log.body.items[0];
      if (delivery.state === 'delivered') break;
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(delivery.attempts.map((a) => a.status)).toEqual([500, 500, null, 204]);
    expect(delivery.attempts[0]!.response).toHaveLength(4096);
    expect(delivery.attempts[2]!.response).toMatch(/no response within 400 ms/);
    const ids = new Set(at('/flaky').map((r) => r.headers[DELIVERY_HEADER]));
    expect(ids.size).toBe(1);
    rx.answer(() => ({ status: 200 }));
  });

  it('redelivers with a new delivery id and the same event id; rotates the secret', async () => {
    const hook = await createHook('/again');
    const ping = await s.call('POST', `/webhooks/${hook.id}/ping`, { token: t.admin.token });
    await waitFor(() => at('/again').length === 1, 'the ping');
    const again = await s.call(
      'POST',
      `/webhooks/${hook.id}/deliveries/${ping.body.id}/redeliver`,
      { token: t.admin.token },
    );
    expect(again.status).toBe(202);
    expect(again.body).toMatchObject({ eventId: ping.body.eventId, redeliveryOf: ping.body.id });
    expect(again.body.id).not.toBe(ping.body.id);
    await waitFor(() => at('/again').length === 2, 'the redelivery');
    const [a, b] = at('/again');
    expect(JSON.parse(a!.body).id).toBe(JSON.parse(b!.body).id);
    expect(a!.headers[DELIVERY_HEADER]).not.toBe(b!.headers[DELIVERY_HEADER]);

    const rotated = await s.call('PATCH', `/webhooks/${hook.id}`, {
      token: t.admin.token,
      body: { rotateSecret: true },
    });
    expect(rotated.body.secret).toMatch(/^whsec_/);
    s.secrets.add(rotated.body.secret);
    await s.call('POST', `/webhooks/${hook.id}/ping`, { token: t.admin.token });
    await waitFor(() => at('/again').length === 3, 'a ping after rotation');
    const c = at('/again')[2]!;
    const signed = {
      body: c.body,
      timestamp: c.headers[TIMESTAMP_HEADER] as string,
      signature: c.headers[SIGNATURE_HEADER] as string,
    };
    expect(verifySignature({ secret: rotated.body.secret, ...signed }).ok).toBe(true);
    expect(verifySignature({ secret: hook.secret, ...signed }).ok).toBe(false);
  });

  it('refuses private targets at create; a host resolving to loopback and redirects are not followed', async () => {
    for (const url of [
      'http://10.0.0.1/x',
      'http://169.254.169.254/latest/meta-data',
      'http://[::1]:8080/x',
      'http://[::ffff:7f00:1]/x',
      'ftp://example.org/x',
    ]) {
      const res = await s.call('POST', `/workspaces/${t.ws}/webhooks`, {
        token: t.admin.token,
        body: { url, events: ['document.created'] },
      });
      expect(res.status, url).toBe(400);
    }
    const byName = await s.call('POST', `/workspaces/${t.ws}/webhooks`, {
      token: t.admin.token,
      body: { url: `http://localhost:${rx.port}/by-name`, events: ['document.created'] },
    });
    expect(byName.status).toBe(201);
    s.secrets.add(byName.body.secret);
    await s.call('POST', `/webhooks/${byName.body.webhook.id}/ping`, { token: t.admin.token });
    const redirecting = await createHook('/redirect');
    rx.answer((r) =>
      r.path === '/redirect' ? { redirect: `http://localhost:${rx.port}/landed` } : { status: 200 },
    );
    await s.call('POST', `/webhooks/${redirecting.id}/ping`, { token: t.admin.token });
    const firstAttempt = async (id: string) =>
      (await s.call('GET', `/webhooks/${id}/deliveries`, { token: t.admin.token })).body.items[0]
        ?.attempts[0];
    let refused: { status: number | null; response: string } | undefined;
    let redirected: { status: number | null } | undefined;
    const deadline = Date.now() + 10_000;
    while ((!refused || !redirected) && Date.now() < deadline) {
      refused = await firstAttempt(byName.body.webhook.id);
      redirected = await firstAttempt(redirecting.id);
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(refused).toMatchObject({ status: null });
    expect(refused!.response).toMatch(/refused: resolves to a blocked address/);
    expect(redirected).toMatchObject({ status: 302 });
    expect(at('/by-name')).toEqual([]);
    expect(at('/landed')).toEqual([]);
    rx.answer(() => ({ status: 200 }));
  });

  it('never writes a webhook secret to the logs or the deliveries API', async () => {
    const hook = await createHook('/quiet');
    await s.call('POST', `/webhooks/${hook.id}/ping`, { token: t.admin.token });
    await waitFor(() => at('/quiet').length === 1, 'the ping');
    const log = await s.call('GET', `/webhooks/${hook.id}/deliveries`, { token: t.admin.token });
    expect(JSON.stringify(log.body)).not.toContain(hook.secret);
    expect(s.leakedSecrets()).toEqual([]);
  });
});
