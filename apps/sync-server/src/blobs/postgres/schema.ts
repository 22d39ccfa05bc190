import { bigint, index, integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { bytea } from '../../postgres/columnTypes';

/**
 * Attachments in PostgreSQL, for several nodes that share no disk. A blob's
 * bytes are rows of `blob_chunks` (bytea, up to 1 MiB each) under an upload
 * id; `blob_contents` maps the sha256 to that upload once it is complete, so
 * a blob is readable only after its write committed.
 */
export const blobContents = pgTable('blob_contents', {
  sha256: text('sha256').primaryKey(),
  uploadId: text('upload_id').notNull().unique(),
  size: bigint('size', { mode: 'number' }).notNull(),
});

/** The bytes of one upload, in order of `seq`. */
export const blobChunks = pgTable(
  'blob_chunks',
  {
    uploadId: text('upload_id').notNull(),
    seq: integer('seq').notNull(),
    data: bytea('data').notNull(),
  },
  (t) => [primaryKey({ columns: [t.uploadId, t.seq] })],
);

/** Which workspace may read which blob (as the SQLite index's table). */
export const blobRefs = pgTable(
  'blob_refs',
  {
    workspaceId: text('workspace_id').notNull(),
    sha256: text('sha256').notNull(),
    tenantId: text('tenant_id').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    mimeType: text('mime_type').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: bigint('created_at', { mode: 'number' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.sha256] }),
    index('blob_refs_tenant').on(t.tenantId, t.sha256),
  ],
);
