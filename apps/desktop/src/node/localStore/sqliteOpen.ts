import Database from 'better-sqlite3';
import { FieldbookError } from '@fieldbook/shared';

/** `PRAGMA application_id` of a Fieldbook local store ("FBLS"): tells our files from foreign ones. */
export const LOCAL_STORE_APP_ID = 0x46424c53;
/** Schema version written to `PRAGMA user_version`. */
export const LOCAL_STORE_SCHEMA_VERSION = 1;

const SCHEMA = `
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
PRAGMA application_id = ${LOCAL_STORE_APP_ID};
PRAGMA user_version = ${LOCAL_STORE_SCHEMA_VERSION};
`;

/** True for SQLite errors that mean the file is damaged or not a database. */
export function isCorruptionError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return (
    typeof code === 'string' && (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB')
  );
}

/** Rethrows SQLite corruption as STORAGE_CORRUPT naming the file; other errors unchanged. */
export function rethrowCorruption(err: unknown, path: string): never {
  if (isCorruptionError(err)) {
    throw new FieldbookError(
      'STORAGE_CORRUPT',
      `The local database ${path} is damaged and cannot be read. Restore it from a backup or a workspace file.`,
      { sqlite: (err as Error).message },
    );
  }
  throw err;
}

/**
 * Opens (or creates) a local store database: WAL, synchronous=NORMAL (a
 * killed process loses no committed transaction), schema created on first
 * use. Refuses damaged, truncated and foreign files with STORAGE_CORRUPT
 * before anything is written to them.
 */
export function openLocalStoreDatabase(path: string): Database.Database {
  let db: Database.Database | undefined;
  try {
    db = new Database(path);
    db.pragma('busy_timeout = 5000');
    const appId = db.pragma('application_id', { simple: true }) as number;
    const tables = db
      .prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'")
      .get() as {
      n: number;
    };
    if (appId === 0 && tables.n === 0) {
      db.pragma('journal_mode = WAL');
      db.exec(`BEGIN; ${SCHEMA} COMMIT;`);
    } else if (appId !== LOCAL_STORE_APP_ID) {
      throw new FieldbookError(
        'STORAGE_CORRUPT',
        `${path} is not a Fieldbook local database (it belongs to another program).`,
      );
    }
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > LOCAL_STORE_SCHEMA_VERSION) {
      throw new FieldbookError(
        'CONFLICT',
        `${path} was written by a newer Fieldbook (schema ${version}); update the app to open it.`,
      );
    }
    const problems = db.pragma('quick_check(5)', { simple: false }) as { quick_check: string }[];
    if (problems.length !== 1 || problems[0]?.quick_check !== 'ok') {
      throw new FieldbookError(
        'STORAGE_CORRUPT',
        `The local database ${path} is damaged (integrity check failed). Restore it from a backup or a workspace file.`,
        { problems: problems.map((p) => p.quick_check) },
      );
    }
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    return db;
  } catch (err) {
    db?.close();
    rethrowCorruption(err, path);
  }
}
