import { runIdentityStoreContract } from '../identityStore.contract';
import { createSqliteIdentityStore } from './sqliteIdentityStore';
import { openTestDatabase } from './testDatabase';

runIdentityStoreContract('sqlite', {
  async open() {
    const { db, client } = await openTestDatabase();
    return {
      store: createSqliteIdentityStore(db),
      async close() {
        client.close();
      },
    };
  },
});
