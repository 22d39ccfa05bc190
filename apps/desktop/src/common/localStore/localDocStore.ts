/**
 * The local persistence contract of the desktop app (DESIGN.md "Local
 * persistence"). Main implements it with SQLite (src/node/localStore); the
 * renderer's IndexedDB store will implement it too, and both must pass
 * `localDocStore.contract.ts`.
 *
 * Every document is a Yjs document stored as an append-only log of updates,
 * compacted now and then into one snapshot. State only ever comes in by
 * appending updates: a CRDT merge, never a replacement.
 */

/** Which document, in which workspace. Ids are UUIDv7 strings. */
export interface DocRef {
  readonly docId: string;
  readonly workspaceId: string;
}

/**
 * Where an update came from. Anything not from the server (typed locally,
 * imported from a workspace file) goes to the outbox until the server acks it.
 */
export type UpdateSource = 'local' | 'server';

/** One update to append. */
export interface UpdateToAppend extends DocRef {
  readonly update: Uint8Array;
  readonly source: UpdateSource;
  /** Who made it: the signed-in user for local edits, the server's word for its updates, else null. */
  readonly actor?: string | null;
}

/** A stored update as history reads it. */
export interface HistoryRow {
  readonly seq: number;
  readonly update: Uint8Array;
  /** Epoch ms it was stored; null for rows kept before the store recorded it. */
  readonly ts: number | null;
  /** Who made it; null when unknown. */
  readonly actor: string | null;
}

/** A document's stored state: snapshot and newer updates merged into one Yjs update. */
export interface StoredDocState {
  readonly state: Uint8Array;
  /** Sequence number of the newest update the state includes. */
  readonly lastSeq: number;
  /** Updates appended since the last compaction. */
  readonly updatesSinceSnapshot: number;
}

/** A document as listed by the store. */
export interface LocalDocInfo extends DocRef {
  readonly lastSeq: number;
  /** Epoch ms of the last append. */
  readonly updatedAt: number;
}

/** An update the server has not acknowledged yet. */
export interface OutboxEntry extends DocRef {
  /** Increasing id; pass it to `ackOutbox`. */
  readonly id: number;
  readonly update: Uint8Array;
  readonly queuedAt: number;
}

/** An attachment's bytes and type; its name is the sha256 of the bytes. */
export interface StoredAttachment {
  readonly hash: string;
  readonly mimeType: string;
  readonly bytes: Uint8Array;
}

/** When `appendUpdates` compacts a document by itself. */
export interface CompactionPolicy {
  readonly maxUpdates: number;
  readonly maxBytes: number;
}

/** The local document store. */
export interface LocalDocStore {
  /**
   * Appends the updates durably in one transaction and returns their sequence
   * numbers in input order; local ones are queued in the outbox in the same
   * transaction. All or nothing. A document belongs to one workspace for
   * good: appending to it under another workspace is a CONFLICT.
   */
  appendUpdates(updates: readonly UpdateToAppend[]): Promise<number[]>;
  /** The merged state of a document, or null when the store has never seen it. */
  loadDoc(docId: string): Promise<StoredDocState | null>;
  /**
   * Merges a document's snapshot and updates into a new snapshot; the content
   * stays identical and the update rows stay for history (loading skips them).
   */
  compact(docId: string): Promise<void>;
  /**
   * A page of a document's update rows after seq `after` (null: from the
   * start), oldest first: history reads the log in pages, never all of it.
   * Row 0, when present, holds what was compacted before rows were kept.
   */
  readHistory(docId: string, page: { after: number | null; limit: number }): Promise<HistoryRow[]>;
  /**
   * Replaces a document's stored log with `state` and drops its outbox
   * entries, in one transaction. The one exception to merging: the server
   * refused local changes, so they must neither stay here nor be sent again.
   */
  resetDoc(ref: DocRef, state: Uint8Array): Promise<void>;
  /**
   * Removes a document with its log, snapshot and outbox entries in one
   * transaction: for documents nothing lists yet (an import cancelled part
   * way). False when the store does not have it; CONFLICT when it is in
   * another workspace.
   */
  deleteDoc(ref: DocRef): Promise<boolean>;
  /** Documents of one workspace, or of all, ordered by id. */
  listDocs(workspaceId?: string): Promise<LocalDocInfo[]>;
  /** Ids of every workspace with at least one document, ordered. */
  listWorkspaces(): Promise<string[]>;
  /** The oldest unacknowledged updates, oldest first. */
  pendingOutbox(limit?: number): Promise<OutboxEntry[]>;
  /** Removes acknowledged entries; unknown ids are ignored (acks may repeat). */
  ackOutbox(ids: readonly number[]): Promise<void>;
  /** Stores an attachment for a workspace under the sha256 (hex) of its bytes and returns that hash. */
  putAttachment(workspaceId: string, bytes: Uint8Array, mimeType: string): Promise<string>;
  /** An attachment by hash, or null. */
  getAttachment(hash: string): Promise<StoredAttachment | null>;
  /** Hashes of a workspace's attachments, ordered. */
  listAttachments(workspaceId: string): Promise<string[]>;
  /** Releases the store; later calls fail. */
  close(): Promise<void>;
}
