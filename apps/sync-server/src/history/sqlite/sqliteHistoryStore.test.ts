import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
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

describe('SQLite history store indexes', () => {
  it('reads the parts of a range of entries through history_parts_seq, not every part', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fb-history-plan-'));
    const store = openSqliteHistoryStore(join(dir, 'history.db'));
    await store.close();
    const db = new Database(join(dir, 'history.db'), { readonly: true });
    const plan = db
      .prepare(
        `EXPLAIN QUERY PLAN SELECT part FROM history_parts
         WHERE workspace_id = ? AND doc_id = ? AND first_seq >= ? AND first_seq <= ?`,
      )
      .all('w', 'd', 1, 10) as { detail: string }[];
    db.close();
    expect(plan.map((row) => row.detail).join('\n')).toMatch(
      /USING (COVERING )?INDEX history_parts_seq/,
    );
  });
});
