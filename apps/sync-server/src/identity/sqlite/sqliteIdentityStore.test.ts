import { runIdentityAccountsContract } from '../identityAccounts.contract';
import { runIdentityCredentialsContract } from '../identityCredentials.contract';
import { runIdentityInvitationsContract } from '../identityInvitations.contract';
import { runIdentityWorkspacesContract } from '../identityWorkspaces.contract';
import { runPasswordStoreContract } from '../passwordStore.contract';
import type { IdentityStoreFactory } from '../testing/identityContractKit';
import { createSqliteIdentityStore } from './sqliteIdentityStore';
import { openTestDatabase } from './testDatabase';

const sqlite: IdentityStoreFactory = {
  async open() {
    const { db, client } = await openTestDatabase();
    return {
      store: createSqliteIdentityStore(db),
      async close() {
        client.close();
      },
    };
  },
};

runIdentityAccountsContract('sqlite', sqlite);
runIdentityWorkspacesContract('sqlite', sqlite);
runIdentityInvitationsContract('sqlite', sqlite);
runIdentityCredentialsContract('sqlite', sqlite);
runPasswordStoreContract('sqlite', sqlite);
