import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { and, asc, eq, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import type { BlobIndex, BlobRef } from '../blobIndex';
import { blobRefs } from './schema';

const MIGRATIONS = join(dirname(fileURLToPath(import.meta.url)), '../../../drizzle/blobs');

/** The blob index in its own SQLite file (WAL, drizzle migrations from drizzle/blobs). */
export function openSqliteBlobIndex(
  file: string,
  durability: 'normal' | 'power' = 'normal',
): BlobIndex {
  mkdirSync(dirname(file), { recursive: true });
  const client = new Database(file);
  client.pragma('journal_mode = WAL');
  client.pragma(`synchronous = ${durability === 'power' ? 'FULL' : 'NORMAL'}`);
  client.pragma('busy_timeout = 5000');
  const db = drizzle({ client });
  migrate(db, { migrationsFolder: MIGRATIONS });
  const scope = (tenantId: string, workspaceId: string) =>
    and(eq(blobRefs.tenantId, tenantId), eq(blobRefs.workspaceId, workspaceId));

  return {
    async find(tenantId, workspaceId, sha256) {
      return (
        db
          .select()
          .from(blobRefs)
          .where(and(scope(tenantId, workspaceId), eq(blobRefs.sha256, sha256)))
          .get() ?? null
      );
    },
    async add(ref: BlobRef) {
      const r = db.insert(blobRefs).values(ref).onConflictDoNothing().run();
      return r.changes > 0;
    },
    async tenantUsage(tenantId) {
      const row = db.get<{ total: number | null }>(
        sql`select sum(size) as total from (select max(${blobRefs.size}) as size from ${blobRefs} where ${blobRefs.tenantId} = ${tenantId} group by ${blobRefs.sha256})`,
      );
      return row?.total ?? 0;
    },
    async tenantHas(tenantId, sha256) {
      return (
        db
          .select({ one: sql`1` })
          .from(blobRefs)
          .where(and(eq(blobRefs.tenantId, tenantId), eq(blobRefs.sha256, sha256)))
          .limit(1)
          .get() !== undefined
      );
    },
    async listWorkspace(tenantId, workspaceId) {
      return db
        .select()
        .from(blobRefs)
        .where(scope(tenantId, workspaceId))
        .orderBy(asc(blobRefs.sha256))
        .all();
    },
    async close() {
      client.close();
    },
  };
}
