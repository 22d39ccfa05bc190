import {
  bigint,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { bytea } from '../../postgres/bytea';

/**
 * One row per document, identified by workspace and id together (as on
 * SQLite). `last_seq` is the document's sequence counter: an append takes
 * this row's lock by bumping it, so appends to one document from any number
 * of nodes are serialised by the database and never collide or reorder.
 */
export const documents = pgTable(
  'documents',
  {
    pk: integer('pk').primaryKey().generatedAlwaysAsIdentity(),
    tenantId: text('tenant_id').notNull(),
    workspaceId: text('workspace_id').notNull(),
    id: text('id').notNull(),
    createdAt: bigint('created_at', { mode: 'number' }).notNull(),
    createdBy: text('created_by').notNull(),
    lastSeq: bigint('last_seq', { mode: 'number' }).notNull().default(0),
  },
  (t) => [
    uniqueIndex('documents_workspace_id').on(t.workspaceId, t.id),
    index('documents_tenant_workspace').on(t.tenantId, t.workspaceId),
  ],
);

/** The append-only update log; the primary key is the unique (document, seq). */
export const docUpdates = pgTable(
  'doc_updates',
  {
    docPk: integer('doc_pk')
      .notNull()
      .references(() => documents.pk),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    blob: bytea('blob').notNull(),
    actor: text('actor').notNull(),
    client: text('client').notNull(),
    ts: bigint('ts', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.docPk, t.seq] })],
);

/**
 * The latest compacted state of each document, covering every update with
 * seq ≤ `seq`. One row per document, replaced by an upsert that keeps the
 * newer seq, so snapshots written by two nodes at once cannot go backwards.
 */
export const docSnapshots = pgTable('doc_snapshots', {
  docPk: integer('doc_pk')
    .primaryKey()
    .references(() => documents.pk),
  seq: bigint('seq', { mode: 'number' }).notNull(),
  state: bytea('state').notNull(),
  createdAt: bigint('created_at', { mode: 'number' }).notNull(),
});

/** History checkpoints, one per document (the state of a `gc: false` Y.Doc at `seq`). */
export const docCheckpoints = pgTable('doc_checkpoints', {
  docPk: integer('doc_pk')
    .primaryKey()
    .references(() => documents.pk),
  seq: bigint('seq', { mode: 'number' }).notNull(),
  state: bytea('state').notNull(),
  createdAt: bigint('created_at', { mode: 'number' }).notNull(),
});
