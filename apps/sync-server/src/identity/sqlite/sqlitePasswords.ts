import { and, eq, gt, isNull, ne } from 'drizzle-orm';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import type { PasswordStore } from '../passwordStore';
import { passwordResets, sessions, users } from './schema';

type Tx = Parameters<Parameters<BetterSQLite3Database['transaction']>[0]>[0];

/** In `tx`: the new hash, no lockout, and the user's live sessions (but `keep`) revoked; their ids. */
function setPassword(
  tx: Tx,
  user: { tenantId: string; userId: string },
  passwordHash: string,
  revoke: { keep: string | null; reason: string; now: number },
): string[] | null {
  const changed = tx
    .update(users)
    .set({ passwordHash, failedLogins: 0, lockedUntil: null })
    .where(and(eq(users.tenantId, user.tenantId), eq(users.id, user.userId)))
    .run();
  if (changed.changes === 0) return null;
  const live = and(
    eq(sessions.tenantId, user.tenantId),
    eq(sessions.userId, user.userId),
    isNull(sessions.revokedAt),
    gt(sessions.expiresAt, revoke.now),
    ...(revoke.keep ? [ne(sessions.id, revoke.keep)] : []),
  );
  return tx
    .update(sessions)
    .set({ revokedAt: revoke.now, revokeReason: revoke.reason })
    .where(live)
    .returning({ id: sessions.id })
    .all()
    .map((r) => r.id);
}

/** Password changes and password-reset links on SQLite (IMMEDIATE transactions). */
export function sqlitePasswordMethods(db: BetterSQLite3Database): PasswordStore {
  const live = (tokenHash: string, now: number) =>
    and(
      eq(passwordResets.tokenHash, tokenHash),
      isNull(passwordResets.usedAt),
      gt(passwordResets.expiresAt, now),
    );
  return {
    async changePassword(tenantId, userId, passwordHash, options) {
      return db.transaction(
        (tx) =>
          setPassword(tx, { tenantId, userId }, passwordHash, {
            keep: options.keepSessionId,
            reason: options.reason,
            now: options.now,
          }),
        { behavior: 'immediate' },
      );
    },
    async createPasswordReset(reset) {
      db.transaction(
        (tx) => {
          tx.update(passwordResets)
            .set({ expiresAt: reset.createdAt })
            .where(
              and(
                eq(passwordResets.tenantId, reset.tenantId),
                eq(passwordResets.userId, reset.userId),
                isNull(passwordResets.usedAt),
                gt(passwordResets.expiresAt, reset.createdAt),
              ),
            )
            .run();
          tx.insert(passwordResets).values(reset).run();
        },
        { behavior: 'immediate' },
      );
    },
    async findPasswordReset(tokenHash, now) {
      return db.select().from(passwordResets).where(live(tokenHash, now)).get() ?? null;
    },
    async usePasswordReset(tokenHash, passwordHash, now) {
      return db.transaction(
        (tx) => {
          const reset = tx
            .update(passwordResets)
            .set({ usedAt: now })
            .where(live(tokenHash, now))
            .returning()
            .get();
          if (!reset) return null;
          const revokedSessions = setPassword(tx, reset, passwordHash, {
            keep: null,
            reason: 'password reset',
            now,
          });
          // A user deleted since the link was issued: the link is spent all the same.
          return revokedSessions && { reset, revokedSessions };
        },
        { behavior: 'immediate' },
      );
    },
  };
}
