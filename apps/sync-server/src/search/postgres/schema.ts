import {
  bigint,
  bigserial,
  boolean,
  doublePrecision,
  index,
  integer,
  pgTable,
  text,
  unique,
} from 'drizzle-orm/pg-core';
import { tsvector } from '../../postgres/columnTypes';

/**
 * The search index in PostgreSQL, the twin of sqlite/schema.ts: one row per
 * note, annotation or comment with its filter fields, its text, and a
 * weighted tsvector of its folded words (title A, tags B, channels C, body D)
 * under a GIN index. The vector is built by the server from the same
 * tokenizer as the query (see pgWords.ts), so folding never depends on the
 * database's text search configuration or extensions.
 */
export const searchWorkspaces = pgTable('search_workspaces', {
  workspaceId: text('workspace_id').primaryKey(),
  tenantId: text('tenant_id').notNull(),
  version: integer('version').notNull(),
  builtAt: bigint('built_at', { mode: 'number' }).notNull(),
});

export const searchDocs = pgTable(
  'search_docs',
  {
    docPk: bigserial('doc_pk', { mode: 'number' }).primaryKey(),
    tenantId: text('tenant_id').notNull(),
    workspaceId: text('workspace_id').notNull(),
    docId: text('doc_id').notNull(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    trashed: boolean('trashed').notNull().default(false),
  },
  (t) => [
    unique('search_docs_doc').on(t.workspaceId, t.docId),
    index('search_docs_trashed').on(t.workspaceId, t.trashed),
  ],
);

export const searchRows = pgTable(
  'search_rows',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    docPk: bigint('doc_pk', { mode: 'number' }).notNull(),
    workspaceId: text('workspace_id').notNull(),
    kind: text('kind').notNull(),
    annotationId: text('annotation_id'),
    commentId: text('comment_id'),
    author: text('author').notNull(),
    status: text('status'),
    tags: text('tags').array().notNull(),
    channels: text('channels').array().notNull(),
    tFrom: doublePrecision('t_from'),
    tTo: doublePrecision('t_to'),
    updatedAt: bigint('updated_at', { mode: 'number' }).notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    words: tsvector('words').notNull(),
  },
  (t) => [
    index('search_rows_doc').on(t.docPk, t.annotationId),
    index('search_rows_recent').on(t.workspaceId, t.updatedAt),
    index('search_rows_words').using('gin', t.words),
  ],
);
