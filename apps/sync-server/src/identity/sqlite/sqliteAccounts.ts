import { and, asc, eq, gt, inArray, isNull, lt, or, type SQL } from 'drizzle-orm';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { FieldbookError } from '@fieldbook/shared';
import type { IdentityStore } from '../identityStore';
import type { PasswordStore } from '../passwordStore';
import type { Page } from '../types';
import { apiKeys, refreshTokens, sessions, syncTickets, tenants, users } from './schema';
import { toApiKey, toApiKeyRecord, toSession, toTicket, toUserRecord } from './rows';

/** A page of `limit` rows from `limit + 1` fetched, with the cursor of the next page. */
export function page<T>(rows: T[], limit: number, cursorOf: (row: T) => string): Page<T> {
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? cursorOf(items[items.length - 1]!) : null };
}

/** True when SQLite refused a row for a duplicate unique key. */
export function isUniqueViolation(err: unknown): boolean {
  return err instanceof Error && /UNIQUE constraint failed/.test(err.message);
}

/** The e-mail-taken error of sign-up and invitation acceptance. */
export const emailTaken = () =>
  new FieldbookError('CONFLICT', 'This e-mail address is already registered');

type AccountMethods = Omit<IdentityStore, keyof WorkspaceMethods | keyof PasswordStore>;
type WorkspaceMethods = Pick<
  IdentityStore,
  | 'createWorkspace'
  | 'getWorkspace'
  | 'listWorkspaces'
  | 'updateWorkspace'
  | 'getMembership'
  | 'listMembers'
  | 'putMembership'
  | 'deleteMembership'
  | 'countAdmins'
  | 'createInvitation'
  | 'findInvitation'
  | 'acceptInvitation'
  | 'listPendingInvitations'
  | 'revokeInvitation'
>;
export type { WorkspaceMethods };

/** Tenants, users, sessions and refresh tokens, API keys and sync tickets on SQLite. */
export function sqliteAccountMethods(db: BetterSQLite3Database): AccountMethods {
  const userById = (tenantId: string, userId: string) =>
    db
      .select()
      .from(users)
      .where(and(eq(users.tenantId, tenantId), eq(users.id, userId)))
      .get();

  return {
    async createTenant(tenant, admin) {
      try {
        db.transaction(
          (tx) => {
            tx.insert(tenants).values(tenant).run();
            tx.insert(users).values(admin).run();
          },
          { behavior: 'immediate' },
        );
      } catch (err) {
        if (isUniqueViolation(err)) throw emailTaken();
        throw err;
      }
    },
    async getTenant(tenantId) {
      return db.select().from(tenants).where(eq(tenants.id, tenantId)).get() ?? null;
    },

    async findUserByEmail(email) {
      const row = db.select().from(users).where(eq(users.email, email.toLowerCase())).get();
      return row ? toUserRecord(row) : null;
    },
    async getUser(tenantId, userId) {
      const row = userById(tenantId, userId);
      if (!row) return null;
      const { passwordHash: _p, failedLogins: _f, lockedUntil: _l, ...user } = toUserRecord(row);
      return user;
    },
    async setLoginState(tenantId, userId, failedLogins, lockedUntil) {
      db.update(users)
        .set({ failedLogins, lockedUntil })
        .where(and(eq(users.tenantId, tenantId), eq(users.id, userId)))
        .run();
    },

    async createSession(session, refreshTokenHash) {
      db.transaction(
        (tx) => {
          tx.insert(sessions).values(session).run();
          tx.insert(refreshTokens)
            .values({
              tokenHash: refreshTokenHash,
              tenantId: session.tenantId,
              sessionId: session.id,
              createdAt: session.createdAt,
            })
            .run();
        },
        { behavior: 'immediate' },
      );
    },
    async getSession(tenantId, sessionId) {
      const row = db
        .select()
        .from(sessions)
        .where(and(eq(sessions.tenantId, tenantId), eq(sessions.id, sessionId)))
        .get();
      return row ? toSession(row) : null;
    },
    async rotateRefreshToken(tokenHash, nextHash, now) {
      return db.transaction(
        (tx) => {
          const token = tx
            .select()
            .from(refreshTokens)
            .where(eq(refreshTokens.tokenHash, tokenHash))
            .get();
          if (!token) return { status: 'unknown' as const };
          const row = tx
            .select()
            .from(sessions)
            .where(and(eq(sessions.tenantId, token.tenantId), eq(sessions.id, token.sessionId)))
            .get();
          if (!row) return { status: 'unknown' as const };
          const session = toSession(row);
          if (token.usedAt !== null) return { status: 'reused' as const, session };
          if (session.revokedAt !== null || session.expiresAt <= now) {
            return { status: 'inactive' as const, session };
          }
          tx.update(refreshTokens)
            .set({ usedAt: now })
            .where(eq(refreshTokens.tokenHash, tokenHash))
            .run();
          tx.insert(refreshTokens)
            .values({
              tokenHash: nextHash,
              tenantId: session.tenantId,
              sessionId: session.id,
              createdAt: now,
            })
            .run();
          return { status: 'rotated' as const, session };
        },
        { behavior: 'immediate' },
      );
    },
    async revokeSession(tenantId, sessionId, reason, now) {
      const where = and(eq(sessions.tenantId, tenantId), eq(sessions.id, sessionId));
      const found = db.select({ id: sessions.id }).from(sessions).where(where).get();
      if (!found) return false;
      db.update(sessions)
        .set({ revokedAt: now, revokeReason: reason })
        .where(and(where, isNull(sessions.revokedAt)))
        .run();
      return true;
    },

    async createApiKey(key) {
      db.insert(apiKeys).values(key).run();
    },
    async findApiKeyByPrefix(prefix) {
      const row = db.select().from(apiKeys).where(eq(apiKeys.prefix, prefix)).get();
      return row ? toApiKeyRecord(row) : null;
    },
    async getApiKey(tenantId, keyId) {
      const row = db
        .select()
        .from(apiKeys)
        .where(and(eq(apiKeys.tenantId, tenantId), eq(apiKeys.id, keyId)))
        .get();
      return row ? toApiKey(row) : null;
    },
    async listApiKeys(tenantId, cursor, limit) {
      const clauses: SQL[] = [eq(apiKeys.tenantId, tenantId)];
      if (cursor) clauses.push(gt(apiKeys.id, cursor));
      const rows = db
        .select()
        .from(apiKeys)
        .where(and(...clauses))
        .orderBy(asc(apiKeys.id))
        .limit(limit + 1)
        .all()
        .map(toApiKey);
      return page(rows, limit, (k) => k.id);
    },
    async revokeApiKey(tenantId, keyId, now) {
      const where = and(eq(apiKeys.tenantId, tenantId), eq(apiKeys.id, keyId));
      db.update(apiKeys)
        .set({ revokedAt: now })
        .where(and(where, isNull(apiKeys.revokedAt)))
        .run();
      const row = db.select().from(apiKeys).where(where).get();
      return row ? toApiKey(row) : null;
    },
    async touchApiKeys(uses) {
      db.transaction((tx) => {
        for (const use of uses) {
          tx.update(apiKeys)
            .set({ lastUsedAt: use.at })
            .where(and(eq(apiKeys.tenantId, use.tenantId), eq(apiKeys.id, use.keyId)))
            .run();
        }
      });
    },

    async createSyncTicket(ticket) {
      db.insert(syncTickets)
        .values({ ...ticket, principal: JSON.stringify(ticket.principal) })
        .run();
    },
    async consumeSyncTicket(tokenHash, now) {
      const row = db
        .update(syncTickets)
        .set({ usedAt: now })
        .where(
          and(
            eq(syncTickets.tokenHash, tokenHash),
            isNull(syncTickets.usedAt),
            gt(syncTickets.expiresAt, now),
          ),
        )
        .returning()
        .get();
      return row ? toTicket(row) : null;
    },

    async pruneExpired(before) {
      return db.transaction((tx) => {
        const tickets = tx
          .delete(syncTickets)
          .where(lt(syncTickets.expiresAt, before))
          .run().changes;
        const ended = tx
          .select({ id: sessions.id })
          .from(sessions)
          .where(or(lt(sessions.expiresAt, before), lt(sessions.revokedAt, before)));
        const tokens = tx
          .delete(refreshTokens)
          .where(inArray(refreshTokens.sessionId, ended))
          .run().changes;
        return tickets + tokens;
      });
    },
  };
}
