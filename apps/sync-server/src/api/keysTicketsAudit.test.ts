import { describe, expect, it } from 'vitest';
import { isFieldbookError } from '@fieldbook/shared';
import { openTestApi } from './testKit';

async function setup(options: Parameters<typeof openTestApi>[0] = {}) {
  const clock = { now: Date.UTC(2026, 0, 1, 9, 0, 0) };
  const t = await openTestApi({ now: () => clock.now, ...options });
  const a = await t.signup('Lab');
  const ws = await t.call('POST', '/workspaces', { token: a.token, body: { name: 'Rover' } });
  return { t, a, ws: ws.body.id as string, clock };
}

describe('API keys', () => {
  it('shows a key once, stores no secret, scopes it, records last use, and revokes it', async () => {
    const { t, a, ws, clock } = await setup();
    const created = await t.call('POST', '/api-keys', {
      token: a.token,
      body: { name: 'agent', workspaceId: ws, access: 'read', agent: true },
    });
    expect(created.status).toBe(201);
    expect(created.body.key).toMatch(/^fb_[a-z0-9]{8}_[A-Za-z0-9]{40}$/);
    const key: string = created.body.key;
    const listed = await t.call('GET', '/api-keys', { token: a.token });
    expect(JSON.stringify(listed.body)).not.toContain(key.split('_')[2]);
    expect(listed.body.items[0]).not.toHaveProperty('secretHash');
    const row = t.client.prepare('SELECT * FROM api_keys').get() as Record<string, unknown>;
    expect(JSON.stringify(row)).not.toContain(key.split('_')[2]);

    expect((await t.call('GET', `/workspaces/${ws}`, { token: key })).status).toBe(200);
    expect((await t.identity.keys.authenticateAgent(key)).key.id).toBe(created.body.apiKey.id);
    expect(
      (await t.call('PATCH', `/workspaces/${ws}`, { token: key, body: { name: 'x' } })).status,
    ).toBe(403);
    expect((await t.call('POST', '/workspaces', { token: key, body: { name: 'x' } })).status).toBe(
      403,
    );
    const other = await t.call('POST', '/workspaces', { token: a.token, body: { name: 'Other' } });
    expect((await t.call('GET', `/workspaces/${other.body.id}`, { token: key })).status).toBe(404);
    expect(
      (await t.call('GET', '/workspaces', { token: key })).body.items.map(
        (w: { id: string }) => w.id,
      ),
    ).toEqual([ws]);

    clock.now += 5000;
    await t.call('GET', `/workspaces/${ws}`, { token: key });
    await t.identity.keys.flushLastUsed();
    const after = await t.call('GET', '/api-keys', { token: a.token });
    expect(after.body.items[0].lastUsedAt).toBe(clock.now);

    const revoked: unknown[] = [];
    t.identity.events.on('apiKey.revoked', (e) => revoked.push(e));
    expect(
      (await t.call('DELETE', `/api-keys/${created.body.apiKey.id}`, { token: a.token })).status,
    ).toBe(204);
    expect(revoked).toEqual([{ tenantId: a.tenantId, keyId: created.body.apiKey.id }]);
    expect((await t.call('GET', `/workspaces/${ws}`, { token: key })).body.error.code).toBe(
      'AUTH_TOKEN_INVALID',
    );
    const tampered = key.slice(0, -1) + (key.endsWith('a') ? 'b' : 'a');
    expect((await t.call('GET', `/workspaces/${ws}`, { token: tampered })).status).toBe(401);
  });

  it('stops an expired key', async () => {
    const { t, a, ws, clock } = await setup();
    const created = await t.call('POST', '/api-keys', {
      token: a.token,
      body: { name: 'short', workspaceId: ws, access: 'write', expiresAt: clock.now + 60_000 },
    });
    const notAgent = await t.identity.keys.authenticateAgent(created.body.key).catch((e) => e);
    expect(isFieldbookError(notAgent, 'AUTH_INSUFFICIENT_PERMISSIONS')).toBe(true);
    expect((await t.call('GET', `/workspaces/${ws}`, { token: created.body.key })).status).toBe(
      200,
    );
    clock.now += 60_000;
    const expired = await t.call('GET', `/workspaces/${ws}`, { token: created.body.key });
    expect(expired.body.error.code).toBe('AUTH_TOKEN_EXPIRED');
  });

  it('rate-limits per key, per user and per tenant with 429 and Retry-After', async () => {
    const small = { capacity: 3, perMinute: 3 };
    const { t, a, ws } = await setup({
      rateLimits: {
        apiKey: small,
        user: { capacity: 3, perMinute: 3 },
        tenant: { capacity: 8, perMinute: 8 },
      },
    });
    const k1 = (
      await t.call('POST', '/api-keys', {
        token: a.token,
        body: { name: 'k1', workspaceId: ws, access: 'read' },
      })
    ).body.key;
    const k2 = (
      await t.call('POST', '/api-keys', {
        token: a.token,
        body: { name: 'k2', workspaceId: ws, access: 'read' },
      })
    ).body.key;
    const statuses = [];
    for (let i = 0; i < 4; i++)
      statuses.push((await t.call('GET', `/workspaces/${ws}`, { token: k1 })).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const limited = await t.call('GET', `/workspaces/${ws}`, { token: k1 });
    expect(limited.body.error).toMatchObject({
      code: 'RATE_LIMIT_EXCEEDED',
      details: { scope: 'apiKey' },
    });
    expect(Number(limited.headers.get('retry-after'))).toBe(20);
    expect((await t.call('GET', `/workspaces/${ws}`, { token: a.token })).status).toBe(429);
    expect(
      (await t.call('GET', `/workspaces/${ws}`, { token: a.token })).body.error.details.scope,
    ).toBe('user');
    const tenantWide = [];
    for (let i = 0; i < 3; i++)
      tenantWide.push(await t.call('GET', `/workspaces/${ws}`, { token: k2 }));
    expect(tenantWide.map((r) => r.status)).toContain(429);
    expect(tenantWide.find((r) => r.status === 429)!.body.error.details.scope).toBe('tenant');
  });
});

describe('sync tickets', () => {
  it('issues single-use tickets of at most 60 s for one workspace', async () => {
    const { t, a, ws, clock } = await setup();
    const issue = async () =>
      (await t.call('POST', '/sync-tickets', { token: a.token, body: { workspaceId: ws } })).body;
    const first = await issue();
    expect(first.expiresAt - clock.now).toBeLessThanOrEqual(60_000);
    const principal = await t.identity.tickets.redeem(first.ticket, ws);
    expect(principal).toMatchObject({ kind: 'user', userId: a.userId, tenantId: a.tenantId });
    const reuse = await t.identity.tickets.redeem(first.ticket, ws).catch((e) => e);
    expect(isFieldbookError(reuse, 'AUTH_TOKEN_INVALID')).toBe(true);
    const late = await issue();
    clock.now += 60_000;
    expect(
      isFieldbookError(
        await t.identity.tickets.redeem(late.ticket, ws).catch((e) => e),
        'AUTH_TOKEN_INVALID',
      ),
    ).toBe(true);
    const elsewhere = await issue();
    const other = (await t.call('POST', '/workspaces', { token: a.token, body: { name: 'Other' } }))
      .body.id;
    expect(
      isFieldbookError(
        await t.identity.tickets.redeem(elsewhere.ticket, other).catch((e) => e),
        'AUTH_TOKEN_INVALID',
      ),
    ).toBe(true);
  });
});

describe('invitations and roles', () => {
  it('uses an invitation once and tells open sockets about role changes', async () => {
    const { t, a, ws } = await setup();
    const inv = await t.call('POST', `/workspaces/${ws}/invitations`, {
      token: a.token,
      body: { role: 'contributor' },
    });
    const body = {
      token: inv.body.token,
      email: 'new@lab.org',
      password: 'new user password',
      name: 'New',
    };
    const accepted = await t.call('POST', '/invitations/accept', { body });
    expect(accepted.body).toMatchObject({
      created: true,
      invitation: { role: 'contributor', workspaceId: ws },
    });
    const again = await t.call('POST', '/invitations/accept', {
      body: { ...body, email: 'other@lab.org' },
    });
    expect(again).toMatchObject({ status: 404, body: { error: { code: 'RESOURCE_NOT_FOUND' } } });
    const changes: unknown[] = [];
    t.identity.events.on('access.changed', (e) => changes.push(e));
    const userId = accepted.body.userId;
    await t.call('PATCH', `/workspaces/${ws}/members/${userId}`, {
      token: a.token,
      body: { role: 'viewer' },
    });
    await t.call('DELETE', `/workspaces/${ws}/members/${userId}`, { token: a.token });
    expect(changes).toEqual([
      { tenantId: a.tenantId, workspaceId: ws, userId },
      { tenantId: a.tenantId, workspaceId: ws, userId },
    ]);
    const audit = await t.call('GET', '/audit?resourceType=user', { token: a.token });
    expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual([
      'member.remove',
      'member.role',
    ]);
    expect(audit.body.items[1].summary).toEqual({
      from: { role: 'contributor', capabilities: [] },
      to: { role: 'viewer', capabilities: [] },
    });
  });
});

describe('audit routes', () => {
  it('exports CSV and JSON, verifies the chain, and is for admins only', async () => {
    const { t, a, ws } = await setup();
    const csv = await t.call('GET', '/audit/export?format=csv', { token: a.token });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const lines = (csv.body as string).trim().split('\r\n');
    expect(lines[0]).toBe(
      'seq,id,time,actorType,actorId,actorLabel,action,outcome,resourceType,resourceId,workspaceId,summary,ip,requestId,keyId,prevHash,hash',
    );
    expect(lines.slice(1).map((l) => l.split(',')[6])).toEqual(['auth.signup', 'workspace.create']);
    const json = await t.call('GET', `/audit/export?format=json&workspaceId=${ws}`, {
      token: a.token,
    });
    expect(json.body.entries.map((e: { action: string }) => e.action)).toEqual([
      'workspace.create',
    ]);
    const verify = await t.call('GET', '/audit/verify', { token: a.token });
    expect(verify.body).toMatchObject({ ok: true, checked: 4, headSeq: 4 });
    const page1 = await t.call('GET', '/audit?limit=2', { token: a.token });
    const page2 = await t.call('GET', `/audit?limit=2&cursor=${page1.body.nextCursor}`, {
      token: a.token,
    });
    expect([...page1.body.items, ...page2.body.items].map((e: { seq: number }) => e.seq)).toEqual([
      4, 3, 2, 1,
    ]);

    const inv = await t.call('POST', `/workspaces/${ws}/invitations`, {
      token: a.token,
      body: { role: 'reviewer' },
    });
    await t.call('POST', '/invitations/accept', {
      body: {
        token: inv.body.token,
        email: 'rev@lab.org',
        password: 'reviewer password',
        name: 'R',
      },
    });
    const rev = await t.call('POST', '/auth/login', {
      body: { email: 'rev@lab.org', password: 'reviewer password' },
    });
    for (const path of [
      '/audit',
      '/audit/verify',
      '/audit/export?format=csv',
      `/audit?workspaceId=${ws}`,
    ]) {
      expect([path, (await t.call('GET', path, { token: rev.body.accessToken })).status]).toEqual([
        path,
        403,
      ]);
    }
  });
});
