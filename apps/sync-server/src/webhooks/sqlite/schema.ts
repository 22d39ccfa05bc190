import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * Webhooks, their delivery queue and attempts, in integrations.db (beside
 * notifications and alert rules; migrations in drizzle/integrations), so the
 * queue's frequent writes never take the document log's write lock.
 */
export const webhooks = sqliteTable(
  'webhooks',
  {
    tenantId: text('tenant_id').notNull(),
    id: text('id').notNull(),
    workspaceId: text('workspace_id').notNull(),
    url: text('url').notNull(),
    description: text('description').notNull(),
    events: text('events').notNull(),
    active: integer('active').notNull(),
    disabledReason: text('disabled_reason'),
    failingSince: integer('failing_since'),
    createdAt: integer('created_at').notNull(),
    createdBy: text('created_by').notNull(),
    secretRotatedAt: integer('secret_rotated_at').notNull(),
    sealedSecret: text('sealed_secret').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('webhooks_workspace').on(t.tenantId, t.workspaceId),
  ],
);

/** One row per delivery: the queue (state pending, next_attempt_at, lease) and the log. */
export const webhookDeliveries = sqliteTable(
  'webhook_deliveries',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    webhookId: text('webhook_id').notNull(),
    eventId: text('event_id').notNull(),
    event: text('event').notNull(),
    payload: text('payload').notNull(),
    state: text('state').notNull(),
    createdAt: integer('created_at').notNull(),
    nextAttemptAt: integer('next_attempt_at'),
    leaseUntil: integer('lease_until'),
    redeliveryOf: text('redelivery_of'),
  },
  (t) => [
    index('webhook_deliveries_due').on(t.state, t.nextAttemptAt),
    index('webhook_deliveries_log').on(t.tenantId, t.webhookId, t.id),
  ],
);

/** Each attempt of a delivery: status, the response's first 4 KB, latency. */
export const webhookAttempts = sqliteTable(
  'webhook_attempts',
  {
    deliveryId: text('delivery_id').notNull(),
    attempt: integer('attempt').notNull(),
    at: integer('at').notNull(),
    status: integer('status'),
    response: text('response').notNull(),
    latencyMs: integer('latency_ms').notNull(),
  },
  (t) => [primaryKey({ columns: [t.deliveryId, t.attempt] })],
);
