import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { runDocStoreContract } from '../docStore.contract';
import { openSqliteDocStore } from './sqliteDocStore';

const root = mkdtempSync(join(tmpdir(), 'fieldbook-store-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
let current = '';

runDocStoreContract('sqlite', {
  async open() {
    current = join(root, `store-${n++}.db`);
    return openSqliteDocStore({ file: current });
  },
  async reopen() {
    return openSqliteDocStore({ file: current });
  },
});
