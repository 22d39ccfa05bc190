import { and, asc, desc, eq, inArray, isNull, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import type { CommandState } from '@fieldbook/shared';
import type { InstrumentStore, NewTransition } from '../instrumentStore';
import { commands, commandTransitions } from './schema';

type CommandMethods = Pick<
  InstrumentStore,
  | 'createCommand'
  | 'getCommand'
  | 'listCommands'
  | 'openCommandsOfAgent'
  | 'expiredBy'
  | 'transition'
  | 'update'
  | 'listTransitions'
>;
type Tx = Parameters<Parameters<NodePgDatabase['transaction']>[0]>[0];

const OPEN: CommandState[] = ['released', 'acknowledged', 'in_progress'];
const EXPIRABLE: CommandState[] = ['queued', 'awaiting_approval', 'released'];

const key = (tenantId: string, id: string) =>
  and(eq(commands.tenantId, tenantId), eq(commands.id, id));

/** Stores transition number `seq` (the caller holds the command's row lock, or created it). */
const record = (
  tx: Tx,
  tenantId: string,
  commandId: string,
  from: CommandState | null,
  t: NewTransition,
) =>
  tx.insert(commandTransitions).values({
    tenantId,
    commandId,
    seq: sql`(select coalesce(max(${commandTransitions.seq}), 0) + 1 from ${commandTransitions}
      where ${commandTransitions.tenantId} = ${tenantId} and ${commandTransitions.commandId} = ${commandId})`,
    fromState: from,
    toState: t.to,
    at: t.at,
    by: t.by,
    detail: t.detail ?? null,
  });

/**
 * Commands and their transitions on PostgreSQL. A transition reads the
 * command `for update` inside its transaction: a second node moving the same
 * command waits for the first, then sees the new state and loses (null), so
 * two approvals, or an approval and an expiry, never both win and transitions
 * are numbered without gaps or duplicates. `update` is one conditional UPDATE.
 */
export function postgresCommandMethods(db: NodePgDatabase): CommandMethods {
  const read = async (tenantId: string, id: string) => {
    const [row] = await db.select().from(commands).where(key(tenantId, id));
    return row ?? null;
  };
  return {
    async createCommand(command, first) {
      return db.transaction(async (tx) => {
        const inserted = await tx
          .insert(commands)
          .values(command)
          .onConflictDoNothing()
          .returning({ id: commands.id });
        if (inserted.length === 0) {
          const [existing] = await tx
            .select()
            .from(commands)
            .where(key(command.tenantId, command.id));
          return { command: existing!, created: false };
        }
        await record(tx, command.tenantId, command.id, null, first);
        return { command, created: true };
      });
    },
    getCommand: read,
    async listCommands(tenantId, filter, cursor, limit) {
      const where: (SQL | undefined)[] = [eq(commands.tenantId, tenantId)];
      if (filter.instrumentId) where.push(eq(commands.instrumentId, filter.instrumentId));
      if (filter.states)
        where.push(filter.states.length ? inArray(commands.state, filter.states) : sql`false`);
      if (filter.workspaceIds) {
        const ids = filter.workspaceIds.filter((w): w is string => w !== null);
        const parts = ids.length ? [inArray(commands.workspaceId, ids)] : [];
        if (filter.workspaceIds.includes(null)) parts.push(isNull(commands.workspaceId));
        where.push(parts.length ? or(...parts) : sql`false`);
      }
      if (cursor) where.push(lt(commands.id, cursor));
      const rows = await db
        .select()
        .from(commands)
        .where(and(...where))
        .orderBy(desc(commands.id))
        .limit(limit + 1);
      const items = rows.slice(0, limit);
      return { items, nextCursor: rows.length > limit ? items.at(-1)!.id : null };
    },
    async openCommandsOfAgent(tenantId, agentId) {
      return db
        .select()
        .from(commands)
        .where(
          and(
            eq(commands.tenantId, tenantId),
            eq(commands.agentId, agentId),
            inArray(commands.state, OPEN),
          ),
        )
        .orderBy(asc(commands.id));
    },
    async expiredBy(at, limit) {
      return db
        .select()
        .from(commands)
        .where(and(inArray(commands.state, EXPIRABLE), lte(commands.expiresAt, at)))
        .orderBy(asc(commands.expiresAt))
        .limit(limit);
    },
    async transition(tenantId, id, from, t, patch = {}) {
      return db.transaction(async (tx) => {
        const [current] = await tx.select().from(commands).where(key(tenantId, id)).for('update');
        if (!current || !from.includes(current.state)) return null;
        const [next] = await tx
          .update(commands)
          .set({ ...patch, state: t.to, updatedAt: t.at })
          .where(key(tenantId, id))
          .returning();
        await record(tx, tenantId, id, current.state, t);
        return next!;
      });
    },
    async update(tenantId, id, from, patch, at) {
      if (from.length === 0) return null;
      const [row] = await db
        .update(commands)
        .set({ ...patch, updatedAt: at })
        .where(and(key(tenantId, id), inArray(commands.state, [...from])))
        .returning();
      return row ?? null;
    },
    async listTransitions(tenantId, commandId) {
      return db
        .select({
          seq: commandTransitions.seq,
          from: commandTransitions.fromState,
          to: commandTransitions.toState,
          at: commandTransitions.at,
          by: commandTransitions.by,
          detail: commandTransitions.detail,
        })
        .from(commandTransitions)
        .where(
          and(
            eq(commandTransitions.tenantId, tenantId),
            eq(commandTransitions.commandId, commandId),
          ),
        )
        .orderBy(asc(commandTransitions.seq));
    },
  };
}
