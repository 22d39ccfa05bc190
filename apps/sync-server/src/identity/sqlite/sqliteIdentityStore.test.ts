import type { IdentityStoreFactory } from '../identityStore.contract';
import { runIdentityStoreContract } from '../identityStore.contract';
import { runPasswordStoreContract } from '../passwordStore.contract';
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

runIdentityStoreContract('sqlite', sqlite);
runPasswordStoreContract('sqlite', sqlite);
