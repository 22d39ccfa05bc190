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
  },
  (t) => [index('documents_tenant_workspace').on(t.tenantId, t.workspaceId)],
);

/** The append-only update log. `seq` is global, so it grows within every document and is never reused. */
export const docUpdates = sqliteTable(
  'doc_updates',
  {
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    docId: text('doc_id')
      .notNull()
      .references(() => documents.id),
    blob: blob('blob', { mode: 'buffer' }).notNull(),
    actor: text('actor').notNull(),
    client: text('client').notNull(),
    ts: integer('ts').notNull(),
  },
  (t) => [index('doc_updates_doc_seq').on(t.docId, t.seq)],
);

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
