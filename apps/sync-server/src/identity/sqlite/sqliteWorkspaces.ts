import { and, asc, desc, eq, gt, isNull, sql, type SQL } from 'drizzle-orm';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { invitations, memberships, refreshTokens, sessions, users, workspaces } from './schema';
import { fromMembership, toInvitation, toMembership, toWorkspace } from './rows';
import { emailTaken, isUniqueViolation, page, type WorkspaceMethods } from './sqliteAccounts';

/**
 * A member's last activity: the newest of their sign-ins (sessions) and token
 * refreshes, which a running app makes every few minutes.
 */
function lastActiveOf(tenantId: string) {
  return sql<number | null>`(
    select max(coalesce(${refreshTokens.createdAt}, ${sessions.createdAt}))
    from ${sessions} left join ${refreshTokens} on ${refreshTokens.sessionId} = ${sessions.id}
    where ${sessions.tenantId} = ${tenantId} and ${sessions.userId} = ${memberships.userId}
  )`;
}

const pendingInvitation = (tenantId: string, workspaceId: string, now: number) =>
  and(
    eq(invitations.tenantId, tenantId),
    eq(invitations.workspaceId, workspaceId),
    isNull(invitations.usedAt),
    gt(invitations.expiresAt, now),
  );

/** Workspaces, memberships and invitations on SQLite. */
export function sqliteWorkspaceMethods(db: BetterSQLite3Database): WorkspaceMethods {
  return {
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
        .select({
          m: memberships,
          email: users.email,
          name: users.name,
          lastActiveAt: lastActiveOf(tenantId),
        })
        .from(memberships)
        .innerJoin(users, and(eq(users.id, memberships.userId), eq(users.tenantId, tenantId)))
        .where(and(...clauses))
        .orderBy(asc(memberships.userId))
        .limit(limit + 1)
        .all()
        .map((r) => ({
          ...toMembership(r.m),
          email: r.email,
          name: r.name,
          lastActiveAt: r.lastActiveAt === null ? null : Number(r.lastActiveAt),
        }));
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
    async countAdmins(tenantId, workspaceId) {
      const row = db
        .select({ n: sql<number>`count(*)` })
        .from(memberships)
        .where(
          and(
            eq(memberships.tenantId, tenantId),
            eq(memberships.workspaceId, workspaceId),
            eq(memberships.role, 'admin'),
          ),
        )
        .get();
      return row?.n ?? 0;
    },

    async createInvitation(invitation) {
      db.insert(invitations)
        .values({ ...invitation, capabilities: JSON.stringify(invitation.capabilities) })
        .run();
    },
    async findInvitation(tokenHash, now) {
      const row = db
        .select()
        .from(invitations)
        .where(
          and(
            eq(invitations.tokenHash, tokenHash),
            isNull(invitations.usedAt),
            gt(invitations.expiresAt, now),
          ),
        )
        .get();
      return row ? toInvitation(row) : null;
    },
    async listPendingInvitations(tenantId, workspaceId, now) {
      return db
        .select()
        .from(invitations)
        .where(pendingInvitation(tenantId, workspaceId, now))
        .orderBy(desc(invitations.createdAt))
        .all()
        .map(toInvitation);
    },
    async revokeInvitation(tenantId, workspaceId, invitationId, now) {
      const row = db
        .update(invitations)
        .set({ expiresAt: now })
        .where(and(pendingInvitation(tenantId, workspaceId, now), eq(invitations.id, invitationId)))
        .returning()
        .get();
      return row ? toInvitation(row) : null;
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
        if (isUniqueViolation(err)) throw emailTaken();
        throw err;
      }
    },
  };
}
