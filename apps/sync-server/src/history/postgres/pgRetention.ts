import { and, eq, gte, lte } from 'drizzle-orm';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import type { DocKey } from '../../storage/docStore';
import type { HistoryStore, StoredEntry } from '../historyStore';
import { historyEntries, historyParts, historyRetention } from './schema';

type RetentionMethods = Pick<HistoryStore, 'getRetention' | 'setRetention' | 'foldEntries'>;
/** A drizzle handle or one of its transactions. */
type Executor = Pick<NodePgDatabase, 'insert' | 'delete'>;

/**
 * The retention setting and the folding of entries of the PostgreSQL history
 * store; a fold replaces its entries and their parts in one transaction.
 */
export function pgRetention(
  db: NodePgDatabase,
  putIn: (tx: Executor, key: DocKey, entries: readonly StoredEntry[]) => Promise<void>,
): RetentionMethods {
  return {
    async getRetention(workspaceId) {
      const [row] = await db
        .select()
        .from(historyRetention)
        .where(eq(historyRetention.workspaceId, workspaceId));
      return row?.foldAfterDays ?? null;
    },
    async setRetention(workspaceId, days) {
      if (days === null) {
        await db.delete(historyRetention).where(eq(historyRetention.workspaceId, workspaceId));
        return;
      }
      await db
        .insert(historyRetention)
        .values({ workspaceId, foldAfterDays: days })
        .onConflictDoUpdate({ target: historyRetention.workspaceId, set: { foldAfterDays: days } });
    },
    async foldEntries(key, folded) {
      await db.transaction(async (tx) => {
        const inRange = (t: typeof historyEntries | typeof historyParts) =>
          and(
            eq(t.workspaceId, key.workspaceId),
            eq(t.docId, key.docId),
            gte(t.firstSeq, folded.firstSeq),
            lte(t.firstSeq, folded.lastSeq),
          );
        await tx.delete(historyParts).where(inRange(historyParts));
        await tx.delete(historyEntries).where(inRange(historyEntries));
        await putIn(tx, key, [folded]);
      });
    },
  };
}
