import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { describeLocalDocStoreContract } from '../../common/localStore/localDocStore.contract';
import { SqliteLocalDocStore } from './sqliteLocalDocStore';

const dir = mkdtempSync(join(tmpdir(), 'fieldbook-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

describeLocalDocStoreContract('SQLite (better-sqlite3, real files)', async (compaction) => {
  const path = join(dir, `profile-${n++}.sqlite`);
  const store = SqliteLocalDocStore.open(path, compaction ? { compaction } : {});
  return {
    store,
    reopen: async () => {
      await store.close();
      return SqliteLocalDocStore.open(path);
    },
  };
});
