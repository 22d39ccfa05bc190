import type { Branch } from './historyStore';

/** A branch as both history stores keep it: the merge as three nullable columns. */
export interface BranchRow {
  docId: string;
  sourceId: string;
  baseVersion: string;
  baseSeq: number;
  createdBy: string;
  createdAt: number;
  mergedSeq: number | null;
  mergedBy: string | null;
  mergedAt: number | null;
}

/** The branch of a stored row (its merge only when all three merge columns are set). */
export function branchOf(row: BranchRow): Branch {
  const { mergedSeq, mergedBy, mergedAt } = row;
  return {
    docId: row.docId,
    sourceId: row.sourceId,
    baseVersion: row.baseVersion,
    baseSeq: row.baseSeq,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
    merged:
      mergedSeq !== null && mergedBy !== null && mergedAt !== null
        ? { seq: mergedSeq, by: mergedBy, at: mergedAt }
        : null,
  };
}
