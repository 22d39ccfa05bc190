import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { and, desc, eq, lt, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { FieldbookError } from '@fieldbook/shared';
import {
  docKeyString,
  type DocKey,
  type DocStore,
  type Footprint,
  type DocumentRecord,
  type DocumentRef,
  type LogStats,
  type LoggedUpdate,
  type Snapshot,
  type StoredDoc,
} from '../docStore';
import { docSnapshots, documents } from './schema';
import { prepareCheckpoints } from './checkpoints';
import { journalLog, type JournalFlushPolicy } from './journaledLog';
import { openUpdateJournal } from './updateJournal';
import { prepareUpdateLog, type RowUpdate } from './updateLog';

const MIGRATIONS = join(dirname(fileURLToPath(import.meta.url)), '../../../drizzle/sqlite');

/** Options of the embedded store. */
export interface SqliteDocStoreOptions {
  /** Database file path. */
  file: string;
  /** `normal`: synchronous=NORMAL (survives a killed process); `power`: FULL (survives power loss). */
  durability?: 'normal' | 'power';
  /** When journaled updates move into the table (default: within 200 ms, or at 1024 waiting). */
  journalFlush?: JournalFlushPolicy;
  /**
   * A problem the update journal handled on its own: a background move into the table that
   * failed (the updates stay journaled and are retried), or a torn tail dropped at open.
   */
  onJournalError?: (error: unknown) => void;
}

/** A row of the log as the interface hands it out. */
const logged = (key: DocKey, u: RowUpdate): LoggedUpdate => ({
  workspaceId: key.workspaceId,
  docId: key.docId,
  seq: u.seq,
  update: u.update,
  actor: u.actor,
  client: u.client,
  ts: u.ts,
});

const toBytes = (b: Buffer): Uint8Array => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
const toBuffer = (u: Uint8Array): Buffer => Buffer.from(u.buffer, u.byteOffset, u.byteLength);

/**
 * Opens (creating and migrating as needed) the embedded SQLite document store:
 * WAL journal, drizzle-kit migrations applied at open, prepared statements on
 * the hot path. Appends go to an update journal beside the database file
 * (`<file>.updates`) and reach the `doc_updates` table in batches; every read
 * of the log moves them first, and opening replays what a crash left there.
 */
export function openSqliteDocStore(options: SqliteDocStoreOptions): DocStore {
  mkdirSync(dirname(options.file), { recursive: true });
  const client = new Database(options.file);
  client.pragma('journal_mode = WAL');
  client.pragma(`synchronous = ${options.durability === 'power' ? 'FULL' : 'NORMAL'}`);
  client.pragma('foreign_keys = ON');
  client.pragma('busy_timeout = 5000');
  // SQLite checkpoints inline when a commit leaves 1,000 pages in the WAL. Commits here are the
  // journal's background moves (never an acknowledgement), so a checkpoint's fsync (~5 ms per
  // 4 MiB) delays no answer; a checkpoint thread cost ~18 MiB of memory for that.
  client.pragma('wal_autocheckpoint = 1000');
  const db = drizzle({ client });
  migrate(db, { migrationsFolder: MIGRATIONS });

  const p = sql.placeholder;
  const durability = options.durability ?? 'normal';
  const table = prepareUpdateLog(client);
  const record = {
    pk: documents.pk,
    docId: documents.id,
    tenantId: documents.tenantId,
    workspaceId: documents.workspaceId,
    createdAt: documents.createdAt,
    createdBy: documents.createdBy,
  };
  const findDocument = db
    .select(record)
    .from(documents)
    .where(and(eq(documents.workspaceId, p('workspaceId')), eq(documents.id, p('docId'))))
    .prepare();
  // Prepared once: every document a hub opens passes here before its first sync step.
  const insertDocument = db
    .insert(documents)
    .values({
      tenantId: p('tenantId'),
      workspaceId: p('workspaceId'),
      id: p('docId'),
      createdAt: p('createdAt'),
      createdBy: p('createdBy'),
    })
    .onConflictDoNothing()
    .prepare();
  const legacyDocument = db
    .select({ pk: documents.pk })
    .from(documents)
    .where(eq(documents.id, p('docId')))
    .orderBy(documents.pk)
    .limit(1)
    .prepare();
  const log = journalLog(
    table,
    openUpdateJournal(`${options.file}.updates`, durability),
    options.journalFlush ?? { afterMs: 200, atCount: 1024 },
    options.onJournalError ?? (() => {}),
    (docId) => legacyDocument.get({ docId })?.pk ?? null,
  );
  const latestSnapshot = db
    .select({ seq: docSnapshots.seq, state: docSnapshots.state })
    .from(docSnapshots)
    .where(eq(docSnapshots.docPk, p('docPk')))
    .orderBy(desc(docSnapshots.seq))
    .limit(1)
    .prepare();
  const snapshotSeq = (docPk: number): number => latestSnapshot.get({ docPk })?.seq ?? 0;
  const snapshotBytes = client
    .prepare<[number], number>(
      'select length(state) from doc_snapshots where doc_pk = ? order by seq desc limit 1',
    )
    .pluck();
  const checkpoints = prepareCheckpoints(db);
  const saveSnapshot = client.transaction((docPk: number, snapshot: Snapshot) => {
    db.insert(docSnapshots)
      .values({ docPk, seq: snapshot.seq, state: toBuffer(snapshot.state), createdAt: Date.now() })
      .run();
    db.delete(docSnapshots)
      .where(and(eq(docSnapshots.docPk, docPk), lt(docSnapshots.seq, snapshot.seq)))
      .run();
  });

  let closed = false;

  const open = () => {
    if (closed) throw new FieldbookError('SERVICE_UNAVAILABLE', 'Document store is closed');
  };
  /** Reads of the log see every acknowledged update: journaled ones move into the table first. */
  const readable = () => {
    open();
    log.flush();
  };
  /** Row keys of the documents seen so far (rows are never deleted), by docKeyString. */
  const known = new Map<string, number>();
  const rowOf = (key: DocKey): number | null => {
    const name = docKeyString(key);
    const cached = known.get(name);
    if (cached !== undefined) return cached;
    const row = findDocument.get({ workspaceId: key.workspaceId, docId: key.docId });
    if (!row) return null;
    known.set(name, row.pk);
    return row.pk;
  };
  const toRecord = ({ pk: _pk, ...row }: { pk: number } & DocumentRecord): DocumentRecord => row;

  return {
    async ensureDocument(ref: DocumentRef, createdBy: string): Promise<DocumentRecord> {
      open();
      insertDocument.run({
        tenantId: ref.tenantId,
        workspaceId: ref.workspaceId,
        docId: ref.docId,
        createdAt: Date.now(),
        createdBy,
      });
      const row = findDocument.get({ workspaceId: ref.workspaceId, docId: ref.docId })!;
      known.set(docKeyString(ref), row.pk);
      return toRecord(row);
    },
    async findDocument(key) {
      open();
      const row = findDocument.get({ workspaceId: key.workspaceId, docId: key.docId });
      return row ? toRecord(row) : null;
    },
    async appendUpdates(entries) {
      open();
      const rows = entries.map((e) => {
        const docPk = rowOf(e);
        if (docPk === null) {
          throw new FieldbookError('RESOURCE_NOT_FOUND', 'Update for an unknown document', {
            workspaceId: e.workspaceId,
            docId: e.docId,
          });
        }
        return { docPk, update: e.update, actor: e.actor, client: e.client, ts: e.ts };
      });
      return rows.length === 0 ? [] : log.append(rows);
    },
    async load(key): Promise<StoredDoc> {
      readable();
      const docPk = rowOf(key);
      if (docPk === null) return { snapshot: null, updates: [] };
      const snap = latestSnapshot.get({ docPk });
      const snapshot = snap ? { seq: snap.seq, state: toBytes(snap.state) } : null;
      const updates = table.after(docPk, snapshot?.seq ?? 0);
      return { snapshot, updates: updates.map((u) => ({ seq: u.seq, update: u.update })) };
    },
    async writeSnapshot(key, snapshot) {
      readable();
      const docPk = rowOf(key);
      if (docPk === null) {
        throw new FieldbookError('RESOURCE_NOT_FOUND', 'Snapshot of an unknown document', key);
      }
      if (snapshot.seq < snapshotSeq(docPk)) return;
      saveSnapshot(docPk, snapshot);
    },
    async logStats(key): Promise<LogStats> {
      readable();
      const docPk = rowOf(key);
      if (docPk === null) return { updatesSinceSnapshot: 0, bytesSinceSnapshot: 0, lastSeq: 0 };
      const after = snapshotSeq(docPk);
      const stats = table.statsAfter(docPk, after);
      return {
        updatesSinceSnapshot: stats.count,
        bytesSinceSnapshot: stats.bytes,
        lastSeq: Math.max(stats.head, after),
      };
    },
    async readLog(key, afterSeq = 0): Promise<LoggedUpdate[]> {
      readable();
      const docPk = rowOf(key);
      return docPk === null ? [] : table.after(docPk, afterSeq).map((u) => logged(key, u));
    },
    async readLogRange(key, range): Promise<LoggedUpdate[]> {
      readable();
      const docPk = rowOf(key);
      if (docPk === null || range.limit <= 0) return [];
      const through = range.throughSeq ?? Number.MAX_SAFE_INTEGER;
      return table.range(docPk, range.afterSeq, through, range.limit).map((u) => logged(key, u));
    },
    async readCheckpoint(key) {
      open();
      const docPk = rowOf(key);
      return docPk === null ? null : checkpoints.read(docPk);
    },
    async writeCheckpoint(key, checkpoint) {
      open();
      const docPk = rowOf(key);
      if (docPk === null) {
        throw new FieldbookError('RESOURCE_NOT_FOUND', 'Checkpoint of an unknown document', key);
      }
      checkpoints.write(docPk, checkpoint);
    },
    async footprint(key): Promise<Footprint> {
      readable();
      const docPk = rowOf(key);
      if (docPk === null) return { lastSeq: 0, lastTs: null, bytes: 0 };
      const after = snapshotSeq(docPk);
      const stats = table.statsAfter(docPk, after);
      return {
        lastSeq: Math.max(stats.head, after),
        lastTs: table.lastTs(docPk),
        bytes: (snapshotBytes.get(docPk) ?? 0) + stats.bytes,
      };
    },
    async health() {
      readable();
      client.prepare('select 1').get();
    },
    async close() {
      if (closed) return;
      closed = true;
      log.close();
      client.close();
    },
  };
}
