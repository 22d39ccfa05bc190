import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * The audit log: append-only, one hash chain per tenant. `(tenant_id, seq)`
 * is the chain position; nothing updates or deletes a row.
 */
export const auditEntries = sqliteTable(
  'audit_entries',
  {
    tenantId: text('tenant_id').notNull(),
    seq: integer('seq').notNull(),
    id: text('id').notNull().unique(),
    ts: integer('ts').notNull(),
    actorType: text('actor_type').notNull(),
    actorId: text('actor_id'),
    actorLabel: text('actor_label'),
    action: text('action').notNull(),
    outcome: text('outcome').notNull(),
    resourceType: text('resource_type').notNull(),
    resourceId: text('resource_id'),
    workspaceId: text('workspace_id'),
    /** JSON text of the old → new summary. */
    summary: text('summary'),
    ip: text('ip'),
    requestId: text('request_id'),
    /** The audit key that sealed the entry (HMAC); null for entries from before audit keys. */
    keyId: text('key_id'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.seq] }),
    index('audit_entries_tenant_ts').on(t.tenantId, t.ts),
    index('audit_entries_tenant_action').on(t.tenantId, t.action),
    index('audit_entries_tenant_workspace').on(t.tenantId, t.workspaceId),
  ],
);

/** The newest entry of each tenant's chain, so cutting entries off the end is noticed. */
export const auditHeads = sqliteTable('audit_heads', {
  tenantId: text('tenant_id').primaryKey(),
  seq: integer('seq').notNull(),
  hash: text('hash').notNull(),
});

/**
 * Signed checkpoints of each tenant's chain head, as published (append-only).
 * `body` is the whole checkpoint (signature and time-stamp included) as JSON.
 */
export const auditCheckpoints = sqliteTable(
  'audit_checkpoints',
  {
    tenantId: text('tenant_id').notNull(),
    seq: integer('seq').notNull(),
    headSeq: integer('head_seq').notNull(),
    ts: integer('ts').notNull(),
    body: text('body').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.seq] })],
);
