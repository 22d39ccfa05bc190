import type { DeliveryState, WebhookEvent } from '@fieldbook/shared';
import {
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
} from 'drizzle-orm/pg-core';

/**
 * Webhooks, their delivery queue and attempts on PostgreSQL (migrations in
 * drizzle/pg/webhooks). A lease names its holder (`lease_owner`, one per
 * store), so a node releasing its leases at start leaves other nodes' alone.
 */
export const webhooks = pgTable(
  'webhooks',
  {
    tenantId: text('tenant_id').notNull(),
    id: text('id').notNull(),
    workspaceId: text('workspace_id').notNull(),
    url: text('url').notNull(),
    description: text('description').notNull(),
    events: jsonb('events').$type<WebhookEvent[]>().notNull(),
    active: boolean('active').notNull(),
    disabledReason: text('disabled_reason'),
    failingSince: bigint('failing_since', { mode: 'number' }),
    createdAt: bigint('created_at', { mode: 'number' }).notNull(),
    createdBy: text('created_by').notNull(),
    secretRotatedAt: bigint('secret_rotated_at', { mode: 'number' }).notNull(),
    sealedSecret: text('sealed_secret').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('webhooks_workspace').on(t.tenantId, t.workspaceId),
  ],
);

/** One row per delivery: the queue (state pending, next_attempt_at, lease) and the log. */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    webhookId: text('webhook_id').notNull(),
    eventId: text('event_id').notNull(),
    event: text('event').$type<WebhookEvent>().notNull(),
    payload: text('payload').notNull(),
    state: text('state').$type<DeliveryState>().notNull(),
    createdAt: bigint('created_at', { mode: 'number' }).notNull(),
    nextAttemptAt: bigint('next_attempt_at', { mode: 'number' }),
    leaseUntil: bigint('lease_until', { mode: 'number' }),
    leaseOwner: text('lease_owner'),
    redeliveryOf: text('redelivery_of'),
  },
  (t) => [
    index('webhook_deliveries_due').on(t.state, t.nextAttemptAt),
    index('webhook_deliveries_log').on(t.tenantId, t.webhookId, t.id),
  ],
);

/** Each attempt of a delivery: status, the response's first 4 KB, latency. */
export const webhookAttempts = pgTable(
  'webhook_attempts',
  {
    deliveryId: text('delivery_id').notNull(),
    attempt: integer('attempt').notNull(),
    at: bigint('at', { mode: 'number' }).notNull(),
    status: integer('status'),
    response: text('response').notNull(),
    latencyMs: integer('latency_ms').notNull(),
  },
  (t) => [primaryKey({ columns: [t.deliveryId, t.attempt] })],
);
