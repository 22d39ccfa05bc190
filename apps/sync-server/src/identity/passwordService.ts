import { FieldbookError, newId } from '@fieldbook/shared';
import type { AuditLog } from '../audit/auditLog';
import type { RateLimiter } from '../rateLimit/rateLimiter';
import type { IdentityEvents } from './events';
import type { IdentityStore } from './identityStore';
import type { Mailer } from './mailer';
import { hashPassword, verifyPassword } from './passwords';
import { actorOf, type Principal, type RequestMeta } from './principal';
import { randomToken, sha256Hex } from './secrets';
import type { IdentitySettings } from './settings';

export interface PasswordDeps {
  store: IdentityStore;
  audit: AuditLog;
  events: IdentityEvents;
  limiter: RateLimiter;
  mailer: Mailer;
  settings: IdentitySettings;
  now: () => number;
}

/** What an administrator gets when issuing a reset link: the token, shown once. */
export interface IssuedReset {
  token: string;
  expiresAt: number;
  /** Whether the link was e-mailed to the user (false: the admin passes it on). */
  emailed: boolean;
}

const invalidLink = () =>
  new FieldbookError('RESOURCE_NOT_FOUND', 'Reset link not found, used or expired');

/**
 * Passwords after sign-up: a user changes their own (the current one first;
 * every other session of theirs ends), and a tenant administrator issues a
 * single-use, expiring reset link for a user, mailed through the Mailer seam
 * or handed on by the admin; using it sets a new password and ends every
 * session of that user.
 */
export class PasswordService {
  constructor(private readonly d: PasswordDeps) {}

  /** Changes the caller's password after checking the current one; their other sessions end. */
  async change(
    principal: Principal,
    input: { currentPassword: string; newPassword: string },
    meta: RequestMeta,
  ): Promise<{ endedSessions: number }> {
    if (principal.kind !== 'user') {
      throw new FieldbookError('AUTH_INSUFFICIENT_PERMISSIONS', 'API keys have no password');
    }
    // Guessing is what the limit stops: only a wrong current password uses a sign-in attempt.
    await this.d.limiter.check('loginAccount', principal.email);
    const found = await this.d.store.findUserByEmail(principal.email);
    const user = found?.id === principal.userId ? found : null;
    const valid = await verifyPassword(user?.passwordHash ?? null, input.currentPassword);
    const record = (outcome: 'success' | 'failure', summary: Record<string, unknown> | null) =>
      this.d.audit.record(principal.tenantId, {
        actor: actorOf(principal),
        action: 'auth.passwordChange',
        outcome,
        resource: { type: 'user', id: principal.userId },
        summary,
        ...meta,
      });
    if (!valid) {
      await this.d.limiter.charge('loginAccount', principal.email);
      await record('failure', { reason: 'wrong current password' });
      throw new FieldbookError('AUTH_INVALID_CREDENTIALS', 'The current password is wrong');
    }
    const ended = await this.d.store.changePassword(
      principal.tenantId,
      principal.userId,
      await hashPassword(input.newPassword),
      { keepSessionId: principal.sessionId, reason: 'password changed', now: this.d.now() },
    );
    if (ended === null) throw new FieldbookError('AUTH_TOKEN_INVALID', 'Invalid access token');
    this.endSessions(principal.tenantId, ended);
    await record('success', { endedSessions: ended.length });
    return { endedSessions: ended.length };
  }

  /** Issues a reset link for a user of the tenant (tenant admins); earlier links of theirs end. */
  async issueReset(
    principal: Principal,
    userId: string,
    linkFor: (token: string) => string,
    meta: RequestMeta,
  ): Promise<IssuedReset> {
    if (principal.kind !== 'user' || principal.tenantRole !== 'admin') {
      throw new FieldbookError(
        'AUTH_INSUFFICIENT_PERMISSIONS',
        'Only the organization’s administrators can reset passwords',
      );
    }
    if (userId === principal.userId) {
      throw new FieldbookError('VALIDATION_ERROR', 'Change your own password from your account');
    }
    const user = await this.d.store.getUser(principal.tenantId, userId);
    if (!user) throw new FieldbookError('RESOURCE_NOT_FOUND', 'User not found');
    const now = this.d.now();
    const token = randomToken();
    const expiresAt = now + this.d.settings.passwordResetTtlMs;
    await this.d.store.createPasswordReset({
      id: newId(now),
      tenantId: principal.tenantId,
      userId,
      tokenHash: sha256Hex(token),
      createdBy: principal.userId,
      createdAt: now,
      expiresAt,
      usedAt: null,
    });
    await this.d.mailer.send({
      to: user.email,
      subject: 'Set a new Fieldbook password',
      text: `An administrator issued a link to set a new password for ${user.email}:\n\n${linkFor(token)}\n\nIt works once, until ${new Date(expiresAt).toISOString()}.`,
    });
    await this.d.audit.record(principal.tenantId, {
      actor: actorOf(principal),
      action: 'auth.passwordResetIssue',
      outcome: 'success',
      resource: { type: 'user', id: userId },
      summary: { expiresAt: new Date(expiresAt).toISOString(), emailed: this.d.mailer.delivers },
      ...meta,
    });
    return { token, expiresAt, emailed: this.d.mailer.delivers };
  }

  /** Whose password a live reset link sets (for the page that opens it). */
  async previewReset(token: string): Promise<{ email: string; name: string; expiresAt: number }> {
    const reset = await this.d.store.findPasswordReset(sha256Hex(token), this.d.now());
    const user = reset && (await this.d.store.getUser(reset.tenantId, reset.userId));
    if (!reset || !user) throw invalidLink();
    return { email: user.email, name: user.name, expiresAt: reset.expiresAt };
  }

  /**
   * Uses a reset link once: the new password is set, every session of the user
   * ends, and the account's failed sign-ins, lock and sign-in limit are cleared
   * (the link proves the user; signing in with the new password must work now).
   */
  async useReset(token: string, newPassword: string, meta: RequestMeta): Promise<void> {
    const used = await this.d.store.usePasswordReset(
      sha256Hex(token),
      await hashPassword(newPassword),
      this.d.now(),
    );
    if (!used) throw invalidLink();
    const { reset, revokedSessions } = used;
    this.endSessions(reset.tenantId, revokedSessions);
    const user = await this.d.store.getUser(reset.tenantId, reset.userId);
    if (user) {
      await this.d.store.setLoginState(user.tenantId, user.id, 0, null);
      await this.d.limiter.refill('loginAccount', user.email);
    }
    await this.d.audit.record(reset.tenantId, {
      actor: { type: 'user', id: reset.userId, label: null },
      action: 'auth.passwordReset',
      outcome: 'success',
      resource: { type: 'user', id: reset.userId },
      summary: { issuedBy: reset.createdBy, endedSessions: revokedSessions.length },
      ...meta,
    });
  }

  private endSessions(tenantId: string, sessionIds: readonly string[]): void {
    for (const sessionId of sessionIds)
      this.d.events.emit('session.revoked', { tenantId, sessionId });
  }
}
