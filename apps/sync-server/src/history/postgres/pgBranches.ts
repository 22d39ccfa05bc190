import { and, desc, eq } from 'drizzle-orm';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import { branchOf } from '../historyRows';
import type { HistoryStore } from '../historyStore';
import { branches } from './schema';

type BranchMethods = Pick<HistoryStore, 'addBranch' | 'getBranch' | 'listBranches' | 'recordMerge'>;

/** The branch records of the PostgreSQL history store (a branch is stored once: its key is the primary key). */
export function pgBranches(db: NodePgDatabase): BranchMethods {
  const ofBranch = (key: { workspaceId: string; docId: string }) =>
    and(eq(branches.workspaceId, key.workspaceId), eq(branches.docId, key.docId));
  return {
    async addBranch(workspaceId, b) {
      await db.insert(branches).values({
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
      });
    },
    async getBranch(key) {
      const [row] = await db.select().from(branches).where(ofBranch(key));
      return row ? branchOf(row) : null;
    },
    async listBranches(source, limit) {
      const rows = await db
        .select()
        .from(branches)
        .where(
          and(eq(branches.workspaceId, source.workspaceId), eq(branches.sourceId, source.docId)),
        )
        .orderBy(desc(branches.createdAt), desc(branches.docId))
        .limit(limit);
      return rows.map(branchOf);
    },
    async recordMerge(key, m) {
      await db
        .update(branches)
        .set({ mergedSeq: m.seq, mergedBy: m.by, mergedAt: m.at })
        .where(ofBranch(key));
    },
  };
}
