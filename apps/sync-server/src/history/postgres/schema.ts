import { bigint, index, integer, jsonb, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import type { ChangeSummary } from '@fieldbook/shared';
import { bytea } from '../../postgres/columnTypes';

/**
 * The history tables in PostgreSQL, twins of sqlite/schema.ts: entries of
 * every document (summary as jsonb, the Y.Snapshot after the entry as bytea),
 * the parts each entry touched, named versions, branches and retention.
 */
export const historyEntries = pgTable(
  'history_entries',
  {
    workspaceId: text('workspace_id').notNull(),
    docId: text('doc_id').notNull(),
    firstSeq: bigint('first_seq', { mode: 'number' }).notNull(),
    lastSeq: bigint('last_seq', { mode: 'number' }).notNull(),
    actor: text('actor').notNull(),
    session: text('session').notNull(),
    kind: text('kind').notNull(),
    ref: text('ref'),
    startedAt: bigint('started_at', { mode: 'number' }).notNull(),
    endedAt: bigint('ended_at', { mode: 'number' }).notNull(),
    updates: integer('updates').notNull(),
    bytes: bigint('bytes', { mode: 'number' }).notNull(),
    summary: jsonb('summary').$type<ChangeSummary>().notNull(),
    snapshot: bytea('snapshot').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.docId, t.firstSeq] }),
    index('history_entries_last').on(t.workspaceId, t.docId, t.lastSeq),
  ],
);

/** Which parts (annotation ids) each entry touched, for one annotation's history. */
export const historyParts = pgTable(
  'history_parts',
  {
    workspaceId: text('workspace_id').notNull(),
    docId: text('doc_id').notNull(),
    part: text('part').notNull(),
    firstSeq: bigint('first_seq', { mode: 'number' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.docId, t.part, t.firstSeq] }),
    // The parts of a range of entries (a version's, a timeline's) without reading every part.
    index('history_parts_seq').on(t.workspaceId, t.docId, t.firstSeq),
  ],
);

/** Versions a person named: a seq of the log and the snapshot there. */
export const namedVersions = pgTable(
  'named_versions',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id').notNull(),
    docId: text('doc_id').notNull(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    name: text('name').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: bigint('created_at', { mode: 'number' }).notNull(),
    snapshot: bytea('snapshot').notNull(),
  },
  (t) => [index('named_versions_doc').on(t.workspaceId, t.docId, t.seq)],
);

/** Branches of annotation collections: source, base version and the latest merge back. */
export const branches = pgTable(
  'branches',
  {
    workspaceId: text('workspace_id').notNull(),
    docId: text('doc_id').notNull(),
    sourceId: text('source_id').notNull(),
    baseVersion: text('base_version').notNull(),
    baseSeq: bigint('base_seq', { mode: 'number' }).notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: bigint('created_at', { mode: 'number' }).notNull(),
    mergedSeq: bigint('merged_seq', { mode: 'number' }),
    mergedBy: text('merged_by'),
    mergedAt: bigint('merged_at', { mode: 'number' }),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.docId] }),
    index('branches_source').on(t.workspaceId, t.sourceId, t.createdAt),
  ],
);

/** How long a workspace keeps every history entry before folding them into daily points. */
export const historyRetention = pgTable('history_retention', {
  workspaceId: text('workspace_id').primaryKey(),
  foldAfterDays: integer('fold_after_days').notNull(),
});
