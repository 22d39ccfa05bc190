import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInstrumentStoreContract } from '../instrumentStore.contract';
import { openSqliteInstrumentStore } from './sqliteInstrumentStore';

runInstrumentStoreContract('sqlite', {
  async open() {
    const dir = mkdtempSync(join(tmpdir(), 'fb-instruments-'));
    const store = openSqliteInstrumentStore({ file: join(dir, 'telemetry.db') });
    return {
      store,
      async close() {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
});
