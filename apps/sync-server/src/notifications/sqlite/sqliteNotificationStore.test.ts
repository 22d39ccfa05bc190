import { join } from 'node:path';
import { tempDir } from '../../testing/harness';
import { notificationStoreContract } from '../notificationStore.contract';
import { openSqliteNotificationStore } from './sqliteNotificationStore';

notificationStoreContract('sqlite', async () => {
  const dir = tempDir('fb-notifications-');
  return {
    store: openSqliteNotificationStore({ file: join(dir.dir, 'integrations.db') }),
    cleanup: dir.cleanup,
  };
});
