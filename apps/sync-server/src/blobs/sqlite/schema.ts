import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * Which workspace may read which blob: one row per (workspace, sha256), with
 * the tenant, the sniffed type, the size and who uploaded it first. A blob is
 * reachable from a workspace only through its row here.
 */
export const blobRefs = sqliteTable(
  'blob_refs',
  {
    workspaceId: text('workspace_id').notNull(),
    sha256: text('sha256').notNull(),
    tenantId: text('tenant_id').notNull(),
    size: integer('size').notNull(),
    mimeType: text('mime_type').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.sha256] }),
    index('blob_refs_tenant').on(t.tenantId, t.sha256),
  ],
);
