import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';

/** The drizzle-kit migrations of integrations.db (webhooks, notifications, alert rules). */
export const INTEGRATION_MIGRATIONS = join(
  dirname(fileURLToPath(import.meta.url)),
  '../../../drizzle/integrations',
);

/**
 * Opens (and migrates) integrations.db: WAL, `normal` durability survives a
 * killed process, `power` survives power loss. Each store of the file gets
 * its own connection from here.
 */
export function openIntegrationsDb(options: {
  file: string;
  durability?: 'normal' | 'power';
}): Database.Database {
  mkdirSync(dirname(options.file), { recursive: true });
  const client = new Database(options.file);
  client.pragma('journal_mode = WAL');
  client.pragma(`synchronous = ${options.durability === 'power' ? 'FULL' : 'NORMAL'}`);
  client.pragma('busy_timeout = 5000');
  migrate(drizzle({ client }), { migrationsFolder: INTEGRATION_MIGRATIONS });
  return client;
}
