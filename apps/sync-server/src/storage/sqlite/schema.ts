import {
  blob,
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  uniqueIndex,
} from 'drizzle-orm/sqlite-core';

/**
 * One row per document. A document is identified by its workspace and id
 * together (migration 0003): the same id in two workspaces is two documents,
 * so no id can reveal that it is taken elsewhere. `pk` is the small key the
 * log and snapshots refer to.
 */
export const documents = sqliteTable(
  'documents',
  {
    pk: integer('pk').primaryKey({ autoIncrement: true }),
    tenantId: text('tenant_id').notNull(),
    workspaceId: text('workspace_id').notNull(),
    id: text('id').notNull(),
    createdAt: integer('created_at').notNull(),
    createdBy: text('created_by').notNull(),
  },
  (t) => [
    uniqueIndex('documents_workspace_id').on(t.workspaceId, t.id),
    index('documents_tenant_workspace').on(t.tenantId, t.workspaceId),
  ],
);

/**
 * The append-only update log, one b-tree keyed `(doc_pk, seq)`: migration 0003
 * creates it `WITHOUT ROWID` (drizzle-kit cannot say so), so the rows of a
 * document sit together in key order. An append dirties one leaf page and
 * touches no other table; a load is one range scan. `seq` counts per document
 * and is never reused because rows are never deleted.
 */
export const docUpdates = sqliteTable(
  'doc_updates',
  {
    docPk: integer('doc_pk')
      .notNull()
      .references(() => documents.pk),
    seq: integer('seq').notNull(),
    blob: blob('blob', { mode: 'buffer' }).notNull(),
    actor: text('actor').notNull(),
    client: text('client').notNull(),
    ts: integer('ts').notNull(),
  },
  (t) => [primaryKey({ columns: [t.docPk, t.seq] })],
);

/** Compacted document states; a snapshot at `seq` covers every update of its document with seq ≤ `seq`. */
export const docSnapshots = sqliteTable(
  'doc_snapshots',
  {
    docPk: integer('doc_pk')
      .notNull()
      .references(() => documents.pk),
    seq: integer('seq').notNull(),
    state: blob('state', { mode: 'buffer' }).notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('doc_snapshots_doc_seq').on(t.docPk, t.seq)],
);

/**
 * History checkpoints: one per document, the state of a `gc: false` Y.Doc
 * after every update with seq ≤ `seq` (deleted content kept), from which
 * history is read without replaying the whole log.
 */
export const docCheckpoints = sqliteTable('doc_checkpoints', {
  docPk: integer('doc_pk')
    .primaryKey()
    .references(() => documents.pk),
  seq: integer('seq').notNull(),
  state: blob('state', { mode: 'buffer' }).notNull(),
  createdAt: integer('created_at').notNull(),
});
