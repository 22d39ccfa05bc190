import { createHmac } from 'node:crypto';
import { FieldbookError } from '@fieldbook/shared';
import type { AuditLog } from '../audit/auditLog';
import type { RateLimiter } from '../rateLimit/rateLimiter';
import type { IdentityStore } from './identityStore';
import { verifyPassword } from './passwords';
import type { Principal, RequestMeta } from './principal';
import { deriveKey, sameDigest } from './secrets';

/** How long a signing token from password re-entry is good for. */
export const SIGNING_TOKEN_TTL_MS = 5 * 60_000;

const PREFIX = 'fbsig';

/**
 * Short-lived signing tokens (21 CFR Part 11 §11.200: a signature outside a
 * continuous session of signings re-asks for the password). The user re-enters
 * their password, gets a token for five minutes, and puts it into the approval
 * record; the sync server checks it synchronously when the workspace asks for
 * it: `fbsig.<user>.<tenant>.<expires>.<hmac>`, keyed from FIELDBOOK_SECRET.
 */
export class SigningTokens {
  private readonly key: Uint8Array;

  constructor(
    secret: string,
    private readonly d: {
      store: IdentityStore;
      audit: AuditLog;
      limiter: RateLimiter;
      now: () => number;
    },
  ) {
    this.key = deriveKey(secret, 'signing-token');
  }

  private mac(body: string): string {
    return createHmac('sha256', this.key).update(body).digest('hex');
  }

  /** Checks the caller's password again and issues a signing token (users only; audited). */
  async issue(
    principal: Principal,
    password: string,
    meta: RequestMeta,
  ): Promise<{ signingToken: string; expiresAt: number }> {
    if (principal.kind !== 'user') {
      throw new FieldbookError('AUTH_INSUFFICIENT_PERMISSIONS', 'Only a person can sign');
    }
    await this.d.limiter.consume([['loginAccount', principal.email]]);
    const found = await this.d.store.findUserByEmail(principal.email.toLowerCase());
    const user = found?.id === principal.userId ? found : null;
    const valid = await verifyPassword(user?.passwordHash ?? null, password);
    const now = this.d.now();
    await this.d.audit.record(principal.tenantId, {
      actor: { type: 'user', id: principal.userId, label: principal.email },
      action: 'auth.signingToken',
      outcome: valid ? 'success' : 'failure',
      resource: { type: 'user', id: principal.userId },
      ...meta,
    });
    if (!valid) throw new FieldbookError('AUTH_INVALID_CREDENTIALS', 'Wrong password');
    const expiresAt = now + SIGNING_TOKEN_TTL_MS;
    const body = `${PREFIX}.${principal.userId}.${principal.tenantId}.${expiresAt}`;
    return { signingToken: `${body}.${this.mac(body)}`, expiresAt };
  }

  /** Whether `token` is a signing token of `userId` in `tenantId`, unexpired at `now`. */
  verify(token: unknown, userId: string, tenantId: string, now = this.d.now()): boolean {
    if (typeof token !== 'string' || token.length > 512) return false;
    const parts = token.split('.');
    if (parts.length !== 5 || parts[0] !== PREFIX) return false;
    const [, user, tenant, expires, mac] = parts;
    if (user !== userId || tenant !== tenantId || !(Number(expires) > now)) return false;
    return sameDigest(mac!, this.mac(parts.slice(0, 4).join('.')));
  }
}
