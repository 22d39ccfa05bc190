import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '@fieldbook/shared';
import { DEFAULT_RATE_LIMITS } from '../../rateLimit/rateLimiter';
import { openRaw } from './rawSync';
import { startIdentityServer, type IdentityServer } from './serverKit';

const PASSWORD = 'limits password 1234';
let s: IdentityServer;
const start = () =>
  startIdentityServer({ rateLimits: DEFAULT_RATE_LIMITS, settings: { accessTokenTtlSeconds: 2 } });

/** Checks the finished server's logs for secrets and stops it. */
async function finish(server: IdentityServer): Promise<void> {
  const leaked = server.leakedSecrets();
  expect(server.logs.length).toBeGreaterThan(0);
  expect(server.secrets.size).toBeGreaterThan(0);
  await server.close();
  expect(leaked).toEqual([]);
}

/** A fresh server, so rate-limit buckets start full (all requests come from one address). */
async function restart(): Promise<void> {
  await finish(s);
  s = await start();
}

beforeAll(async () => {
  s = await start();
});
afterAll(() => finish(s));

async function signup() {
  const email = `user-${newId()}@limits.test`;
  const res = await s.call('POST', '/auth/signup', {
    body: { tenant: 'Limits', email, password: PASSWORD, name: 'U' },
  });
  expect(res.status).toBe(201);
  return {
    email,
    token: res.body.accessToken as string,
    refreshToken: res.body.refreshToken as string,
    tenantId: res.body.tenant.id as string,
  };
}

describe('tokens against the running server', () => {
  it('expires access tokens, and closes the sockets they opened', async () => {
    const u = await signup();
    const ws = (await s.call('POST', '/workspaces', { token: u.token, body: { name: 'W' } })).body
      .id;
    const sock = openRaw(s.port, ws, newId(), ['fieldbook.v1', `bearer.${u.token}`]);
    expect(await sock.opened).toBe(true);
    const closed = await sock.closed;
    expect(closed.code).toBe(4401);
    const expired = await s.call('GET', '/auth/me', { token: u.token });
    expect(expired.body.error.code).toBe('AUTH_TOKEN_EXPIRED');
    const refreshed = await s.call('POST', '/auth/refresh', {
      body: { refreshToken: u.refreshToken },
    });
    expect((await s.call('GET', '/auth/me', { token: refreshed.body.accessToken })).status).toBe(
      200,
    );
  });

  it('rotates refresh tokens and revokes the family on reuse', async () => {
    const u = await signup();
    const next = await s.call('POST', '/auth/refresh', { body: { refreshToken: u.refreshToken } });
    expect(next.status).toBe(200);
    const reuse = await s.call('POST', '/auth/refresh', { body: { refreshToken: u.refreshToken } });
    expect(reuse.body.error.code).toBe('AUTH_TOKEN_INVALID');
    expect(
      (await s.call('POST', '/auth/refresh', { body: { refreshToken: next.body.refreshToken } }))
        .status,
    ).toBe(401);
    expect((await s.call('GET', '/auth/me', { token: next.body.accessToken })).status).toBe(401);
  });
});

describe('lockout and rate limits against the running server', () => {
  it('locks an account after 5 failed sign-ins (423, Retry-After, for how long), and a colleague on the same address still signs in', async () => {
    await restart();
    const u = await signup();
    const colleague = await signup();
    for (let i = 0; i < 5; i++) {
      const res = await s.call('POST', '/auth/login', {
        body: { email: u.email, password: `wrong password ${i}` },
      });
      expect(res.status).toBe(401);
    }
    const locked = await s.call('POST', '/auth/login', {
      body: { email: u.email, password: PASSWORD },
    });
    expect(locked.status).toBe(423);
    expect(locked.body.error.code).toBe('AUTH_ACCOUNT_LOCKED');
    expect(locked.body.error.message).toMatch(/locked for 15 minutes/);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(800);
    const other = await s.call('POST', '/auth/login', {
      body: { email: colleague.email, password: PASSWORD },
    });
    expect(other.status).toBe(200);
  });

  it('limits failed sign-ins per address (a password spray), then 429 with Retry-After', async () => {
    await restart();
    const u = await signup();
    const statuses: number[] = [];
    for (let i = 0; i < DEFAULT_RATE_LIMITS.loginAddress.capacity; i++) {
      statuses.push(
        (
          await s.call('POST', '/auth/login', {
            body: { email: `nobody-${i}@limits.test`, password: PASSWORD },
          })
        ).status,
      );
    }
    expect(new Set(statuses)).toEqual(new Set([401]));
    const limited = await s.call('POST', '/auth/login', {
      body: { email: u.email, password: PASSWORD },
    });
    expect(limited.status).toBe(429);
    expect(limited.body.error).toMatchObject({
      code: 'RATE_LIMIT_EXCEEDED',
      details: { scope: 'loginAddress' },
    });
    expect(limited.body.error.message).toMatch(/try again in \d+ seconds/);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  });
});
