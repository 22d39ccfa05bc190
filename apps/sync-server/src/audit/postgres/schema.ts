import { bigint, index, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';

/**
 * The audit log: append-only, one hash chain per tenant. `(tenant_id, seq)`
 * is the chain position; nothing updates or deletes a row.
 */
export const auditEntries = pgTable(
  'audit_entries',
  {
    tenantId: text('tenant_id').notNull(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    id: text('id').notNull().unique(),
    ts: bigint('ts', { mode: 'number' }).notNull(),
    actorType: text('actor_type').notNull(),
    actorId: text('actor_id'),
    actorLabel: text('actor_label'),
    action: text('action').notNull(),
    outcome: text('outcome').notNull(),
    resourceType: text('resource_type').notNull(),
    resourceId: text('resource_id'),
    workspaceId: text('workspace_id'),
    /** JSON text of the old → new summary (text, not jsonb: the hash covers it as written). */
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
export const auditHeads = pgTable('audit_heads', {
  tenantId: text('tenant_id').primaryKey(),
  seq: bigint('seq', { mode: 'number' }).notNull(),
  hash: text('hash').notNull(),
});

/** Signed checkpoints of each tenant's chain head, as published (append-only; `body` is JSON). */
export const auditCheckpoints = pgTable(
  'audit_checkpoints',
  {
    tenantId: text('tenant_id').notNull(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    headSeq: bigint('head_seq', { mode: 'number' }).notNull(),
    ts: bigint('ts', { mode: 'number' }).notNull(),
    body: text('body').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.seq] })],
);
