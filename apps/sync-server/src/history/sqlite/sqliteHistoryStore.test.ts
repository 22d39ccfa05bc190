import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runHistoryStoreContract } from '../historyStore.contract';
import { openSqliteHistoryStore } from './sqliteHistoryStore';

let file = '';
runHistoryStoreContract('SQLite', {
  async open() {
    file = join(mkdtempSync(join(tmpdir(), 'fb-history-')), 'history.db');
    return openSqliteHistoryStore(file);
  },
  async reopen() {
    return openSqliteHistoryStore(file);
  },
});
