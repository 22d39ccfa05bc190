import type { ChangeSummary, EntryKind } from '@fieldbook/shared';
import type { Branch, NamedVersion, StoredEntry } from './historyStore';

/** Bytes of a blob column (a Buffer from either driver) without a copy. */
const toBytes = (b: Uint8Array): Uint8Array => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);

/** A history entry as both stores keep it, the summary already parsed. */
export interface EntryRow {
  firstSeq: number;
  lastSeq: number;
  actor: string;
  session: string;
  kind: string;
  ref: string | null;
  startedAt: number;
  endedAt: number;
  updates: number;
  bytes: number;
  summary: ChangeSummary;
  snapshot: Uint8Array;
}

/** The entry of a stored row (parts are an index for `listEntries`, not read back). */
export function entryOf(r: EntryRow): StoredEntry {
  return {
    firstSeq: r.firstSeq,
    lastSeq: r.lastSeq,
    actor: r.actor,
    session: r.session,
    kind: r.kind as EntryKind,
    ref: r.ref,
    startedAt: r.startedAt,
    endedAt: r.endedAt,
    updates: r.updates,
    bytes: r.bytes,
    summary: r.summary,
    snapshot: toBytes(r.snapshot),
    parts: [],
  };
}

/** A named version of a stored row. */
export function versionOf(
  row: Omit<NamedVersion, 'snapshot'> & { snapshot: Uint8Array },
): NamedVersion {
  return {
    id: row.id,
    seq: row.seq,
    name: row.name,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
    snapshot: toBytes(row.snapshot),
  };
}

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
