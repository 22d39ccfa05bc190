import { and, asc, eq, gt, isNull, type SQL } from 'drizzle-orm';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { FieldbookError } from '@fieldbook/shared';
import type { IdentityStore } from '../identityStore';
import type { Page } from '../types';
import {
  apiKeys,
  invitations,
  memberships,
  refreshTokens,
  sessions,
  syncTickets,
  tenants,
  users,
  workspaces,
} from './schema';
import {
  fromMembership,
  toApiKey,
  toApiKeyRecord,
  toInvitation,
  toMembership,
  toSession,
  toTicket,
  toUserRecord,
  toWorkspace,
} from './rows';

function page<T>(rows: T[], limit: number, cursorOf: (row: T) => string): Page<T> {
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? cursorOf(items[items.length - 1]!) : null };
}

function isUniqueViolation(err: unknown): boolean {
  return err instanceof Error && /UNIQUE constraint failed/.test(err.message);
}

/**
 * The identity store on an embedded SQLite database whose schema is migrated
 * by the caller. Multi-step operations run in IMMEDIATE transactions.
 */
export function createSqliteIdentityStore(db: BetterSQLite3Database): IdentityStore {
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
        if (isUniqueViolation(err))
          throw new FieldbookError('CONFLICT', 'This e-mail address is already registered');
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

    async createWorkspace(workspace, creator) {
      db.transaction(
        (tx) => {
          tx.insert(workspaces).values(workspace).run();
          tx.insert(memberships).values(fromMembership(creator)).run();
        },
        { behavior: 'immediate' },
      );
    },
    async getWorkspace(tenantId, workspaceId) {
      const row = db
        .select()
        .from(workspaces)
        .where(and(eq(workspaces.tenantId, tenantId), eq(workspaces.id, workspaceId)))
        .get();
      return row ? toWorkspace(row) : null;
    },
    async listWorkspaces(tenantId, { memberOf, includeArchived, cursor, limit }) {
      const clauses: SQL[] = [eq(workspaces.tenantId, tenantId)];
      if (!includeArchived) clauses.push(isNull(workspaces.archivedAt));
      if (cursor) clauses.push(gt(workspaces.id, cursor));
      const base = db.select({ w: workspaces }).from(workspaces);
      const joined = memberOf
        ? base.innerJoin(
            memberships,
            and(
              eq(memberships.workspaceId, workspaces.id),
              eq(memberships.tenantId, tenantId),
              eq(memberships.userId, memberOf),
            ),
          )
        : base;
      const rows = joined
        .where(and(...clauses))
        .orderBy(asc(workspaces.id))
        .limit(limit + 1)
        .all()
        .map((r) => toWorkspace(r.w));
      return page(rows, limit, (w) => w.id);
    },
    async updateWorkspace(tenantId, workspaceId, patch) {
      const where = and(eq(workspaces.tenantId, tenantId), eq(workspaces.id, workspaceId));
      if (Object.keys(patch).length > 0) db.update(workspaces).set(patch).where(where).run();
      const row = db.select().from(workspaces).where(where).get();
      return row ? toWorkspace(row) : null;
    },

    async getMembership(tenantId, workspaceId, userId) {
      const row = db
        .select()
        .from(memberships)
        .where(
          and(
            eq(memberships.tenantId, tenantId),
            eq(memberships.workspaceId, workspaceId),
            eq(memberships.userId, userId),
          ),
        )
        .get();
      return row ? toMembership(row) : null;
    },
    async listMembers(tenantId, workspaceId, cursor, limit) {
      const clauses: SQL[] = [
        eq(memberships.tenantId, tenantId),
        eq(memberships.workspaceId, workspaceId),
      ];
      if (cursor) clauses.push(gt(memberships.userId, cursor));
      const rows = db
        .select({ m: memberships, email: users.email, name: users.name })
        .from(memberships)
        .innerJoin(users, and(eq(users.id, memberships.userId), eq(users.tenantId, tenantId)))
        .where(and(...clauses))
        .orderBy(asc(memberships.userId))
        .limit(limit + 1)
        .all()
        .map((r) => ({ ...toMembership(r.m), email: r.email, name: r.name }));
      return page(rows, limit, (m) => m.userId);
    },
    async putMembership(membership) {
      return db.transaction(
        (tx) => {
          const where = and(
            eq(memberships.tenantId, membership.tenantId),
            eq(memberships.workspaceId, membership.workspaceId),
            eq(memberships.userId, membership.userId),
          );
          const before = tx.select().from(memberships).where(where).get();
          if (before) {
            tx.update(memberships)
              .set({
                role: membership.role,
                capabilities: JSON.stringify(membership.capabilities),
                updatedAt: membership.updatedAt,
              })
              .where(where)
              .run();
            return toMembership(before);
          }
          tx.insert(memberships).values(fromMembership(membership)).run();
          return null;
        },
        { behavior: 'immediate' },
      );
    },
    async deleteMembership(tenantId, workspaceId, userId) {
      const where = and(
        eq(memberships.tenantId, tenantId),
        eq(memberships.workspaceId, workspaceId),
        eq(memberships.userId, userId),
      );
      const row = db.delete(memberships).where(where).returning().get();
      return row ? toMembership(row) : null;
    },

    async createInvitation(invitation) {
      db.insert(invitations)
        .values({ ...invitation, capabilities: JSON.stringify(invitation.capabilities) })
        .run();
    },
    async acceptInvitation(tokenHash, { userId, newUser, tenantId, now }) {
      try {
        return db.transaction(
          (tx) => {
            const row = tx
              .select()
              .from(invitations)
              .where(eq(invitations.tokenHash, tokenHash))
              .get();
            if (!row || row.usedAt !== null || row.expiresAt <= now) return null;
            if (tenantId !== null && row.tenantId !== tenantId) return null;
            const invitation = toInvitation(row);
            if (newUser)
              tx.insert(users)
                .values({ ...newUser, tenantId: row.tenantId })
                .run();
            tx.update(invitations)
              .set({ usedAt: now, usedBy: userId })
              .where(eq(invitations.id, row.id))
              .run();
            tx.insert(memberships)
              .values(
                fromMembership({
                  tenantId: invitation.tenantId,
                  workspaceId: invitation.workspaceId,
                  userId,
                  role: invitation.role,
                  capabilities: invitation.capabilities,
                  createdAt: now,
                  updatedAt: now,
                }),
              )
              .onConflictDoUpdate({
                target: [memberships.workspaceId, memberships.userId],
                set: {
                  role: invitation.role,
                  capabilities: JSON.stringify(invitation.capabilities),
                  updatedAt: now,
                },
              })
              .run();
            return { ...invitation, usedAt: now, usedBy: userId };
          },
          { behavior: 'immediate' },
        );
      } catch (err) {
        if (isUniqueViolation(err))
          throw new FieldbookError('CONFLICT', 'This e-mail address is already registered');
        throw err;
      }
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
  };
}
