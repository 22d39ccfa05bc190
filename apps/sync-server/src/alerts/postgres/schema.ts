import type { AlertFiring } from '@fieldbook/shared';
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
import type { AlertRuleRecord } from '../alertStore';

/** Alert rules of workspaces on PostgreSQL (migrations in drizzle/pg/alerts). */
export const alertRules = pgTable(
  'alert_rules',
  {
    tenantId: text('tenant_id').notNull(),
    id: text('id').notNull(),
    workspaceId: text('workspace_id').notNull(),
    name: text('name').notNull(),
    condition: jsonb('condition').$type<AlertRuleRecord['condition']>().notNull(),
    threshold: jsonb('threshold').$type<NonNullable<AlertRuleRecord['threshold']>>(),
    actions: jsonb('actions').$type<AlertRuleRecord['actions']>().notNull(),
    muted: boolean('muted').notNull(),
    armed: boolean('armed').notNull(),
    createdAt: bigint('created_at', { mode: 'number' }).notNull(),
    createdBy: text('created_by').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('alert_rules_workspace').on(t.tenantId, t.workspaceId),
  ],
);

/** Each annotation a rule matched, once (the primary key makes a second match a no-op). */
export const alertMatches = pgTable(
  'alert_matches',
  {
    tenantId: text('tenant_id').notNull(),
    ruleId: text('rule_id').notNull(),
    docId: text('doc_id').notNull(),
    annotationId: text('annotation_id').notNull(),
    title: text('title').notNull(),
    at: bigint('at', { mode: 'number' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.ruleId, t.docId, t.annotationId] }),
    index('alert_matches_time').on(t.tenantId, t.ruleId, t.at),
  ],
);

/** Each firing of a rule. */
export const alertFirings = pgTable(
  'alert_firings',
  {
    tenantId: text('tenant_id').notNull(),
    id: text('id').notNull(),
    ruleId: text('rule_id').notNull(),
    at: bigint('at', { mode: 'number' }).notNull(),
    count: integer('count').notNull(),
    annotations: jsonb('annotations').$type<AlertFiring['annotations']>().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('alert_firings_rule').on(t.tenantId, t.ruleId, t.at),
  ],
);
