import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import type { InstrumentStore } from '../instrumentStore';
import { sqliteCommandMethods } from './sqliteCommands';
import { sqliteRunMethods } from './sqliteRuns';

/** The drizzle-kit migrations of the command and run tables. */
export const INSTRUMENT_MIGRATIONS = join(
  dirname(fileURLToPath(import.meta.url)),
  '../../../drizzle/instruments',
);

/**
 * Opens the SQLite instrument store on `file` (the server passes telemetry.db,
 * beside the instrument registry): its own connection, WAL, migrated at open.
 */
export function openSqliteInstrumentStore(options: {
  file: string;
  durability?: 'normal' | 'power';
}): InstrumentStore {
  mkdirSync(dirname(options.file), { recursive: true });
  const client = new Database(options.file);
  client.pragma('journal_mode = WAL');
  client.pragma(`synchronous = ${options.durability === 'power' ? 'FULL' : 'NORMAL'}`);
  client.pragma('busy_timeout = 5000');
  const db = drizzle({ client });
  migrate(db, { migrationsFolder: INSTRUMENT_MIGRATIONS });
  return {
    ...sqliteCommandMethods(client),
    ...sqliteRunMethods(db),
    async close() {
      if (client.open) client.close();
    },
  };
}
