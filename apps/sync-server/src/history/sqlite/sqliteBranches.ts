import { and, desc, eq } from 'drizzle-orm';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import type { HistoryStore } from '../historyStore';
import { branches } from './schema';
import { branchOf } from '../historyRows';

type BranchMethods = Pick<HistoryStore, 'addBranch' | 'getBranch' | 'listBranches' | 'recordMerge'>;

/** The branch records of the SQLite history store. */
export function sqliteBranches(db: BetterSQLite3Database): BranchMethods {
  return {
    async addBranch(workspaceId, b) {
      db.insert(branches)
        .values({
          workspaceId,
          docId: b.docId,
          sourceId: b.sourceId,
          baseVersion: b.baseVersion,
          baseSeq: b.baseSeq,
          createdBy: b.createdBy,
          createdAt: b.createdAt,
          mergedSeq: b.merged?.seq ?? null,
          mergedBy: b.merged?.by ?? null,
          mergedAt: b.merged?.at ?? null,
        })
        .run();
    },
    async getBranch(key) {
      const row = db
        .select()
        .from(branches)
        .where(and(eq(branches.workspaceId, key.workspaceId), eq(branches.docId, key.docId)))
        .get();
      return row ? branchOf(row) : null;
    },
    async listBranches(source, limit) {
      return db
        .select()
        .from(branches)
        .where(
          and(eq(branches.workspaceId, source.workspaceId), eq(branches.sourceId, source.docId)),
        )
        .orderBy(desc(branches.createdAt), desc(branches.docId))
        .limit(limit)
        .all()
        .map(branchOf);
    },
    async recordMerge(key, m) {
      db.update(branches)
        .set({ mergedSeq: m.seq, mergedBy: m.by, mergedAt: m.at })
        .where(and(eq(branches.workspaceId, key.workspaceId), eq(branches.docId, key.docId)))
        .run();
    },
  };
}
