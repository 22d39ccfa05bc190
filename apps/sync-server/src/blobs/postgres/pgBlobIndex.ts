import { and, asc, eq, sql } from 'drizzle-orm';
import type { Postgres } from '../../postgres/connection';
import type { BlobIndex, BlobRef } from '../blobIndex';
import { blobRefs } from './schema';

/** The blob index in PostgreSQL (same rows and rules as the SQLite index). */
export function openPgBlobIndex(pg: Postgres): BlobIndex {
  const { db } = pg;
  const scope = (tenantId: string, workspaceId: string) =>
    and(eq(blobRefs.tenantId, tenantId), eq(blobRefs.workspaceId, workspaceId));

  return {
    async find(tenantId, workspaceId, sha256) {
      const rows = await db
        .select()
        .from(blobRefs)
        .where(and(scope(tenantId, workspaceId), eq(blobRefs.sha256, sha256)));
      return rows[0] ?? null;
    },
    async add(ref: BlobRef) {
      const added = await db
        .insert(blobRefs)
        .values(ref)
        .onConflictDoNothing()
        .returning({ sha256: blobRefs.sha256 });
      return added.length > 0;
    },
    async tenantUsage(tenantId) {
      const { rows } = await pg.pool.query<{ total: string | null }>(
        `select sum(size) as total from (select max(size) as size from blob_refs
          where tenant_id = $1 group by sha256) per_blob`,
        [tenantId],
      );
      return Number(rows[0]?.total ?? 0);
    },
    async tenantHas(tenantId, sha256) {
      const rows = await db
        .select({ one: sql`1` })
        .from(blobRefs)
        .where(and(eq(blobRefs.tenantId, tenantId), eq(blobRefs.sha256, sha256)))
        .limit(1);
      return rows.length > 0;
    },
    async listWorkspace(tenantId, workspaceId) {
      return db
        .select()
        .from(blobRefs)
        .where(scope(tenantId, workspaceId))
        .orderBy(asc(blobRefs.sha256));
    },
    async close() {},
  };
}
