import type Database from 'better-sqlite3';
import { and, eq, gte, lte } from 'drizzle-orm';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import type { HistoryStore, StoredEntry } from '../historyStore';
import type { DocKey } from '../../storage/docStore';
import { historyEntries, historyParts, historyRetention } from './schema';

type RetentionMethods = Pick<HistoryStore, 'getRetention' | 'setRetention' | 'foldEntries'>;

/** The retention setting and the folding of entries of the SQLite history store. */
export function sqliteRetention(
  client: Database.Database,
  db: BetterSQLite3Database,
  put: (key: DocKey, entries: readonly StoredEntry[]) => void,
): RetentionMethods {
  const fold = client.transaction((key: DocKey, folded: StoredEntry) => {
    const inRange = (t: typeof historyEntries | typeof historyParts) =>
      and(
        eq(t.workspaceId, key.workspaceId),
        eq(t.docId, key.docId),
        gte(t.firstSeq, folded.firstSeq),
        lte(t.firstSeq, folded.lastSeq),
      );
    db.delete(historyParts).where(inRange(historyParts)).run();
    db.delete(historyEntries).where(inRange(historyEntries)).run();
    put(key, [folded]);
  });
  return {
    async getRetention(workspaceId) {
      const row = db
        .select()
        .from(historyRetention)
        .where(eq(historyRetention.workspaceId, workspaceId))
        .get();
      return row?.foldAfterDays ?? null;
    },
    async setRetention(workspaceId, days) {
      if (days === null) {
        db.delete(historyRetention).where(eq(historyRetention.workspaceId, workspaceId)).run();
        return;
      }
      db.insert(historyRetention)
        .values({ workspaceId, foldAfterDays: days })
        .onConflictDoUpdate({ target: historyRetention.workspaceId, set: { foldAfterDays: days } })
        .run();
    },
    async foldEntries(key, folded) {
      fold(key, folded);
    },
  };
}
