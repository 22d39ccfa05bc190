import { and, asc, desc, eq, gt, isNull, sql, type SQL } from 'drizzle-orm';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import { fromMembership, toInvitation, toMembership, toWorkspace } from '../sqlite/rows';
import { emailTaken, page, type WorkspaceMethods } from '../sqlite/sqliteAccounts';
import { isUniqueViolation } from './postgresAccounts';
import { invitations, memberships, refreshTokens, sessions, users, workspaces } from './schema';

/** A member's last activity: the newest of their sign-ins and token refreshes. */
function lastActiveOf(tenantId: string) {
  return sql<string | null>`(
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

const first = <T>(rows: T[]): T | null => rows[0] ?? null;

/**
 * Workspaces, memberships and invitations on PostgreSQL. A membership change
 * reads the previous one under its row lock, and an invitation is accepted
 * under the lock of its row, so two nodes cannot both use one invitation.
 */
export function postgresWorkspaceMethods(db: NodePgDatabase): WorkspaceMethods {
  const membershipWhere = (tenantId: string, workspaceId: string, userId: string) =>
    and(
      eq(memberships.tenantId, tenantId),
      eq(memberships.workspaceId, workspaceId),
      eq(memberships.userId, userId),
    );
  return {
    async createWorkspace(workspace, creator) {
      await db.transaction(async (tx) => {
        await tx.insert(workspaces).values(workspace);
        await tx.insert(memberships).values(fromMembership(creator));
      });
    },
    async getWorkspace(tenantId, workspaceId) {
      const row = first(
        await db
          .select()
          .from(workspaces)
          .where(and(eq(workspaces.tenantId, tenantId), eq(workspaces.id, workspaceId))),
      );
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
      const rows = await joined
        .where(and(...clauses))
        .orderBy(asc(workspaces.id))
        .limit(limit + 1);
      return page(
        rows.map((r) => toWorkspace(r.w)),
        limit,
        (w) => w.id,
      );
    },
    async updateWorkspace(tenantId, workspaceId, patch) {
      const where = and(eq(workspaces.tenantId, tenantId), eq(workspaces.id, workspaceId));
      if (Object.keys(patch).length > 0) await db.update(workspaces).set(patch).where(where);
      const row = first(await db.select().from(workspaces).where(where));
      return row ? toWorkspace(row) : null;
    },

    async getMembership(tenantId, workspaceId, userId) {
      const row = first(
        await db
          .select()
          .from(memberships)
          .where(membershipWhere(tenantId, workspaceId, userId)),
      );
      return row ? toMembership(row) : null;
    },
    async listMembers(tenantId, workspaceId, cursor, limit) {
      const clauses: SQL[] = [
        eq(memberships.tenantId, tenantId),
        eq(memberships.workspaceId, workspaceId),
      ];
      if (cursor) clauses.push(gt(memberships.userId, cursor));
      const rows = await db
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
        .limit(limit + 1);
      const members = rows.map((r) => ({
        ...toMembership(r.m),
        email: r.email,
        name: r.name,
        lastActiveAt: r.lastActiveAt === null ? null : Number(r.lastActiveAt),
      }));
      return page(members, limit, (m) => m.userId);
    },
    async putMembership(membership) {
      return db.transaction(async (tx) => {
        const where = membershipWhere(
          membership.tenantId,
          membership.workspaceId,
          membership.userId,
        );
        const before = first(await tx.select().from(memberships).where(where).for('update'));
        await tx
          .insert(memberships)
          .values(fromMembership(membership))
          .onConflictDoUpdate({
            target: [memberships.workspaceId, memberships.userId],
            set: {
              role: membership.role,
              capabilities: JSON.stringify(membership.capabilities),
              updatedAt: membership.updatedAt,
            },
          });
        return before ? toMembership(before) : null;
      });
    },
    async deleteMembership(tenantId, workspaceId, userId) {
      const row = first(
        await db
          .delete(memberships)
          .where(membershipWhere(tenantId, workspaceId, userId))
          .returning(),
      );
      return row ? toMembership(row) : null;
    },
    async countAdmins(tenantId, workspaceId) {
      const row = first(
        await db
          .select({ n: sql<string>`count(*)` })
          .from(memberships)
          .where(
            and(
              eq(memberships.tenantId, tenantId),
              eq(memberships.workspaceId, workspaceId),
              eq(memberships.role, 'admin'),
            ),
          ),
      );
      return Number(row?.n ?? 0);
    },

    async createInvitation(invitation) {
      await db
        .insert(invitations)
        .values({ ...invitation, capabilities: JSON.stringify(invitation.capabilities) });
    },
    async findInvitation(tokenHash, now) {
      const row = first(
        await db
          .select()
          .from(invitations)
          .where(
            and(
              eq(invitations.tokenHash, tokenHash),
              isNull(invitations.usedAt),
              gt(invitations.expiresAt, now),
            ),
          ),
      );
      return row ? toInvitation(row) : null;
    },
    async listPendingInvitations(tenantId, workspaceId, now) {
      const rows = await db
        .select()
        .from(invitations)
        .where(pendingInvitation(tenantId, workspaceId, now))
        .orderBy(desc(invitations.createdAt));
      return rows.map(toInvitation);
    },
    async revokeInvitation(tenantId, workspaceId, invitationId, now) {
      const row = first(
        await db
          .update(invitations)
          .set({ expiresAt: now })
          .where(
            and(pendingInvitation(tenantId, workspaceId, now), eq(invitations.id, invitationId)),
          )
          .returning(),
      );
      return row ? toInvitation(row) : null;
    },
    async acceptInvitation(tokenHash, { userId, newUser, tenantId, now }) {
      try {
        return await db.transaction(async (tx) => {
          const row = first(
            await tx
              .select()
              .from(invitations)
              .where(eq(invitations.tokenHash, tokenHash))
              .for('update'),
          );
          if (!row || row.usedAt !== null || row.expiresAt <= now) return null;
          if (tenantId !== null && row.tenantId !== tenantId) return null;
          const invitation = toInvitation(row);
          if (newUser) await tx.insert(users).values({ ...newUser, tenantId: row.tenantId });
          await tx
            .update(invitations)
            .set({ usedAt: now, usedBy: userId })
            .where(eq(invitations.id, row.id));
          await tx
            .insert(memberships)
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
            });
          return { ...invitation, usedAt: now, usedBy: userId };
        });
      } catch (err) {
        if (isUniqueViolation(err)) throw emailTaken();
        throw err;
      }
    },
  };
}
