import { and, asc, eq, gt, inArray, isNull, lt, or, type SQL } from 'drizzle-orm';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import type { IdentityStore } from '../identityStore';
import type { PasswordStore } from '../passwordStore';
import { toApiKey, toApiKeyRecord, toSession, toTicket, toUserRecord } from '../sqlite/rows';
import { emailTaken, page, type WorkspaceMethods } from '../sqlite/sqliteAccounts';
import { apiKeys, refreshTokens, sessions, syncTickets, tenants, users } from './schema';

/** True when PostgreSQL refused a row for a duplicate unique key (drizzle wraps the driver error). */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; cause?: { code?: string } } | null;
  return e?.code === '23505' || e?.cause?.code === '23505';
}

type AccountMethods = Omit<IdentityStore, keyof WorkspaceMethods | keyof PasswordStore>;

/**
 * Tenants, users, sessions and refresh tokens, API keys and sync tickets on
 * PostgreSQL. What SQLite gets from one writer at a time is explicit here: a
 * refresh token is rotated under its row lock (`FOR UPDATE`), and single-use
 * tickets are spent by one conditional `UPDATE … RETURNING`, so two nodes
 * presenting the same token or ticket cannot both succeed.
 */
export function postgresAccountMethods(db: NodePgDatabase): AccountMethods {
  const first = <T>(rows: T[]): T | null => rows[0] ?? null;
  const userById = async (tenantId: string, userId: string) =>
    first(
      await db
        .select()
        .from(users)
        .where(and(eq(users.tenantId, tenantId), eq(users.id, userId))),
    );

  return {
    async createTenant(tenant, admin) {
      try {
        await db.transaction(async (tx) => {
          await tx.insert(tenants).values(tenant);
          await tx.insert(users).values(admin);
        });
      } catch (err) {
        if (isUniqueViolation(err)) throw emailTaken();
        throw err;
      }
    },
    async getTenant(tenantId) {
      return first(await db.select().from(tenants).where(eq(tenants.id, tenantId)));
    },

    async findUserByEmail(email) {
      const row = first(await db.select().from(users).where(eq(users.email, email.toLowerCase())));
      return row ? toUserRecord(row) : null;
    },
    async getUser(tenantId, userId) {
      const row = await userById(tenantId, userId);
      if (!row) return null;
      const { passwordHash: _p, failedLogins: _f, lockedUntil: _l, ...user } = toUserRecord(row);
      return user;
    },
    async setLoginState(tenantId, userId, failedLogins, lockedUntil) {
      await db
        .update(users)
        .set({ failedLogins, lockedUntil })
        .where(and(eq(users.tenantId, tenantId), eq(users.id, userId)));
    },

    async createSession(session, refreshTokenHash) {
      await db.transaction(async (tx) => {
        await tx.insert(sessions).values(session);
        await tx.insert(refreshTokens).values({
          tokenHash: refreshTokenHash,
          tenantId: session.tenantId,
          sessionId: session.id,
          createdAt: session.createdAt,
        });
      });
    },
    async getSession(tenantId, sessionId) {
      const row = first(
        await db
          .select()
          .from(sessions)
          .where(and(eq(sessions.tenantId, tenantId), eq(sessions.id, sessionId))),
      );
      return row ? toSession(row) : null;
    },
    async rotateRefreshToken(tokenHash, nextHash, now) {
      return db.transaction(async (tx) => {
        const token = first(
          await tx
            .select()
            .from(refreshTokens)
            .where(eq(refreshTokens.tokenHash, tokenHash))
            .for('update'),
        );
        if (!token) return { status: 'unknown' as const };
        const row = first(
          await tx
            .select()
            .from(sessions)
            .where(and(eq(sessions.tenantId, token.tenantId), eq(sessions.id, token.sessionId))),
        );
        if (!row) return { status: 'unknown' as const };
        const session = toSession(row);
        if (token.usedAt !== null) return { status: 'reused' as const, session };
        if (session.revokedAt !== null || session.expiresAt <= now) {
          return { status: 'inactive' as const, session };
        }
        await tx
          .update(refreshTokens)
          .set({ usedAt: now })
          .where(eq(refreshTokens.tokenHash, tokenHash));
        await tx.insert(refreshTokens).values({
          tokenHash: nextHash,
          tenantId: session.tenantId,
          sessionId: session.id,
          createdAt: now,
        });
        return { status: 'rotated' as const, session };
      });
    },
    async revokeSession(tenantId, sessionId, reason, now) {
      const where = and(eq(sessions.tenantId, tenantId), eq(sessions.id, sessionId));
      const found = first(await db.select({ id: sessions.id }).from(sessions).where(where));
      if (!found) return false;
      await db
        .update(sessions)
        .set({ revokedAt: now, revokeReason: reason })
        .where(and(where, isNull(sessions.revokedAt)));
      return true;
    },

    async createApiKey(key) {
      await db.insert(apiKeys).values(key);
    },
    async findApiKeyByPrefix(prefix) {
      const row = first(await db.select().from(apiKeys).where(eq(apiKeys.prefix, prefix)));
      return row ? toApiKeyRecord(row) : null;
    },
    async getApiKey(tenantId, keyId) {
      const row = first(
        await db
          .select()
          .from(apiKeys)
          .where(and(eq(apiKeys.tenantId, tenantId), eq(apiKeys.id, keyId))),
      );
      return row ? toApiKey(row) : null;
    },
    async listApiKeys(tenantId, cursor, limit) {
      const clauses: SQL[] = [eq(apiKeys.tenantId, tenantId)];
      if (cursor) clauses.push(gt(apiKeys.id, cursor));
      const rows = await db
        .select()
        .from(apiKeys)
        .where(and(...clauses))
        .orderBy(asc(apiKeys.id))
        .limit(limit + 1);
      return page(rows.map(toApiKey), limit, (k) => k.id);
    },
    async revokeApiKey(tenantId, keyId, now) {
      const where = and(eq(apiKeys.tenantId, tenantId), eq(apiKeys.id, keyId));
      await db
        .update(apiKeys)
        .set({ revokedAt: now })
        .where(and(where, isNull(apiKeys.revokedAt)));
      const row = first(await db.select().from(apiKeys).where(where));
      return row ? toApiKey(row) : null;
    },
    async touchApiKeys(uses) {
      await db.transaction(async (tx) => {
        for (const use of uses) {
          await tx
            .update(apiKeys)
            .set({ lastUsedAt: use.at })
            .where(and(eq(apiKeys.tenantId, use.tenantId), eq(apiKeys.id, use.keyId)));
        }
      });
    },

    async createSyncTicket(ticket) {
      await db
        .insert(syncTickets)
        .values({ ...ticket, principal: JSON.stringify(ticket.principal) });
    },
    async consumeSyncTicket(tokenHash, now) {
      const row = first(
        await db
          .update(syncTickets)
          .set({ usedAt: now })
          .where(
            and(
              eq(syncTickets.tokenHash, tokenHash),
              isNull(syncTickets.usedAt),
              gt(syncTickets.expiresAt, now),
            ),
          )
          .returning(),
      );
      return row ? toTicket(row) : null;
    },

    async pruneExpired(before) {
      return db.transaction(async (tx) => {
        const tickets = await tx
          .delete(syncTickets)
          .where(lt(syncTickets.expiresAt, before))
          .returning({ hash: syncTickets.tokenHash });
        const ended = tx
          .select({ id: sessions.id })
          .from(sessions)
          .where(or(lt(sessions.expiresAt, before), lt(sessions.revokedAt, before)));
        const tokens = await tx
          .delete(refreshTokens)
          .where(inArray(refreshTokens.sessionId, ended))
          .returning({ hash: refreshTokens.tokenHash });
        return tickets.length + tokens.length;
      });
    },
  };
}
