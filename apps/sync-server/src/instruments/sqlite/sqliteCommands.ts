import { and, asc, desc, eq, inArray, isNull, lt, lte, max, or, type SQL } from 'drizzle-orm';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import type { CommandState } from '@fieldbook/shared';
import type { CommandRecord, InstrumentStore } from '../instrumentStore';
import { commandTransitions, commands } from './schema';

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

const OPEN: CommandState[] = ['released', 'acknowledged', 'in_progress'];
const EXPIRABLE: CommandState[] = ['queued', 'awaiting_approval', 'released'];

const toRecord = (row: typeof commands.$inferSelect): CommandRecord => ({ ...row });

/** Commands and their transitions on SQLite (drizzle). */
export function sqliteCommandMethods(db: BetterSQLite3Database): CommandMethods {
  const byId = (tenantId: string, id: string) =>
    and(eq(commands.tenantId, tenantId), eq(commands.id, id));
  const read = (tenantId: string, id: string) => {
    const row = db.select().from(commands).where(byId(tenantId, id)).get();
    return row ? toRecord(row) : null;
  };
  const addTransition = (
    tx: BetterSQLite3Database,
    tenantId: string,
    commandId: string,
    from: CommandState | null,
    t: Parameters<InstrumentStore['transition']>[3],
  ) => {
    const last = tx
      .select({ seq: max(commandTransitions.seq) })
      .from(commandTransitions)
      .where(
        and(eq(commandTransitions.tenantId, tenantId), eq(commandTransitions.commandId, commandId)),
      )
      .get();
    tx.insert(commandTransitions)
      .values({
        tenantId,
        commandId,
        seq: (last?.seq ?? 0) + 1,
        fromState: from,
        toState: t.to,
        at: t.at,
        by: t.by,
        detail: t.detail ?? null,
      })
      .run();
  };

  return {
    async createCommand(command, first) {
      return db.transaction(
        (tx) => {
          const existing = tx
            .select()
            .from(commands)
            .where(byId(command.tenantId, command.id))
            .get();
          if (existing) return { command: toRecord(existing), created: false };
          tx.insert(commands).values(command).run();
          addTransition(tx, command.tenantId, command.id, null, first);
          return { command, created: true };
        },
        { behavior: 'immediate' },
      );
    },
    async getCommand(tenantId, id) {
      return read(tenantId, id);
    },
    async listCommands(tenantId, filter, cursor, limit) {
      const clauses: (SQL | undefined)[] = [eq(commands.tenantId, tenantId)];
      if (filter.instrumentId) clauses.push(eq(commands.instrumentId, filter.instrumentId));
      if (filter.states) clauses.push(inArray(commands.state, filter.states));
      if (filter.workspaceIds) {
        const ids = filter.workspaceIds.filter((w): w is string => w !== null);
        const parts = [ids.length > 0 ? inArray(commands.workspaceId, ids) : undefined];
        if (filter.workspaceIds.includes(null)) parts.push(isNull(commands.workspaceId));
        clauses.push(or(...parts.filter((p) => p !== undefined)) ?? eq(commands.id, ''));
      }
      if (cursor) clauses.push(lt(commands.id, cursor));
      const rows = db
        .select()
        .from(commands)
        .where(and(...clauses))
        .orderBy(desc(commands.id))
        .limit(limit + 1)
        .all();
      const items = rows.slice(0, limit).map(toRecord);
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
        .orderBy(asc(commands.id))
        .all()
        .map(toRecord);
    },
    async expiredBy(at, limit) {
      return db
        .select()
        .from(commands)
        .where(and(inArray(commands.state, EXPIRABLE), lte(commands.expiresAt, at)))
        .orderBy(asc(commands.expiresAt))
        .limit(limit)
        .all()
        .map(toRecord);
    },
    async transition(tenantId, id, from, t, patch = {}) {
      return db.transaction(
        (tx) => {
          const current = tx.select().from(commands).where(byId(tenantId, id)).get();
          if (!current || !from.includes(current.state)) return null;
          tx.update(commands)
            .set({ ...patch, state: t.to, updatedAt: t.at })
            .where(byId(tenantId, id))
            .run();
          addTransition(tx, tenantId, id, current.state, t);
          return toRecord({ ...current, ...patch, state: t.to, updatedAt: t.at });
        },
        { behavior: 'immediate' },
      );
    },
    async update(tenantId, id, from, patch, at) {
      const done = db
        .update(commands)
        .set({ ...patch, updatedAt: at })
        .where(and(byId(tenantId, id), inArray(commands.state, [...from])))
        .run();
      return done.changes > 0 ? read(tenantId, id) : null;
    },
    async listTransitions(tenantId, commandId) {
      return db
        .select()
        .from(commandTransitions)
        .where(
          and(
            eq(commandTransitions.tenantId, tenantId),
            eq(commandTransitions.commandId, commandId),
          ),
        )
        .orderBy(asc(commandTransitions.seq))
        .all()
        .map((r) => ({
          seq: r.seq,
          from: r.fromState,
          to: r.toState,
          at: r.at,
          by: r.by,
          detail: r.detail,
        }));
    },
  };
}
