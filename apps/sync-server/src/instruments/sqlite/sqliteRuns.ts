import { and, desc, eq, lt, type SQL } from 'drizzle-orm';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import type { InstrumentStore, RunRecord } from '../instrumentStore';
import { runs } from './schema';

type RunMethods = Pick<InstrumentStore, 'startRun' | 'finishRun' | 'getRun' | 'listRuns'>;

const toRecord = (row: typeof runs.$inferSelect): RunRecord => ({ ...row });

/** Runs on SQLite (drizzle): one row per (tenant, agent, runKey), written once at start and once at end. */
export function sqliteRunMethods(db: BetterSQLite3Database): RunMethods {
  const byKey = (tenantId: string, agentId: string, runKey: string) =>
    and(eq(runs.tenantId, tenantId), eq(runs.agentId, agentId), eq(runs.runKey, runKey));
  return {
    async startRun(run) {
      return db.transaction(
        (tx) => {
          const existing = tx
            .select()
            .from(runs)
            .where(byKey(run.tenantId, run.agentId, run.runKey))
            .get();
          if (existing) return { run: toRecord(existing), created: false };
          tx.insert(runs).values(run).run();
          return { run, created: true };
        },
        { behavior: 'immediate' },
      );
    },
    async finishRun(tenantId, agentId, runKey, finish, unknownRun) {
      return db.transaction(
        (tx) => {
          const existing = tx
            .select()
            .from(runs)
            .where(byKey(tenantId, agentId, runKey))
            .get();
          if (existing && existing.status !== 'running')
            return { run: toRecord(existing), changed: false };
          const run: RunRecord = { ...(existing ? toRecord(existing) : unknownRun()), ...finish };
          if (existing)
            tx.update(runs)
              .set(finish)
              .where(byKey(tenantId, agentId, runKey))
              .run();
          else tx.insert(runs).values(run).run();
          return { run, changed: true };
        },
        { behavior: 'immediate' },
      );
    },
    async getRun(tenantId, id) {
      const row = db
        .select()
        .from(runs)
        .where(and(eq(runs.tenantId, tenantId), eq(runs.id, id)))
        .get();
      return row ? toRecord(row) : null;
    },
    async listRuns(tenantId, filter, cursor, limit) {
      const clauses: SQL[] = [eq(runs.tenantId, tenantId)];
      if (filter.instrumentId) clauses.push(eq(runs.instrumentId, filter.instrumentId));
      if (cursor) clauses.push(lt(runs.id, cursor));
      const rows = db
        .select()
        .from(runs)
        .where(and(...clauses))
        .orderBy(desc(runs.id))
        .limit(limit + 1)
        .all();
      const items = rows.slice(0, limit).map(toRecord);
      return { items, nextCursor: rows.length > limit ? items.at(-1)!.id : null };
    },
  };
}
