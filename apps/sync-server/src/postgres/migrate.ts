/**
 * drizzle-kit migrations for the PostgreSQL stores, one folder and one
 * migrations table per store family (drizzle/pg/<family>), so each family
 * migrates on its own like its SQLite twin's database file does.
 */
import { fileURLToPath } from 'node:url';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import type { Postgres } from './connection';

/** The advisory lock key every node takes while migrating (an arbitrary constant). */
const MIGRATION_LOCK = 7_204_183_311;

/**
 * Applies the pending migrations of `family` (its folder under drizzle/pg).
 * Nodes starting together take turns on a session advisory lock, so a second
 * node finds the tables made and applies nothing twice.
 */
export async function migratePostgres(pg: Postgres, family: string): Promise<void> {
  const folder = fileURLToPath(new URL(`../../drizzle/pg/${family}`, import.meta.url));
  const client = await pg.pool.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      await migrate(drizzle({ client }), {
        migrationsFolder: folder,
        migrationsTable: `__drizzle_migrations_${family}`,
        migrationsSchema: 'public',
      });
    } finally {
      await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } finally {
    client.release();
  }
}
