/**
 * drizzle-kit migrations for the PostgreSQL stores, one folder and one
 * migrations table per store family (drizzle/pg/<family>), so each family
 * migrates on its own like its SQLite twin's database file does.
 */
import { fileURLToPath } from 'node:url';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import type { Postgres } from './connection';

/** Applies the pending migrations of `family` (its folder under drizzle/pg). */
export async function migratePostgres(pg: Postgres, family: string): Promise<void> {
  const folder = fileURLToPath(new URL(`../../drizzle/pg/${family}`, import.meta.url));
  await migrate(pg.db, {
    migrationsFolder: folder,
    migrationsTable: `__drizzle_migrations_${family}`,
    migrationsSchema: 'public',
  });
}
