import { join } from 'node:path';
import { tempDir } from '../../testing/harness';
import { alertStoreContract } from '../alertStore.contract';
import { openSqliteAlertStore } from './sqliteAlertStore';

alertStoreContract('sqlite', async () => {
  const dir = tempDir('fb-alerts-');
  return {
    store: openSqliteAlertStore({ file: join(dir.dir, 'integrations.db') }),
    cleanup: dir.cleanup,
  };
});
