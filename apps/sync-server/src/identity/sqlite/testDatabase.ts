import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { generateSQLiteDrizzleJson, generateSQLiteMigration } from 'drizzle-kit/api';
import * as auditSchema from '../../audit/sqlite/schema';
import * as identitySchema from './schema';

let statements: Promise<string[]> | undefined;

/** The DDL of the identity and audit tables, computed once by drizzle-kit from the schema files. */
function schemaStatements(): Promise<string[]> {
  statements ??= (async () => {
    const empty = await generateSQLiteDrizzleJson({});
    const full = await generateSQLiteDrizzleJson({ ...identitySchema, ...auditSchema });
    return generateSQLiteMigration(empty, full);
  })();
  return statements;
}

/** Opens a SQLite database file (or `:memory:`) with the identity and audit tables, for tests. */
export async function openTestDatabase(
  file = ':memory:',
): Promise<{ db: BetterSQLite3Database; client: Database.Database }> {
  const client = new Database(file);
  client.pragma('journal_mode = WAL');
  client.pragma('foreign_keys = ON');
  for (const statement of await schemaStatements()) client.exec(statement);
  return { db: drizzle({ client }), client };
}
