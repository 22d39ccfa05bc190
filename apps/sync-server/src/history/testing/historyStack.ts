import { join } from 'node:path';
import { createLogger } from '../../log';
import { createMetrics } from '../../metrics';
import { openSqliteDocStore } from '../../storage/sqlite/sqliteDocStore';
import { devAuthHooks } from '../../sync/auth';
import { createSyncService } from '../../sync/syncService';
import { HistoryService } from '../historyService';
import { openSqliteHistoryStore } from '../sqlite/sqliteHistoryStore';

/** A server's document store, sync service and history on SQLite files in `dir` (a restart opens them again). */
export function openHistoryStack(dir: string) {
  const store = openSqliteDocStore({ file: join(dir, 'docs.db'), durability: 'normal' });
  const history = openSqliteHistoryStore(join(dir, 'history.db'));
  const sync = createSyncService({
    store,
    hooks: devAuthHooks,
    metrics: createMetrics(),
    log: createLogger('silent'),
    maxMessageBytes: 1024 * 1024,
    keepAliveMs: 60_000,
    idleUnloadMs: 60_000,
    compactMaxUpdates: 10_000,
    compactMaxBytes: 64 * 1024 * 1024,
  });
  const service = new HistoryService({ store, history, change: sync.change });
  return {
    store,
    sync,
    service,
    async close() {
      await sync.close();
      await store.close();
      await history.close();
    },
  };
}
