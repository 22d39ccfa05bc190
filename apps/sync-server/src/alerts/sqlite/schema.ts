import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** Alert rules of workspaces, in integrations.db (migrations in drizzle/integrations). */
export const alertRules = sqliteTable(
  'alert_rules',
  {
    tenantId: text('tenant_id').notNull(),
    id: text('id').notNull(),
    workspaceId: text('workspace_id').notNull(),
    name: text('name').notNull(),
    condition: text('condition').notNull(),
    threshold: text('threshold'),
    actions: text('actions').notNull(),
    muted: integer('muted').notNull(),
    armed: integer('armed').notNull(),
    createdAt: integer('created_at').notNull(),
    createdBy: text('created_by').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('alert_rules_workspace').on(t.tenantId, t.workspaceId),
  ],
);

/** Each annotation a rule matched, once. */
export const alertMatches = sqliteTable(
  'alert_matches',
  {
    tenantId: text('tenant_id').notNull(),
    ruleId: text('rule_id').notNull(),
    docId: text('doc_id').notNull(),
    annotationId: text('annotation_id').notNull(),
    title: text('title').notNull(),
    at: integer('at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.ruleId, t.docId, t.annotationId] }),
    index('alert_matches_time').on(t.tenantId, t.ruleId, t.at),
  ],
);

/** Each firing of a rule. */
export const alertFirings = sqliteTable(
  'alert_firings',
  {
    tenantId: text('tenant_id').notNull(),
    id: text('id').notNull(),
    ruleId: text('rule_id').notNull(),
    at: integer('at').notNull(),
    count: integer('count').notNull(),
    annotations: text('annotations').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('alert_firings_rule').on(t.tenantId, t.ruleId, t.at),
  ],
);
