import { FieldbookError, newId } from '@fieldbook/shared';
import type { AuditLog } from '../audit/auditLog';
import type { RateLimiter } from '../rateLimit/rateLimiter';
import { waitText } from '../rateLimit/waitText';
import type { AccessTokens } from './accessTokens';
import type { IdentityEvents } from './events';
import type { IdentityStore } from './identityStore';
import { hashPassword, verifyPassword } from './passwords';
import type { Principal, RequestMeta } from './principal';
import { randomToken, sha256Hex } from './secrets';
import type { IdentitySettings } from './settings';
import type { Session, Tenant, User, UserRecord } from './types';

/** What a successful sign-in returns. Tokens are secrets: shown to the caller, never logged. */
export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  /** Access-token expiry, epoch ms. */
  expiresAt: number;
  user: User;
}

export interface AuthDeps {
  store: IdentityStore;
  audit: AuditLog;
  tokens: AccessTokens;
  events: IdentityEvents;
  limiter: RateLimiter;
  settings: IdentitySettings;
  now: () => number;
}

const publicUser = ({
  passwordHash: _p,
  failedLogins: _f,
  lockedUntil: _l,
  ...user
}: UserRecord): User => user;

/**
 * Sign-up, sign-in, refresh and sign-out. Sign-in is rate-limited per account,
 * and per address by *failed* attempts only (so colleagues behind one NAT never
 * block each other), and locks an account after repeated failures (seed 002);
 * refresh tokens rotate, and presenting a used one revokes its whole family.
 */
export class AuthService {
  constructor(private readonly d: AuthDeps) {}

  /** Creates a tenant and its first user, who becomes the tenant's admin, and signs them in. */
  async signup(
    input: { tenant: string; email: string; password: string; name: string },
    meta: RequestMeta,
  ): Promise<TokenPair & { tenant: Tenant }> {
    const now = this.d.now();
    const tenant: Tenant = { id: newId(now), name: input.tenant, createdAt: now };
    const user: UserRecord = {
      id: newId(now),
      tenantId: tenant.id,
      email: input.email.toLowerCase(),
      name: input.name,
      tenantRole: 'admin',
      createdAt: now,
      passwordHash: await hashPassword(input.password),
      failedLogins: 0,
      lockedUntil: null,
    };
    await this.d.store.createTenant(tenant, user);
    await this.d.audit.record(tenant.id, {
      actor: { type: 'user', id: user.id, label: user.email },
      action: 'auth.signup',
      outcome: 'success',
      resource: { type: 'tenant', id: tenant.id },
      summary: { tenant: tenant.name },
      ...meta,
    });
    return { ...(await this.startSession(user, now)), tenant };
  }

  /** Checks e-mail and password; locked accounts answer AUTH_ACCOUNT_LOCKED whatever the password. */
  async login(input: { email: string; password: string }, meta: RequestMeta): Promise<TokenPair> {
    const email = input.email.toLowerCase();
    const now = this.d.now();
    const user = await this.d.store.findUserByEmail(email);
    const actor = { type: 'user' as const, id: user?.id ?? null, label: email };
    const audit = (outcome: 'success' | 'failure', reason?: string) =>
      user
        ? this.d.audit.record(user.tenantId, {
            actor,
            action: 'auth.login',
            outcome,
            resource: { type: 'user', id: user.id },
            summary: reason ? { reason } : null,
            ...meta,
          })
        : Promise.resolve();

    if (user?.lockedUntil && user.lockedUntil > now) {
      await audit('failure', 'locked');
      throw lockedError(user.lockedUntil, now);
    }
    const address = meta.ip ?? 'unknown';
    await this.d.limiter.check('loginAddress', address);
    await this.d.limiter.consume([['loginAccount', email]]);
    const valid = await verifyPassword(user?.passwordHash ?? null, input.password);
    if (!user || !valid) {
      await this.d.limiter.charge('loginAddress', address);
      if (user) await this.recordFailure(user, now, meta);
      throw new FieldbookError('AUTH_INVALID_CREDENTIALS', 'Wrong e-mail address or password');
    }
    if (user.failedLogins > 0 || user.lockedUntil !== null) {
      await this.d.store.setLoginState(user.tenantId, user.id, 0, null);
    }
    await audit('success');
    return this.startSession(user, now);
  }

  /** Exchanges a refresh token for a new pair; a reused token revokes its family and fails. */
  async refresh(refreshToken: string, meta: RequestMeta): Promise<TokenPair> {
    const now = this.d.now();
    const next = randomToken();
    const result = await this.d.store.rotateRefreshToken(
      sha256Hex(refreshToken),
      sha256Hex(next),
      now,
    );
    if (result.status === 'unknown' || result.status === 'inactive') {
      throw new FieldbookError('AUTH_TOKEN_INVALID', 'Invalid refresh token');
    }
    const { session } = result;
    if (result.status === 'reused') {
      await this.revoke(session, 'refresh token reused', now);
      await this.d.audit.record(session.tenantId, {
        actor: { type: 'user', id: session.userId, label: null },
        action: 'auth.refreshReuse',
        outcome: 'failure',
        resource: { type: 'session', id: session.id },
        summary: { revokedSession: session.id },
        ...meta,
      });
      throw new FieldbookError('AUTH_TOKEN_INVALID', 'Invalid refresh token');
    }
    const user = await this.d.store.getUser(session.tenantId, session.userId);
    if (!user) throw new FieldbookError('AUTH_TOKEN_INVALID', 'Invalid refresh token');
    const access = await this.d.tokens.sign(
      { userId: user.id, tenantId: user.tenantId, sessionId: session.id },
      now,
    );
    return { accessToken: access.token, expiresAt: access.expiresAt, refreshToken: next, user };
  }

  /** Ends the caller's session: its refresh tokens stop working and its sockets close. */
  async logout(principal: Principal, meta: RequestMeta): Promise<void> {
    if (principal.kind !== 'user') {
      throw new FieldbookError('AUTH_INSUFFICIENT_PERMISSIONS', 'API keys have no session to end');
    }
    const now = this.d.now();
    const session = await this.d.store.getSession(principal.tenantId, principal.sessionId);
    if (session) await this.revoke(session, 'logout', now);
    await this.d.audit.record(principal.tenantId, {
      actor: { type: 'user', id: principal.userId, label: principal.email },
      action: 'auth.logout',
      outcome: 'success',
      resource: { type: 'session', id: principal.sessionId },
      ...meta,
    });
  }

  /** The principal of a valid access token whose session is still live. */
  async authenticateAccessToken(token: string): Promise<Principal & { kind: 'user' }> {
    const now = this.d.now();
    const claims = await this.d.tokens.verify(token, now);
    const session = await this.d.store.getSession(claims.tenantId, claims.sessionId);
    if (!session || session.revokedAt !== null || session.expiresAt <= now) {
      throw new FieldbookError('AUTH_TOKEN_INVALID', 'Session ended; sign in again');
    }
    const user = await this.d.store.getUser(claims.tenantId, claims.userId);
    if (!user) throw new FieldbookError('AUTH_TOKEN_INVALID', 'Invalid access token');
    return {
      kind: 'user',
      tenantId: user.tenantId,
      userId: user.id,
      email: user.email,
      sessionId: session.id,
      tenantRole: user.tenantRole,
      expiresAt: Math.min(claims.expiresAt, session.expiresAt),
    };
  }

  private async startSession(user: User, now: number): Promise<TokenPair> {
    const session: Session = {
      id: newId(now),
      tenantId: user.tenantId,
      userId: user.id,
      createdAt: now,
      expiresAt: now + this.d.settings.sessionTtlMs,
      revokedAt: null,
      revokeReason: null,
    };
    const refreshToken = randomToken();
    await this.d.store.createSession(session, sha256Hex(refreshToken));
    const access = await this.d.tokens.sign(
      { userId: user.id, tenantId: user.tenantId, sessionId: session.id },
      now,
    );
    return {
      accessToken: access.token,
      expiresAt: access.expiresAt,
      refreshToken,
      user: publicUserOf(user),
    };
  }

  private async recordFailure(user: UserRecord, now: number, meta: RequestMeta): Promise<void> {
    const failures = user.failedLogins + 1;
    const locks = failures >= this.d.settings.lockoutThreshold;
    const lockedUntil = locks ? now + this.d.settings.lockoutMs : null;
    await this.d.store.setLoginState(user.tenantId, user.id, locks ? 0 : failures, lockedUntil);
    const base = {
      actor: { type: 'user' as const, id: user.id, label: user.email },
      resource: { type: 'user', id: user.id },
      ...meta,
    };
    await this.d.audit.recordMany(user.tenantId, [
      {
        ...base,
        action: 'auth.login',
        outcome: 'failure',
        summary: { reason: 'wrong password', failures },
      },
      ...(locks
        ? [
            {
              ...base,
              action: 'auth.lockout',
              outcome: 'success' as const,
              summary: { lockedUntil: new Date(lockedUntil!).toISOString() },
            },
          ]
        : []),
    ]);
  }

  private async revoke(session: Session, reason: string, now: number): Promise<void> {
    await this.d.store.revokeSession(session.tenantId, session.id, reason, now);
    this.d.events.emit('session.revoked', { tenantId: session.tenantId, sessionId: session.id });
  }
}

function publicUserOf(user: User | UserRecord): User {
  return 'passwordHash' in user ? publicUser(user) : user;
}

/** AUTH_ACCOUNT_LOCKED with the seconds until the lock ends. */
function lockedError(lockedUntil: number, now: number): FieldbookError {
  const retryAfterSeconds = Math.max(1, Math.ceil((lockedUntil - now) / 1000));
  return new FieldbookError(
    'AUTH_ACCOUNT_LOCKED',
    `Too many failed sign-ins: this account is locked for ${waitText(retryAfterSeconds)}`,
    { retryAfterSeconds },
  );
}
