import { join } from 'node:path';
import { tempDir } from '../../testing/harness';
import { webhookStoreContract } from '../webhookStore.contract';
import { openSqliteWebhookStore } from './sqliteWebhookStore';

webhookStoreContract('sqlite', async () => {
  const dir = tempDir('fb-webhooks-');
  const file = join(dir.dir, 'integrations.db');
  return {
    store: openSqliteWebhookStore({ file }),
    reopen: async () => openSqliteWebhookStore({ file }),
    cleanup: dir.cleanup,
  };
});
