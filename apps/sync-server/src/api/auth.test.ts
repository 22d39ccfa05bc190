import { decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';
import { openTestApi } from './testKit';

const PASSWORD = 'correct horse battery';

async function clockedApi() {
  const clock = { now: Date.UTC(2026, 0, 1, 9, 0, 0) };
  const t = await openTestApi({ now: () => clock.now });
  return { t, clock };
}

describe('sign-up and sign-in', () => {
  it('signs up a tenant admin with a ≤ 15-minute JWT and signs in again', async () => {
    const { t } = await clockedApi();
    const a = await t.signup('Lab');
    const claims = decodeJwt(a.token);
    expect(claims.exp! - claims.iat!).toBeLessThanOrEqual(900);
    expect(claims).toMatchObject({ sub: a.userId, tid: a.tenantId });
    const me = await t.call('GET', '/auth/me', { token: a.token });
    expect(me.body).toMatchObject({
      kind: 'user',
      tenantId: a.tenantId,
      userId: a.userId,
      tenantRole: 'admin',
    });
    const login = await t.call('POST', '/auth/login', {
      body: { email: a.email.toUpperCase(), password: PASSWORD },
    });
    expect(login.status).toBe(200);
    expect(login.body.user.id).toBe(a.userId);
    const again = await t.call('POST', '/auth/signup', {
      body: { tenant: 'X', email: a.email, password: PASSWORD, name: 'X' },
    });
    expect(again.body.error.code).toBe('CONFLICT');
  });

  it('answers a wrong password and an unknown account alike', async () => {
    const { t } = await clockedApi();
    const a = await t.signup();
    const wrong = await t.call('POST', '/auth/login', {
      body: { email: a.email, password: 'nope nope nope' },
    });
    const unknown = await t.call('POST', '/auth/login', {
      body: { email: 'ghost@example.org', password: 'nope nope nope' },
      ip: '192.0.2.99',
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect({ ...wrong.body.error, requestId: 0 }).toEqual({ ...unknown.body.error, requestId: 0 });
  });

  it('rejects bad input with a coded error, request id and field list', async () => {
    const { t } = await clockedApi();
    const res = await t.call('POST', '/auth/signup', {
      body: { tenant: '', email: 'not-an-email', password: 'short' },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_ERROR');
    expect(res.body.error.requestId).toBe(res.headers.get('x-request-id'));
    expect(res.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual([
      'email',
      'name',
      'password',
      'tenant',
    ]);
    const noAuth = await t.call('GET', '/workspaces');
    expect(noAuth).toMatchObject({ status: 401, body: { error: { code: 'AUTH_REQUIRED' } } });
    const garbage = await t.call('GET', '/workspaces', { token: 'garbage' });
    expect(garbage).toMatchObject({ status: 401, body: { error: { code: 'AUTH_TOKEN_INVALID' } } });
  });

  it('locks an account after 5 failed sign-ins for 15 minutes, whatever the password', async () => {
    const { t, clock } = await clockedApi();
    const a = await t.signup();
    for (let i = 0; i < 5; i++) {
      const res = await t.call('POST', '/auth/login', {
        body: { email: a.email, password: `wrong ${i} password` },
      });
      expect(res.body.error.code).toBe('AUTH_INVALID_CREDENTIALS');
      clock.now += 13_000;
    }
    const locked = await t.call('POST', '/auth/login', {
      body: { email: a.email, password: PASSWORD },
    });
    expect(locked.status).toBe(423);
    expect(locked.body.error.code).toBe('AUTH_ACCOUNT_LOCKED');
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(14 * 60);
    clock.now += 15 * 60_000;
    const after = await t.call('POST', '/auth/login', {
      body: { email: a.email, password: PASSWORD },
    });
    expect(after.status).toBe(200);
    const audit = await t.call('GET', '/audit?action=auth.lockout', {
      token: after.body.accessToken,
    });
    expect(audit.body.items).toHaveLength(1);
    const failures = await t.call('GET', '/audit?action=auth.login&outcome=failure', {
      token: after.body.accessToken,
    });
    expect(failures.body.items).toHaveLength(6);
  });

  it('rate-limits sign-in to 5 per minute per account, with Retry-After and how long', async () => {
    const { t } = await clockedApi();
    const a = await t.signup();
    for (let i = 0; i < 5; i++) {
      expect(
        (
          await t.call('POST', '/auth/login', {
            body: { email: a.email, password: PASSWORD },
            ip: `203.0.113.${i}`,
          })
        ).status,
      ).toBe(200);
    }
    const limited = await t.call('POST', '/auth/login', {
      body: { email: a.email, password: PASSWORD },
      ip: '203.0.113.50',
    });
    expect(limited.status).toBe(429);
    expect(limited.body.error).toMatchObject({
      code: 'RATE_LIMIT_EXCEEDED',
      details: { scope: 'loginAccount', retryAfterSeconds: 12 },
    });
    expect(limited.body.error.message).toMatch(/try again in 12 seconds/);
    expect(limited.headers.get('retry-after')).toBe('12');
  });

  it('behind one NAT, one account locking itself never blocks a colleague', async () => {
    const { t, clock } = await clockedApi();
    const a = await t.signup();
    const b = await t.signup();
    const nat = '198.51.100.200';
    for (let i = 0; i < 5; i++) {
      const res = await t.call('POST', '/auth/login', {
        body: { email: a.email, password: `wrong ${i} password` },
        ip: nat,
      });
      expect(res.body.error.code).toBe('AUTH_INVALID_CREDENTIALS');
      clock.now += 1000;
    }
    for (let i = 0; i < 3; i++) {
      const locked = await t.call('POST', '/auth/login', {
        body: { email: a.email, password: PASSWORD },
        ip: nat,
      });
      expect(locked.status).toBe(423);
      expect(locked.body.error.message).toMatch(/locked for 15 minutes/);
    }
    const colleague = await t.call('POST', '/auth/login', {
      body: { email: b.email, password: PASSWORD },
      ip: nat,
    });
    expect(colleague.status).toBe(200);
    expect(colleague.body.user.id).toBe(b.userId);
  });

  it('runs a password spray from one address dry: failed sign-ins per address are limited', async () => {
    const { t } = await clockedApi();
    const a = await t.signup();
    const attacker = '203.0.113.77';
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) {
      const res = await t.call('POST', '/auth/login', {
        body: { email: `nobody${i}@example.org`, password: PASSWORD },
        ip: attacker,
      });
      statuses.push(res.status);
    }
    expect(new Set(statuses)).toEqual(new Set([401]));
    const byAddress = await t.call('POST', '/auth/login', {
      body: { email: a.email, password: PASSWORD },
      ip: attacker,
    });
    expect(byAddress.status).toBe(429);
    expect(byAddress.body.error).toMatchObject({
      code: 'RATE_LIMIT_EXCEEDED',
      details: { scope: 'loginAddress', retryAfterSeconds: 6 },
    });
    expect(byAddress.body.error.message).toMatch(/from this network address; try again in 6 s/);
    const elsewhere = await t.call('POST', '/auth/login', {
      body: { email: a.email, password: PASSWORD },
      ip: '203.0.113.78',
    });
    expect(elsewhere.status).toBe(200);
  });
});

describe('tokens', () => {
  it('expires access tokens after 15 minutes', async () => {
    const { t, clock } = await clockedApi();
    const a = await t.signup();
    clock.now += 15 * 60_000 - 1000;
    expect((await t.call('GET', '/auth/me', { token: a.token })).status).toBe(200);
    clock.now += 1000;
    const expired = await t.call('GET', '/auth/me', { token: a.token });
    expect(expired).toMatchObject({ status: 401, body: { error: { code: 'AUTH_TOKEN_EXPIRED' } } });
  });

  it('rotates refresh tokens, and reuse of an old one revokes the whole family', async () => {
    const { t } = await clockedApi();
    const a = await t.signup();
    const first = await t.call('POST', '/auth/refresh', { body: { refreshToken: a.refreshToken } });
    expect(first.status).toBe(200);
    expect(first.body.refreshToken).not.toBe(a.refreshToken);
    const second = await t.call('POST', '/auth/refresh', {
      body: { refreshToken: first.body.refreshToken },
    });
    expect(second.status).toBe(200);
    const reuse = await t.call('POST', '/auth/refresh', { body: { refreshToken: a.refreshToken } });
    expect(reuse).toMatchObject({ status: 401, body: { error: { code: 'AUTH_TOKEN_INVALID' } } });
    const latest = await t.call('POST', '/auth/refresh', {
      body: { refreshToken: second.body.refreshToken },
    });
    expect(latest.status).toBe(401);
    expect((await t.call('GET', '/auth/me', { token: second.body.accessToken })).status).toBe(401);
    const other = await t.call('POST', '/auth/login', {
      body: { email: a.email, password: PASSWORD },
    });
    const audit = await t.call('GET', '/audit?action=auth.refreshReuse', {
      token: other.body.accessToken,
    });
    expect(audit.body.items).toHaveLength(1);
  });

  it('ends a session on logout: its access and refresh tokens stop working', async () => {
    const { t } = await clockedApi();
    const a = await t.signup();
    expect((await t.call('POST', '/auth/logout', { token: a.token })).status).toBe(204);
    expect((await t.call('GET', '/auth/me', { token: a.token })).status).toBe(401);
    expect(
      (await t.call('POST', '/auth/refresh', { body: { refreshToken: a.refreshToken } })).status,
    ).toBe(401);
  });
});

describe('the API surface', () => {
  it('answers malformed JSON with a coded 400', async () => {
    const { t } = await clockedApi();
    const res = await t.api.request('/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"email":',
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      error: { code: 'VALIDATION_ERROR', requestId: expect.any(String) },
    });
  });

  it('describes every route in the OpenAPI document', async () => {
    const { t } = await clockedApi();
    const doc = await t.call('GET', '/openapi.json');
    expect(doc.body.openapi).toBe('3.1.0');
    for (const path of [
      '/auth/signup',
      '/auth/login',
      '/auth/refresh',
      '/workspaces/{ws}/members/{userId}',
      '/api-keys/{id}',
      '/sync-tickets',
      '/audit/verify',
      '/audit/export',
    ]) {
      expect(Object.keys(doc.body.paths)).toContain(path);
    }
    expect(doc.body.components.schemas.Error).toBeDefined();
    const missing = await t.call('GET', '/no-such-route');
    expect(missing).toMatchObject({ status: 404, body: { error: { code: 'RESOURCE_NOT_FOUND' } } });
  });
});
