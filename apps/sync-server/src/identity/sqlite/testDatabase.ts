import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { MIGRATIONS } from './openSqliteIdentity';

/** Opens a SQLite database file (or `:memory:`) migrated like the server's, for tests. */
export async function openTestDatabase(
  file = ':memory:',
): Promise<{ db: BetterSQLite3Database; client: Database.Database }> {
  const client = new Database(file);
  client.pragma('journal_mode = WAL');
  const db = drizzle({ client });
  migrate(db, { migrationsFolder: MIGRATIONS });
  return { db, client };
}
