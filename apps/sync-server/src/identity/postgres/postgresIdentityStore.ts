import type { Postgres } from '../../postgres/connection';
import { migratePostgres } from '../../postgres/migrate';
import type { IdentityStore } from '../identityStore';
import { postgresAccountMethods } from './postgresAccounts';
import { postgresPasswordMethods } from './postgresPasswords';
import { postgresWorkspaceMethods } from './postgresWorkspaces';

/** The identity store on PostgreSQL whose `identity` schema is migrated by the caller. */
export function createPostgresIdentityStore(pg: Postgres): IdentityStore {
  return {
    ...postgresAccountMethods(pg.db),
    ...postgresWorkspaceMethods(pg.db),
    ...postgresPasswordMethods(pg.db),
  };
}

/** Applies the `identity` migrations (drizzle/pg/identity) and opens the store on `pg`. */
export async function openPostgresIdentityStore(pg: Postgres): Promise<IdentityStore> {
  await migratePostgres(pg, 'identity');
  return createPostgresIdentityStore(pg);
}
