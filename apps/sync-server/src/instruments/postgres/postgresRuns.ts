import { and, desc, eq, lt, type SQL } from 'drizzle-orm';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import type { InstrumentStore, RunRecord } from '../instrumentStore';
import { runs } from './schema';

type RunMethods = Pick<InstrumentStore, 'startRun' | 'finishRun' | 'getRun' | 'listRuns'>;

const byKey = (tenantId: string, agentId: string, runKey: string) =>
  and(eq(runs.tenantId, tenantId), eq(runs.agentId, agentId), eq(runs.runKey, runKey));

/**
 * Runs on PostgreSQL: one row per (tenant, agent, runKey). A start is an
 * insert that does nothing on conflict; an end locks the row, so two nodes
 * hearing the same end (an agent resending after a reconnect) record it once.
 */
export function postgresRunMethods(db: NodePgDatabase): RunMethods {
  return {
    async startRun(run) {
      const inserted = await db
        .insert(runs)
        .values(run)
        .onConflictDoNothing()
        .returning({ id: runs.id });
      if (inserted.length > 0) return { run, created: true };
      const [existing] = await db
        .select()
        .from(runs)
        .where(byKey(run.tenantId, run.agentId, run.runKey));
      return { run: existing!, created: false };
    },
    async finishRun(tenantId, agentId, runKey, finish, unknownRun) {
      return db.transaction(async (tx) => {
        for (;;) {
          const [existing] = await tx
            .select()
            .from(runs)
            .where(byKey(tenantId, agentId, runKey))
            .for('update');
          if (existing && existing.status !== 'running') return { run: existing, changed: false };
          if (existing) {
            await tx
              .update(runs)
              .set(finish)
              .where(byKey(tenantId, agentId, runKey));
            return { run: { ...existing, ...finish }, changed: true };
          }
          const run: RunRecord = { ...unknownRun(), ...finish };
          const inserted = await tx
            .insert(runs)
            .values(run)
            .onConflictDoNothing()
            .returning({ id: runs.id });
          if (inserted.length > 0) return { run, changed: true };
          // Another node stored this run meanwhile: read it again under its lock.
        }
      });
    },
    async getRun(tenantId, id) {
      const [row] = await db
        .select()
        .from(runs)
        .where(and(eq(runs.tenantId, tenantId), eq(runs.id, id)));
      return row ?? null;
    },
    async listRuns(tenantId, filter, cursor, limit) {
      const clauses: SQL[] = [eq(runs.tenantId, tenantId)];
      if (filter.instrumentId) clauses.push(eq(runs.instrumentId, filter.instrumentId));
      if (cursor) clauses.push(lt(runs.id, cursor));
      const rows = await db
        .select()
        .from(runs)
        .where(and(...clauses))
        .orderBy(desc(runs.id))
        .limit(limit + 1);
      const items = rows.slice(0, limit);
      return { items, nextCursor: rows.length > limit ? items.at(-1)!.id : null };
    },
  };
}
