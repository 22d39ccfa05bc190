import { randomUUID } from 'node:crypto';
import { and, asc, count, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import type { DeliveryAttempt } from '@fieldbook/shared';
import type { Postgres } from '../../postgres/connection';
import { migratePostgres } from '../../postgres/migrate';
import type { DeliveryRecord, WebhookStore } from '../webhookStore';
import { webhookAttempts, webhookDeliveries, webhooks } from './schema';

/** Options of {@link openPostgresWebhookStore}. */
export interface PostgresWebhookStoreOptions {
  /**
   * Who holds this store's leases (default: random per open). A node that
   * keeps its name across restarts gets its own leases back at once on
   * `releaseLeases`; other nodes' leases only ever run out.
   */
  owner?: string;
}

/** Migrates the webhook tables on `pg` and opens the store on them. */
export async function openPostgresWebhookStore(
  pg: Postgres,
  options: PostgresWebhookStoreOptions = {},
): Promise<WebhookStore> {
  await migratePostgres(pg, 'webhooks');
  return postgresWebhookStore(pg, options);
}

type DeliveryRow = typeof webhookDeliveries.$inferSelect;

/**
 * The webhook store on PostgreSQL (tables migrated), shared by several nodes:
 * `claimDue` leases in one statement over `for update skip locked`, so two
 * nodes claiming at once never get the same delivery, and `releaseLeases`
 * ends only this store's leases. `close` leaves the shared pool open.
 */
export function postgresWebhookStore(
  pg: Postgres,
  options: PostgresWebhookStoreOptions = {},
): WebhookStore {
  const { db } = pg;
  const owner = options.owner ?? randomUUID();
  const hookKey = (tenantId: string, id: string) =>
    and(eq(webhooks.tenantId, tenantId), eq(webhooks.id, id));
  const withAttempts = async (rows: DeliveryRow[]): Promise<DeliveryRecord[]> => {
    if (rows.length === 0) return [];
    const attempts = await db
      .select()
      .from(webhookAttempts)
      .where(
        inArray(
          webhookAttempts.deliveryId,
          rows.map((r) => r.id),
        ),
      )
      .orderBy(asc(webhookAttempts.attempt));
    return rows.map(({ leaseUntil: _l, leaseOwner: _o, ...r }) => ({
      ...r,
      attempts: attempts
        .filter((a) => a.deliveryId === r.id)
        .map(({ deliveryId: _d, ...a }): DeliveryAttempt => a),
    }));
  };

  return {
    async insertWebhook(record) {
      await db.insert(webhooks).values(record);
    },
    async getWebhook(tenantId, id) {
      const [row] = await db.select().from(webhooks).where(hookKey(tenantId, id));
      return row ?? null;
    },
    async listWebhooks(tenantId, workspaceId) {
      return db
        .select()
        .from(webhooks)
        .where(and(eq(webhooks.tenantId, tenantId), eq(webhooks.workspaceId, workspaceId)))
        .orderBy(asc(webhooks.createdAt), asc(webhooks.id));
    },
    async updateWebhook(tenantId, id, patch) {
      const set = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
      if (Object.keys(set).length === 0) return this.getWebhook(tenantId, id);
      const [row] = await db.update(webhooks).set(set).where(hookKey(tenantId, id)).returning();
      return row ?? null;
    },
    async switchOffWebhook(tenantId, id, reason) {
      const [row] = await db
        .update(webhooks)
        .set({ active: false, disabledReason: reason })
        .where(and(hookKey(tenantId, id), eq(webhooks.active, true)))
        .returning();
      return row ?? null;
    },
    async deleteWebhook(tenantId, id) {
      return db.transaction(async (tx) => {
        const ofHook = and(
          eq(webhookDeliveries.tenantId, tenantId),
          eq(webhookDeliveries.webhookId, id),
        );
        await tx
          .delete(webhookAttempts)
          .where(
            inArray(
              webhookAttempts.deliveryId,
              tx.select({ id: webhookDeliveries.id }).from(webhookDeliveries).where(ofHook),
            ),
          );
        await tx.delete(webhookDeliveries).where(ofHook);
        const gone = await tx
          .delete(webhooks)
          .where(hookKey(tenantId, id))
          .returning({ id: webhooks.id });
        return gone.length > 0;
      });
    },
    async subscribers(tenantId, workspaceId, event) {
      return db
        .select()
        .from(webhooks)
        .where(
          and(
            eq(webhooks.tenantId, tenantId),
            eq(webhooks.workspaceId, workspaceId),
            eq(webhooks.active, true),
            sql`${webhooks.events} @> ${JSON.stringify([event])}::jsonb`,
          ),
        )
        .orderBy(asc(webhooks.createdAt), asc(webhooks.id));
    },
    async enqueue(deliveries) {
      if (deliveries.length === 0) return;
      await db
        .insert(webhookDeliveries)
        .values(
          deliveries.map((d) => ({ ...d, state: 'pending' as const, nextAttemptAt: d.createdAt })),
        );
    },
    async claimDue(now, limit, leaseUntil) {
      const d = webhookDeliveries;
      const claimable = sql`${d.state} = 'pending' and ${d.nextAttemptAt} <= ${now}
        and (${d.leaseUntil} is null or ${d.leaseUntil} < ${now})`;
      // The locking select runs once, as a CTE (one with FOR UPDATE is never inlined): as an
      // `in (…)` subquery PostgreSQL may run it again per row, and a claim then took far more
      // than `limit` deliveries (193 of 200 in one call, leaving the other node none).
      const due = db
        .$with('due')
        .as(
          db
            .select({ id: d.id })
            .from(d)
            .where(claimable)
            .orderBy(asc(d.nextAttemptAt), asc(d.id))
            .limit(limit)
            .for('update', { skipLocked: true }),
        );
      const rows = await db
        .with(due)
        .update(d)
        .set({ leaseUntil, leaseOwner: owner })
        .where(and(inArray(d.id, db.select({ id: due.id }).from(due)), claimable))
        .returning();
      rows.sort((a, b) => a.nextAttemptAt! - b.nextAttemptAt! || (a.id < b.id ? -1 : 1));
      return withAttempts(rows);
    },
    async releaseLeases() {
      await db
        .update(webhookDeliveries)
        .set({ leaseUntil: null, leaseOwner: null })
        .where(eq(webhookDeliveries.leaseOwner, owner));
    },
    async finishAttempt(id, attempt, outcome) {
      await db.transaction(async (tx) => {
        await tx
          .insert(webhookAttempts)
          .values({ deliveryId: id, ...attempt })
          .onConflictDoUpdate({
            target: [webhookAttempts.deliveryId, webhookAttempts.attempt],
            set: {
              at: attempt.at,
              status: attempt.status,
              response: attempt.response,
              latencyMs: attempt.latencyMs,
            },
          });
        await tx
          .update(webhookDeliveries)
          .set({
            state: outcome.state,
            nextAttemptAt: outcome.state === 'pending' ? outcome.nextAttemptAt : null,
            leaseUntil: null,
            leaseOwner: null,
          })
          .where(eq(webhookDeliveries.id, id));
      });
    },
    async listDeliveries(tenantId, webhookId, before, limit) {
      const d = webhookDeliveries;
      const rows = await db
        .select()
        .from(d)
        .where(
          and(
            eq(d.tenantId, tenantId),
            eq(d.webhookId, webhookId),
            before === null ? undefined : lt(d.id, before),
          ),
        )
        .orderBy(desc(d.id))
        .limit(limit);
      return withAttempts(rows);
    },
    async getDelivery(tenantId, webhookId, id) {
      const d = webhookDeliveries;
      const rows = await db
        .select()
        .from(d)
        .where(and(eq(d.tenantId, tenantId), eq(d.webhookId, webhookId), eq(d.id, id)));
      return (await withAttempts(rows))[0] ?? null;
    },
    async pendingCount() {
      const [row] = await db
        .select({ n: count() })
        .from(webhookDeliveries)
        .where(eq(webhookDeliveries.state, 'pending'));
      return row?.n ?? 0;
    },
    async close() {},
  };
}
