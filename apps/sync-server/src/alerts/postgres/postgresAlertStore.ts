import { and, asc, desc, eq, gte } from 'drizzle-orm';
import type { Postgres } from '../../postgres/connection';
import { migratePostgres } from '../../postgres/migrate';
import type { AlertRuleRecord, AlertStore } from '../alertStore';
import { alertFirings, alertMatches, alertRules } from './schema';

/** Migrates the alert tables on `pg` and opens the store on them. */
export async function openPostgresAlertStore(pg: Postgres): Promise<AlertStore> {
  await migratePostgres(pg, 'alerts');
  return postgresAlertStore(pg);
}

/**
 * The alert store on PostgreSQL (tables migrated). A match is counted once
 * by its primary key (`on conflict do nothing`), so two nodes evaluating the
 * same annotation still count it once; `close` leaves the shared pool open.
 */
export function postgresAlertStore(pg: Postgres): AlertStore {
  const { db } = pg;
  const ruleKey = (tenantId: string, id: string) =>
    and(eq(alertRules.tenantId, tenantId), eq(alertRules.id, id));
  const toRule = (row: typeof alertRules.$inferSelect): AlertRuleRecord => row;
  return {
    async insertRule(rule) {
      await db.insert(alertRules).values(rule);
    },
    async getRule(tenantId, id) {
      const [row] = await db.select().from(alertRules).where(ruleKey(tenantId, id));
      return row ? toRule(row) : null;
    },
    async listRules(tenantId, workspaceId) {
      const rows = await db
        .select()
        .from(alertRules)
        .where(and(eq(alertRules.tenantId, tenantId), eq(alertRules.workspaceId, workspaceId)))
        .orderBy(asc(alertRules.createdAt), asc(alertRules.id));
      return rows.map(toRule);
    },
    async updateRule(tenantId, id, patch) {
      const set = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
      if (Object.keys(set).length === 0) return this.getRule(tenantId, id);
      const [row] = await db.update(alertRules).set(set).where(ruleKey(tenantId, id)).returning();
      return row ? toRule(row) : null;
    },
    async deleteRule(tenantId, id) {
      return db.transaction(async (tx) => {
        const ofRule = (t: typeof alertMatches | typeof alertFirings) =>
          and(eq(t.tenantId, tenantId), eq(t.ruleId, id));
        await tx.delete(alertMatches).where(ofRule(alertMatches));
        await tx.delete(alertFirings).where(ofRule(alertFirings));
        const gone = await tx
          .delete(alertRules)
          .where(ruleKey(tenantId, id))
          .returning({ id: alertRules.id });
        return gone.length > 0;
      });
    },
    async addMatch(tenantId, ruleId, m) {
      const added = await db
        .insert(alertMatches)
        .values({ tenantId, ruleId, ...m })
        .onConflictDoNothing()
        .returning({ at: alertMatches.at });
      return added.length > 0;
    },
    async matchesSince(tenantId, ruleId, since) {
      return db
        .select({
          docId: alertMatches.docId,
          id: alertMatches.annotationId,
          title: alertMatches.title,
          at: alertMatches.at,
        })
        .from(alertMatches)
        .where(
          and(
            eq(alertMatches.tenantId, tenantId),
            eq(alertMatches.ruleId, ruleId),
            gte(alertMatches.at, since),
          ),
        )
        .orderBy(asc(alertMatches.at), asc(alertMatches.annotationId));
    },
    async addFiring(tenantId, firing) {
      await db.insert(alertFirings).values({ tenantId, ...firing });
    },
    async listFirings(tenantId, ruleId, limit) {
      return db
        .select({
          id: alertFirings.id,
          ruleId: alertFirings.ruleId,
          at: alertFirings.at,
          count: alertFirings.count,
          annotations: alertFirings.annotations,
        })
        .from(alertFirings)
        .where(and(eq(alertFirings.tenantId, tenantId), eq(alertFirings.ruleId, ruleId)))
        .orderBy(desc(alertFirings.at), desc(alertFirings.id))
        .limit(limit);
    },
    async close() {},
  };
}
