import { blob, index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * History entries of every document: consecutive updates of one person in one
 * session, with their summary (JSON) and the encoded Y.Snapshot after the
 * entry's last update, so any entry's version opens without replaying the log.
 */
export const historyEntries = sqliteTable(
  'history_entries',
  {
    workspaceId: text('workspace_id').notNull(),
    docId: text('doc_id').notNull(),
    firstSeq: integer('first_seq').notNull(),
    lastSeq: integer('last_seq').notNull(),
    actor: text('actor').notNull(),
    session: text('session').notNull(),
    kind: text('kind').notNull(),
    ref: text('ref'),
    startedAt: integer('started_at').notNull(),
    endedAt: integer('ended_at').notNull(),
    updates: integer('updates').notNull(),
    bytes: integer('bytes').notNull(),
    summary: text('summary').notNull(),
    snapshot: blob('snapshot', { mode: 'buffer' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.docId, t.firstSeq] }),
    index('history_entries_last').on(t.workspaceId, t.docId, t.lastSeq),
  ],
);

/** Which parts (annotation ids) each entry touched, for one annotation's history. */
export const historyParts = sqliteTable(
  'history_parts',
  {
    workspaceId: text('workspace_id').notNull(),
    docId: text('doc_id').notNull(),
    part: text('part').notNull(),
    firstSeq: integer('first_seq').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.docId, t.part, t.firstSeq] }),
    // The parts of a range of entries (a version's, a timeline's) without reading every part.
    index('history_parts_seq').on(t.workspaceId, t.docId, t.firstSeq),
  ],
);

/** Versions a person named: a seq of the log and the snapshot there. */
export const namedVersions = sqliteTable(
  'named_versions',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id').notNull(),
    docId: text('doc_id').notNull(),
    seq: integer('seq').notNull(),
    name: text('name').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: integer('created_at').notNull(),
    snapshot: blob('snapshot', { mode: 'buffer' }).notNull(),
  },
  (t) => [index('named_versions_doc').on(t.workspaceId, t.docId, t.seq)],
);

/** Branches of annotation collections: the document forked, its source and base version, the last merge. */
export const branches = sqliteTable(
  'branches',
  {
    workspaceId: text('workspace_id').notNull(),
    docId: text('doc_id').notNull(),
    sourceId: text('source_id').notNull(),
    baseVersion: text('base_version').notNull(),
    baseSeq: integer('base_seq').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: integer('created_at').notNull(),
    mergedSeq: integer('merged_seq'),
    mergedBy: text('merged_by'),
    mergedAt: integer('merged_at'),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.docId] }),
    index('branches_source').on(t.workspaceId, t.sourceId, t.createdAt),
  ],
);

/** How long a workspace keeps every history entry before folding them into daily points. */
export const historyRetention = sqliteTable('history_retention', {
  workspaceId: text('workspace_id').primaryKey(),
  foldAfterDays: integer('fold_after_days').notNull(),
});
