import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import type { IdentityStore } from '../identityStore';
import { sqliteAccountMethods } from './sqliteAccounts';
import { sqlitePasswordMethods } from './sqlitePasswords';
import { sqliteWorkspaceMethods } from './sqliteWorkspaces';

/**
 * The identity store on an embedded SQLite database whose schema is migrated
 * by the caller. Multi-step operations run in IMMEDIATE transactions.
 */
export function createSqliteIdentityStore(db: BetterSQLite3Database): IdentityStore {
  return {
    ...sqliteAccountMethods(db),
    ...sqliteWorkspaceMethods(db),
    ...sqlitePasswordMethods(db),
  };
}
