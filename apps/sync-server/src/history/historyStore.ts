import type { GroupedEntry } from '@fieldbook/crdt-model';
import type { DocKey } from '../storage/docStore';

/**
 * The history index of the sync server: entries grouped from each document's
 * update log (with the snapshot after each), the parts each entry touched, and
 * named versions. Derived from the log except named versions; the embedded
 * SQLite store implements it, and any other must pass `historyStore.contract.ts`.
 */

/**
 * One stored history entry (see HistoryEntrySchema): an entry as crdt-model's
 * grouping rule builds it, with the encoded Y.Snapshot after it and the parts
 * it touched (written; read back empty).
 */
export type StoredEntry = GroupedEntry;

/** A version a person named. */
export interface NamedVersion {
  id: string;
  seq: number;
  name: string;
  createdBy: string;
  createdAt: number;
  snapshot: Uint8Array;
}

/** A branch of an annotation collection: a document forked from `sourceId` at a version. */
export interface Branch {
  /** The branch document (in the same workspace as its source). */
  docId: string;
  sourceId: string;
  /** The source's version the branch started from (a named version's id or a seq). */
  baseVersion: string;
  /** The seq of the source's log at that version. */
  baseSeq: number;
  createdBy: string;
  createdAt: number;
  /** The latest merge back into the source, or null before the first. */
  merged: BranchMerge | null;
}

/** A merge of a branch back into its source. */
export interface BranchMerge {
  /** The seq of the merge in the source's log. */
  seq: number;
  by: string;
  at: number;
}

/** A page request, newest first: items strictly below `before` (a seq), at most `limit`. */
export interface NewestFirst {
  before?: number;
  limit: number;
}

/** The storage interface of document history. */
export interface HistoryStore {
  /** The newest entry of a document (the one that may still grow), or null. */
  lastEntry(key: DocKey): Promise<StoredEntry | null>;
  /**
   * Stores entries in one transaction; an entry with the firstSeq of a stored
   * one replaces it (the newest entry grows), parts included.
   */
  putEntries(key: DocKey, entries: readonly StoredEntry[]): Promise<void>;
  /** Entries with firstSeq < `before`, newest first; `part`: only those touching it. */
  listEntries(key: DocKey, page: NewestFirst & { part?: string }): Promise<StoredEntry[]>;
  /** The parts touched by the entries with firstSeq in [`fromSeq`, `throughSeq`], each once. */
  partsTouched(key: DocKey, fromSeq: number, throughSeq: number): Promise<string[]>;
  /** Each entry's touched parts, for entries with firstSeq in [`fromSeq`, `throughSeq`], by firstSeq. */
  partTouches(
    key: DocKey,
    fromSeq: number,
    throughSeq: number,
  ): Promise<{ part: string; firstSeq: number }[]>;
  /** The entry holding `seq` (firstSeq ≤ seq ≤ lastSeq), or null. */
  entryAt(key: DocKey, seq: number): Promise<StoredEntry | null>;
  /** Stores a named version. */
  addVersion(key: DocKey, version: NamedVersion): Promise<void>;
  /** Named versions with seq < `before`, newest first. */
  listVersions(key: DocKey, page: NewestFirst): Promise<NamedVersion[]>;
  /** A named version of the document, or null (another document's id is null too). */
  getVersion(key: DocKey, id: string): Promise<NamedVersion | null>;
  /** Records a branch (`workspaceId` + `branch.docId` is its key; stored once). */
  addBranch(workspaceId: string, branch: Branch): Promise<void>;
  /** The branch record of a document, or null when it is not a branch. */
  getBranch(key: DocKey): Promise<Branch | null>;
  /** The branches of a source document, newest first. */
  listBranches(source: DocKey, limit: number): Promise<Branch[]>;
  /** Records the latest merge of a branch back into its source. */
  recordMerge(key: DocKey, merge: BranchMerge): Promise<void>;
  /** Days after which a workspace's entries fold into daily points; null (the default): never. */
  getRetention(workspaceId: string): Promise<number | null>;
  /** Sets (or, with null, clears) a workspace's folding age in days. */
  setRetention(workspaceId: string, days: number | null): Promise<void>;
  /**
   * Replaces the entries with firstSeq in [`folded.firstSeq`, `folded.lastSeq`]
   * by `folded` in one transaction; their parts point at it. Named versions stay.
   */
  foldEntries(key: DocKey, folded: StoredEntry): Promise<void>;
  /** Releases the storage. */
  close(): Promise<void>;
}
