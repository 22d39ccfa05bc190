/**
 * The storage contract of the sync server. The embedded SQLite store
 * implements it now; a PostgreSQL store will implement it for scale-out and
 * must pass the same suite (`docStore.contract.ts`).
 *
 * Storage is event-sourced: every document update is appended to a log and
 * never rewritten; snapshots are a load accelerator. Loading a document is
 * its latest snapshot plus every logged update newer than that snapshot.
 */

/**
 * A document's identity: its id within one workspace. The same id in two
 * workspaces is two documents, so an id taken in another tenant's workspace
 * is indistinguishable from a free one.
 */
export interface DocKey {
  workspaceId: string;
  docId: string;
}

/** The string form of a key, for maps of open documents. */
export const docKeyString = (key: DocKey): string => `${key.workspaceId}/${key.docId}`;

/** Where a document lives: its key and the tenant that owns its workspace. */
export interface DocumentRef extends DocKey {
  tenantId: string;
}

/** A stored document row. */
export interface DocumentRecord extends DocumentRef {
  createdAt: number;
  createdBy: string;
}

/** One update to append: the Yjs update bytes, which document, and who sent it. */
export interface UpdateEntry extends DocKey {
  update: Uint8Array;
  /** The principal id of the sender. */
  actor: string;
  /** The sender's connection (client) id, for history and debugging. */
  client: string;
  /** Epoch ms. */
  ts: number;
}

/** An update as stored in the log. */
export interface LoggedUpdate extends UpdateEntry {
  seq: number;
}

/** A compacted state of a document covering every update with seq ≤ `seq`. */
export interface Snapshot {
  seq: number;
  state: Uint8Array;
}

/** What a document is made of in storage. */
export interface StoredDoc {
  snapshot: Snapshot | null;
  /** Updates with seq greater than the snapshot's, in seq order. */
  updates: { seq: number; update: Uint8Array }[];
}

/**
 * A stored state for reading a document's history: every update with seq ≤
 * `seq`, deleted content included (the state of a `gc: false` Y.Doc), so
 * building the history doc needs only the updates after it.
 */
export interface Checkpoint {
  seq: number;
  state: Uint8Array;
}

/** A page of the update log: seqs in (afterSeq, throughSeq], at most `limit` of them. */
export interface LogRange {
  afterSeq: number;
  /** Inclusive upper bound (default: no bound). */
  throughSeq?: number;
  limit: number;
}

/** What a document takes in storage. */
export interface Footprint {
  lastSeq: number;
  /** Time of the newest update (epoch ms), or null when the log is empty. */
  lastTs: number | null;
  /** Bytes of the latest snapshot plus the updates after it. */
  bytes: number;
}

/** Counts since the latest snapshot, used to decide when to compact. */
export interface LogStats {
  updatesSinceSnapshot: number;
  bytesSinceSnapshot: number;
  lastSeq: number;
}

/** The document storage interface the sync server is written against. */
export interface DocStore {
  /**
   * Returns the document row, creating it with `ref` and `createdBy` when the
   * key is unknown. An existing row is returned unchanged, even when its
   * tenant differs from `ref` (the caller decides what that means).
   */
  ensureDocument(ref: DocumentRef, createdBy: string): Promise<DocumentRecord>;
  /** The document row of `key`, or null when no such document was ever created. */
  findDocument(key: DocKey): Promise<DocumentRecord | null>;
  /**
   * Appends every entry durably in one transaction (group commit) and returns
   * their sequence numbers in input order. Seqs grow strictly within a
   * document and are never reused. All or nothing: on failure nothing is stored.
   */
  appendUpdates(entries: readonly UpdateEntry[]): Promise<number[]>;
  /** Latest snapshot and the newer updates of a document (empty for an unknown key). */
  load(key: DocKey): Promise<StoredDoc>;
  /**
   * Stores `snapshot` as the document's latest state. The update log is kept
   * (history is read from it); older snapshots are removed.
   */
  writeSnapshot(key: DocKey, snapshot: Snapshot): Promise<void>;
  /** Update count and bytes after the latest snapshot. */
  logStats(key: DocKey): Promise<LogStats>;
  /** The update log of a document after `afterSeq`, in seq order (history, audit, tests). */
  readLog(key: DocKey, afterSeq?: number): Promise<LoggedUpdate[]>;
  /**
   * A page of the update log in seq order, so history reads never hold the
   * whole log of a long-lived document in memory.
   */
  readLogRange(key: DocKey, range: LogRange): Promise<LoggedUpdate[]>;
  /** The document's history checkpoint, or null when none was written. */
  readCheckpoint(key: DocKey): Promise<Checkpoint | null>;
  /** Stores the history checkpoint, replacing the older one; an older one than stored is ignored. */
  writeCheckpoint(key: DocKey, checkpoint: Checkpoint): Promise<void>;
  /** Newest seq, its time and the stored bytes of a document (zeros for an unknown key). */
  footprint(key: DocKey): Promise<Footprint>;
  /** Throws when storage cannot serve queries. */
  health(): Promise<void>;
  /** Releases the storage; later calls fail. */
  close(): Promise<void>;
}
