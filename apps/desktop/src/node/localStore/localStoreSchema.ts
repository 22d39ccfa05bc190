// The schema of a desktop profile's SQLite store, as migrations: entry N
// brings `PRAGMA user_version` N to N + 1. Never edit a released entry; add one.

const V1 = `
CREATE TABLE docs (
  doc_id TEXT PRIMARY KEY,
  workspace_id TEXT NOT NULL,
  last_seq INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  updates_since_snapshot INTEGER NOT NULL DEFAULT 0,
  bytes_since_snapshot INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX docs_by_workspace ON docs (workspace_id, doc_id);
CREATE TABLE updates (
  doc_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  blob BLOB NOT NULL,
  PRIMARY KEY (doc_id, seq)
);
CREATE TABLE snapshots (doc_id TEXT PRIMARY KEY, seq INTEGER NOT NULL, state BLOB NOT NULL);
CREATE TABLE outbox (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  doc_id TEXT NOT NULL,
  blob BLOB NOT NULL,
  queued_at INTEGER NOT NULL
);
CREATE TABLE attachment_blobs (hash TEXT PRIMARY KEY, mime_type TEXT NOT NULL, bytes BLOB NOT NULL);
CREATE TABLE workspace_attachments (
  workspace_id TEXT NOT NULL,
  hash TEXT NOT NULL REFERENCES attachment_blobs (hash),
  PRIMARY KEY (workspace_id, hash)
);
`;

/**
 * v2: what the app needs to keep attachments offline (issue 16): a file's
 * name, size and whether the server has it. Files kept before get their hash
 * as name and count as not uploaded (uploading a known blob again is harmless).
 */
const V2 = `
ALTER TABLE attachment_blobs ADD COLUMN name TEXT NOT NULL DEFAULT '';
ALTER TABLE attachment_blobs ADD COLUMN size INTEGER NOT NULL DEFAULT 0;
ALTER TABLE attachment_blobs ADD COLUMN uploaded INTEGER NOT NULL DEFAULT 0;
UPDATE attachment_blobs SET name = hash, size = length(bytes);
CREATE INDEX attachment_blobs_pending ON attachment_blobs (hash) WHERE uploaded = 0;
`;

/**
 * v3: local history (issue 12). Each update records when it was stored and
 * by whom (null: unknown, as for every row written before), and compaction
 * keeps the rows. What older compactions folded away survives only in the
 * snapshot: it becomes the history row seq 0, of unknown time and author
 * (seqs start at 1, and loading reads only rows after the snapshot's seq).
 */
const V3 = `
ALTER TABLE updates ADD COLUMN ts INTEGER;
ALTER TABLE updates ADD COLUMN actor TEXT;
INSERT INTO updates (doc_id, seq, blob) SELECT doc_id, 0, state FROM snapshots;
`;

/** Every migration in order; index N upgrades schema version N to N + 1. */
export const LOCAL_STORE_MIGRATIONS: readonly string[] = [V1, V2, V3];

/** The schema version this app writes to `PRAGMA user_version`. */
export const LOCAL_STORE_SCHEMA_VERSION = LOCAL_STORE_MIGRATIONS.length;
