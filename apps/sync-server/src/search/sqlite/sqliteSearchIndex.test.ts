import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { runSearchIndexMatchingContract } from '../searchIndexMatching.contract';
import { runSearchIndexResultsContract } from '../searchIndexResults.contract';
import { runSearchIndexUpdatesContract } from '../searchIndexUpdates.contract';
import { runSearchIndexScaleContract } from '../searchIndexScale.contract';
import { SEARCH_INDEX_VERSION } from './schema';
import { openSqliteSearchIndex } from './sqliteSearchIndex';

const root = mkdtempSync(join(tmpdir(), 'fieldbook-search-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;

const factory = {
  open: async () => openSqliteSearchIndex({ file: join(root, `index-${n++}.db`) }),
};
runSearchIndexMatchingContract('sqlite fts5', factory);
runSearchIndexResultsContract('sqlite fts5', factory);
runSearchIndexUpdatesContract('sqlite fts5', factory);
runSearchIndexScaleContract('sqlite fts5', factory);

describe('sqlite search index file', () => {
  it('is fresh when new or of another version, and kept otherwise', async () => {
    const file = join(root, 'versioned.db');
    const first = openSqliteSearchIndex({ file });
    expect(first.fresh).toBe(true);
    await first.markBuilt(
      { tenantId: 't', workspaceId: 'w' },
      { version: SEARCH_INDEX_VERSION, builtAt: 1 },
    );
    await first.close();
    const again = openSqliteSearchIndex({ file });
    expect(again.fresh).toBe(false);
    expect(await again.workspaceStamp('w')).not.toBeNull();
    await again.close();
    const raw = new Database(file);
    raw.prepare("update search_meta set value = '0' where key = 'version'").run();
    raw.close();
    const older = openSqliteSearchIndex({ file });
    expect(older.fresh).toBe(true);
    expect(await older.workspaceStamp('w')).toBeNull();
    await older.close();
  });
});
