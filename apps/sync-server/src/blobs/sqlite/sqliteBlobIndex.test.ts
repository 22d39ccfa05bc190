import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { blobIndexContract } from '../blobIndex.contract';
import { openSqliteBlobIndex } from './sqliteBlobIndex';

blobIndexContract('SQLite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'fb-blob-index-'));
  return {
    index: openSqliteBlobIndex(join(dir, 'index.db')),
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
});
