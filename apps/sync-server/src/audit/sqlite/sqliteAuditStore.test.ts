import { runAuditStoreContract } from '../auditStore.contract';
import { openTestDatabase } from '../../identity/sqlite/testDatabase';
import { createSqliteAuditStore } from './sqliteAuditStore';

runAuditStoreContract('sqlite', {
  async open() {
    const { db, client } = await openTestDatabase();
    return {
      store: createSqliteAuditStore(db),
      async exec(sql: string) {
        client.exec(sql);
      },
      async close() {
        client.close();
      },
    };
  },
});
