import { blob, index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

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

/**
 * The append-only update log, one b-tree keyed `(doc_id, seq)`: migration 0002
 * creates it `WITHOUT ROWID` (drizzle-kit cannot say so), so the rows of a
 * document sit together in key order. An append dirties one leaf page and
 * touches no other table; a load is one range scan. `seq` counts per document
 * and is never reused because rows are never deleted.
 */
export const docUpdates = sqliteTable(
  'doc_updates',
  {
    docId: text('doc_id')
      .notNull()
      .references(() => documents.id),
    seq: integer('seq').notNull(),
    blob: blob('blob', { mode: 'buffer' }).notNull(),
    actor: text('actor').notNull(),
    client: text('client').notNull(),
    ts: integer('ts').notNull(),
  },
  (t) => [primaryKey({ columns: [t.docId, t.seq] })],
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
