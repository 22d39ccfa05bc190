import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { createSqliteAuditStore } from '../../audit/sqlite/sqliteAuditStore';
import type { AuditStore } from '../../audit/auditStore';
import type { IdentityStore } from '../identityStore';
import { createSqliteIdentityStore } from './sqliteIdentityStore';

/** The server's drizzle-kit migrations (shared with the document store). */
export const MIGRATIONS = join(dirname(fileURLToPath(import.meta.url)), '../../../drizzle/sqlite');

/**
 * Opens the identity and audit stores on the server's SQLite database file
 * (its own connection, WAL, migrated at open), next to the document store.
 */
export function openSqliteIdentity(options: { file: string; durability?: 'normal' | 'power' }): {
  store: IdentityStore;
  auditStore: AuditStore;
  close(): void;
} {
  mkdirSync(dirname(options.file), { recursive: true });
  const client = new Database(options.file);
  client.pragma('journal_mode = WAL');
  client.pragma(`synchronous = ${options.durability === 'power' ? 'FULL' : 'NORMAL'}`);
  client.pragma('busy_timeout = 5000');
  const db = drizzle({ client });
  migrate(db, { migrationsFolder: MIGRATIONS });
  return {
    store: createSqliteIdentityStore(db),
    auditStore: createSqliteAuditStore(db),
    close: () => client.close(),
  };
}
