import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { and, asc, count, desc, eq, gt, lt, sql, sum } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { FieldbookError } from '@fieldbook/shared';
import type {
  DocStore,
  DocumentRecord,
  DocumentRef,
  LogStats,
  LoggedUpdate,
  Snapshot,
  StoredDoc,
  UpdateEntry,
} from '../docStore';
import { docSnapshots, docUpdates, documents } from './schema';

const MIGRATIONS = join(dirname(fileURLToPath(import.meta.url)), '../../../drizzle/sqlite');

/** Options of the embedded store. */
export interface SqliteDocStoreOptions {
  /** Database file path. */
  file: string;
  /** `normal`: synchronous=NORMAL (survives a killed process); `power`: FULL (survives power loss). */
  durability?: 'normal' | 'power';
  /** How often a background thread checkpoints the WAL (default 1000 ms). */
  checkpointIntervalMs?: number;
}

const toBytes = (b: Buffer): Uint8Array => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
const toBuffer = (u: Uint8Array): Buffer => Buffer.from(u.buffer, u.byteOffset, u.byteLength);

/**
 * Opens (creating and migrating as needed) the embedded SQLite document store:
 * WAL journal, drizzle-kit migrations applied at open, prepared statements on
 * the hot path.
 */
export function openSqliteDocStore(options: SqliteDocStoreOptions): DocStore {
  mkdirSync(dirname(options.file), { recursive: true });
  const client = new Database(options.file);
  client.pragma('journal_mode = WAL');
  client.pragma(`synchronous = ${options.durability === 'power' ? 'FULL' : 'NORMAL'}`);
  client.pragma('foreign_keys = ON');
  client.pragma('busy_timeout = 5000');
  // Checkpoints (and their fsyncs) run on a worker thread, never on the relaying thread.
  client.pragma('wal_autocheckpoint = 0');
  const db = drizzle({ client });
  migrate(db, { migrationsFolder: MIGRATIONS });

  const p = sql.placeholder;
  // The hot path: a plain prepared statement (drizzle's builder adds measurable cost per row).
  const insertUpdate = client.prepare<{ d: string; b: Buffer; a: string; c: string; t: number }>(
    'insert into doc_updates (doc_id, blob, actor, client, ts) values (@d, @b, @a, @c, @t)',
  );
  const findDocument = db
    .select()
    .from(documents)
    .where(eq(documents.id, p('id')))
    .prepare();
  const latestSnapshot = db
    .select({ seq: docSnapshots.seq, state: docSnapshots.state })
    .from(docSnapshots)
    .where(eq(docSnapshots.docId, p('docId')))
    .orderBy(desc(docSnapshots.seq))
    .limit(1)
    .prepare();
  const logAfter = db
    .select()
    .from(docUpdates)
    .where(and(eq(docUpdates.docId, p('docId')), gt(docUpdates.seq, p('after'))))
    .orderBy(asc(docUpdates.seq))
    .prepare();
  const statsAfter = db
    .select({
      n: count(),
      bytes: sum(sql`length(${docUpdates.blob})`).mapWith(Number),
      last: sql<number | null>`max(${docUpdates.seq})`,
    })
    .from(docUpdates)
    .where(and(eq(docUpdates.docId, p('docId')), gt(docUpdates.seq, p('after'))))
    .prepare();

  const appendAll = client.transaction((entries: readonly UpdateEntry[]) =>
    entries.map((e) =>
      Number(
        insertUpdate.run({ d: e.docId, b: toBuffer(e.update), a: e.actor, c: e.client, t: e.ts })
          .lastInsertRowid,
      ),
    ),
  );
  const snapshotSeq = (docId: string): number => latestSnapshot.get({ docId })?.seq ?? 0;
  const saveSnapshot = client.transaction((docId: string, snapshot: Snapshot) => {
    db.insert(docSnapshots)
      .values({ docId, seq: snapshot.seq, state: toBuffer(snapshot.state), createdAt: Date.now() })
      .run();
    db.delete(docSnapshots)
      .where(and(eq(docSnapshots.docId, docId), lt(docSnapshots.seq, snapshot.seq)))
      .run();
  });

  let closed = false;
  const checkpointer = new Worker(new URL('./checkpointWorker.mjs', import.meta.url), {
    workerData: { file: options.file, intervalMs: options.checkpointIntervalMs ?? 1000 },
  });
  checkpointer.unref();
  let checkpointerRunning = true;
  checkpointer.on('error', () => {});
  checkpointer.once('exit', () => {
    checkpointerRunning = false;
    // Without the background thread, let SQLite checkpoint inline rather than grow the WAL.
    if (!closed) client.pragma('wal_autocheckpoint = 1000');
  });

  const open = () => {
    if (closed) throw new FieldbookError('SERVICE_UNAVAILABLE', 'Document store is closed');
  };

  return {
    async ensureDocument(ref: DocumentRef, createdBy: string): Promise<DocumentRecord> {
      open();
      db.insert(documents)
        .values({ ...ref, createdAt: Date.now(), createdBy })
        .onConflictDoNothing()
        .run();
      return findDocument.get({ id: ref.id })!;
    },
    async appendUpdates(entries) {
      open();
      return entries.length === 0 ? [] : appendAll(entries);
    },
    async load(docId): Promise<StoredDoc> {
      open();
      const snap = latestSnapshot.get({ docId });
      const snapshot = snap ? { seq: snap.seq, state: toBytes(snap.state) } : null;
      const rows = logAfter.all({ docId, after: snapshot?.seq ?? 0 });
      return { snapshot, updates: rows.map((r) => ({ seq: r.seq, update: toBytes(r.blob) })) };
    },
    async writeSnapshot(docId, snapshot) {
      open();
      if (snapshot.seq < snapshotSeq(docId)) return;
      saveSnapshot(docId, snapshot);
    },
    async logStats(docId): Promise<LogStats> {
      open();
      const after = snapshotSeq(docId);
      const row = statsAfter.get({ docId, after })!;
      return {
        updatesSinceSnapshot: row.n,
        bytesSinceSnapshot: row.bytes ?? 0,
        lastSeq: row.last ?? after,
      };
    },
    async readLog(docId, afterSeq = 0): Promise<LoggedUpdate[]> {
      open();
      return logAfter.all({ docId, after: afterSeq }).map((r) => ({
        seq: r.seq,
        docId: r.docId,
        update: toBytes(r.blob),
        actor: r.actor,
        client: r.client,
        ts: r.ts,
      }));
    },
    async health() {
      open();
      client.prepare('select 1').get();
    },
    async close() {
      if (closed) return;
      closed = true;
      if (checkpointerRunning) {
        const stopped = new Promise((resolve) => checkpointer.once('exit', resolve));
        checkpointer.postMessage('stop');
        await stopped;
      }
      client.close();
    },
  };
}
