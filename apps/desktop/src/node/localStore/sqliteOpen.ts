import Database from 'better-sqlite3';
import { FieldbookError } from '@fieldbook/shared';
import { LOCAL_STORE_MIGRATIONS, LOCAL_STORE_SCHEMA_VERSION } from './localStoreSchema';

/** `PRAGMA application_id` of a Fieldbook local store ("FBLS"): tells our files from foreign ones. */
export const LOCAL_STORE_APP_ID = 0x46424c53;
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
    const fresh = appId === 0 && tables.n === 0;
    if (fresh) {
      db.pragma('journal_mode = WAL');
      db.pragma(`application_id = ${LOCAL_STORE_APP_ID}`);
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
    checkIntegrity(db, path);
    migrate(db, version);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    return db;
  } catch (err) {
    db?.close();
    rethrowCorruption(err, path);
  }
}

/** Throws STORAGE_CORRUPT when SQLite's quick check finds damage. */
function checkIntegrity(db: Database.Database, path: string): void {
  const problems = db.pragma('quick_check(5)', { simple: false }) as { quick_check: string }[];
  if (problems.length !== 1 || problems[0]?.quick_check !== 'ok') {
    throw new FieldbookError(
      'STORAGE_CORRUPT',
      `The local database ${path} is damaged (integrity check failed). Restore it from a backup or a workspace file.`,
      { problems: problems.map((p) => p.quick_check) },
    );
  }
}

/**
 * Brings the schema from `version` to the newest, one migration at a time,
 * each in its own transaction with the version it reaches (a crash between
 * two leaves a consistent older version that the next open continues).
 */
function migrate(db: Database.Database, version: number): void {
  for (let v = version; v < LOCAL_STORE_SCHEMA_VERSION; v++) {
    db.transaction(() => {
      db.exec(LOCAL_STORE_MIGRATIONS[v]!);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
}

/** better-sqlite3 hands out Buffers; callers of the stores get plain Uint8Arrays. */
export function plainBytes(b: Uint8Array): Uint8Array {
  return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
}
