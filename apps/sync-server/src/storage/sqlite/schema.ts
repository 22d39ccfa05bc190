import { blob, index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** One row per document; tenant and workspace scope every lookup. */
export const documents = sqliteTable(
  'documents',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    workspaceId: text('workspace_id').notNull(),
    createdAt: integer('created_at').notNull(),
    createdBy: text('created_by').notNull(),
    /** Seq of the document's newest update: the head of its chain in doc_updates. */
    lastSeq: integer('last_seq').notNull().default(0),
  },
  (t) => [index('documents_tenant_workspace').on(t.tenantId, t.workspaceId)],
);

/**
 * The append-only update log. `seq` is the rowid: it grows across all documents
 * and is never reused because rows are never deleted. Each row points at the
 * previous update of its document (`prev_seq`, 0 for the first), so a
 * document's log is read by walking back from `documents.last_seq` without a
 * secondary index: an append then dirties only the table's tail page and the
 * document row, which keeps group commits small.
 */
export const docUpdates = sqliteTable('doc_updates', {
  seq: integer('seq').primaryKey(),
  docId: text('doc_id')
    .notNull()
    .references(() => documents.id),
  prevSeq: integer('prev_seq').notNull(),
  blob: blob('blob', { mode: 'buffer' }).notNull(),
  actor: text('actor').notNull(),
  client: text('client').notNull(),
  ts: integer('ts').notNull(),
});

/** Compacted document states; a snapshot at `seq` covers every update of its document with seq ≤ `seq`. */
export const docSnapshots = sqliteTable(
  'doc_snapshots',
  {
    docId: text('doc_id')
      .notNull()
      .references(() => documents.id),
    seq: integer('seq').notNull(),
    state: blob('state', { mode: 'buffer' }).notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('doc_snapshots_doc_seq').on(t.docId, t.seq)],
);
