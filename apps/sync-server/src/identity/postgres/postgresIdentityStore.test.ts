import { afterAll } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../postgres/testing';
import { runIdentityAccountsContract } from '../identityAccounts.contract';
import { runIdentityCredentialsContract } from '../identityCredentials.contract';
import { runIdentityInvitationsContract } from '../identityInvitations.contract';
import { runIdentityWorkspacesContract } from '../identityWorkspaces.contract';
import { runPasswordStoreContract } from '../passwordStore.contract';
import type { IdentityStoreFactory } from '../testing/identityContractKit';
import { openPostgresIdentityStore } from './postgresIdentityStore';

const databases: TestDatabase[] = [];
afterAll(() => Promise.all(databases.map((d) => d.drop())));

/** A fresh database per store, as the SQLite suite gets a fresh file: pruning counts every row. */
const postgres: IdentityStoreFactory = {
  async open() {
    const database = await createTestDatabase();
    databases.push(database);
    const store = await openPostgresIdentityStore(await database.open());
    return { store, async close() {} };
  },
};

runIdentityAccountsContract('postgres', postgres);
runIdentityWorkspacesContract('postgres', postgres);
runIdentityInvitationsContract('postgres', postgres);
runIdentityCredentialsContract('postgres', postgres);
runPasswordStoreContract('postgres', postgres);
