import { and, eq, gt, isNull, ne } from 'drizzle-orm';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import type { PasswordStore } from '../passwordStore';
import { passwordResets, sessions, users } from './schema';

type Tx = Parameters<Parameters<NodePgDatabase['transaction']>[0]>[0];

/** In `tx`: the new hash, no lockout, and the user's live sessions (but `keep`) revoked; their ids. */
async function setPassword(
  tx: Tx,
  user: { tenantId: string; userId: string },
  passwordHash: string,
  revoke: { keep: string | null; reason: string; now: number },
): Promise<string[] | null> {
  const changed = await tx
    .update(users)
    .set({ passwordHash, failedLogins: 0, lockedUntil: null })
    .where(and(eq(users.tenantId, user.tenantId), eq(users.id, user.userId)))
    .returning({ id: users.id });
  if (changed.length === 0) return null;
  const live = and(
    eq(sessions.tenantId, user.tenantId),
    eq(sessions.userId, user.userId),
    isNull(sessions.revokedAt),
    gt(sessions.expiresAt, revoke.now),
    ...(revoke.keep ? [ne(sessions.id, revoke.keep)] : []),
  );
  const revoked = await tx
    .update(sessions)
    .set({ revokedAt: revoke.now, revokeReason: revoke.reason })
    .where(live)
    .returning({ id: sessions.id });
  return revoked.map((r) => r.id);
}

/**
 * Password changes and password-reset links on PostgreSQL. A reset link is
 * spent by one conditional `UPDATE … RETURNING` in the transaction that sets
 * the password, so two nodes cannot both use it.
 */
export function postgresPasswordMethods(db: NodePgDatabase): PasswordStore {
  const live = (tokenHash: string, now: number) =>
    and(
      eq(passwordResets.tokenHash, tokenHash),
      isNull(passwordResets.usedAt),
      gt(passwordResets.expiresAt, now),
    );
  return {
    async changePassword(tenantId, userId, passwordHash, options) {
      return db.transaction((tx) =>
        setPassword(tx, { tenantId, userId }, passwordHash, {
          keep: options.keepSessionId,
          reason: options.reason,
          now: options.now,
        }),
      );
    },
    async createPasswordReset(reset) {
      await db.transaction(async (tx) => {
        await tx
          .update(passwordResets)
          .set({ expiresAt: reset.createdAt })
          .where(
            and(
              eq(passwordResets.tenantId, reset.tenantId),
              eq(passwordResets.userId, reset.userId),
              isNull(passwordResets.usedAt),
              gt(passwordResets.expiresAt, reset.createdAt),
            ),
          );
        await tx.insert(passwordResets).values(reset);
      });
    },
    async findPasswordReset(tokenHash, now) {
      const [row] = await db.select().from(passwordResets).where(live(tokenHash, now));
      return row ?? null;
    },
    async usePasswordReset(tokenHash, passwordHash, now) {
      return db.transaction(async (tx) => {
        const [reset] = await tx
          .update(passwordResets)
          .set({ usedAt: now })
          .where(live(tokenHash, now))
          .returning();
        if (!reset) return null;
        const revokedSessions = await setPassword(tx, reset, passwordHash, {
          keep: null,
          reason: 'password reset',
          now,
        });
        // A user deleted since the link was issued: the link is spent all the same.
        return revokedSessions && { reset, revokedSessions };
      });
    },
  };
}
