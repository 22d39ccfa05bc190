import { and, asc, eq, gt, lte, sql } from 'drizzle-orm';
import { FieldbookError } from '@fieldbook/shared';
import type { Postgres } from '../../postgres/connection';
import { migratePostgres } from '../../postgres/migrate';
import {
  docKeyString,
  type DocKey,
  type DocStore,
  type DocumentRecord,
  type Footprint,
  type LogStats,
  type LoggedUpdate,
} from '../docStore';
import { appendRows } from './appendLog';
import { docCheckpoints, docSnapshots, docUpdates, documents } from './schema';

const record = {
  pk: documents.pk,
  docId: documents.id,
  tenantId: documents.tenantId,
  workspaceId: documents.workspaceId,
  createdAt: documents.createdAt,
  createdBy: documents.createdBy,
};
const logRow = {
  seq: docUpdates.seq,
  update: docUpdates.blob,
  actor: docUpdates.actor,
  client: docUpdates.client,
  ts: docUpdates.ts,
};
type LogRow = { seq: number; update: Uint8Array; actor: string; client: string; ts: number };
const logged = (key: DocKey, row: LogRow): LoggedUpdate => ({
  workspaceId: key.workspaceId,
  docId: key.docId,
  ...row,
});
const toRecord = ({ pk: _pk, ...row }: { pk: number } & DocumentRecord): DocumentRecord => row;

/**
 * The first key of the transaction-scoped advisory lock a node holds while it
 * writes a document's snapshot; the second is the document's row key, so the
 * lock is exact per document (no hash, no two documents sharing a lock) and
 * apart from the other advisory locks (migrations, audit, telemetry use the
 * one-key form). `pg_try_advisory_xact_lock`, not a lease row: it ends with
 * the transaction or with the connection of a node killed mid-write, so no
 * expiry has to be tuned and no row cleaned up; and a node that finds it
 * taken skips its snapshot instead of queueing behind another multi-megabyte
 * write of nearly the same state (the log keeps everything; its next
 * compaction catches up). What a snapshot may claim is the compactor's rule:
 * only the seqs the node contiguously holds (see `LogCompactor`).
 */
export const COMPACTION_LOCK_CLASS = 0x66620001;

/**
 * The PostgreSQL document store for several server nodes sharing one
 * database (`openPostgresDocStore` applies the `storage` migrations first). Every acknowledged append is committed before
 * the promise resolves; appends to one document from any node are
 * serialised by its counter row (see `appendRows`). Snapshots and
 * checkpoints are one row per document replaced by an upsert that only moves
 * forward, so an older snapshot never replaces a newer one. Only one node at
 * a time writes a document's snapshot: see `COMPACTION_LOCK_CLASS`.
 * `close` leaves the shared pool open (the server ends it).
 */
export function createPostgresDocStore(pg: Postgres): DocStore {
  const { db } = pg;
  let closed = false;
  const open = () => {
    if (closed) throw new FieldbookError('SERVICE_UNAVAILABLE', 'Document store is closed');
  };
  /** Row keys of the documents seen so far (rows are never deleted), by docKeyString. */
  const known = new Map<string, number>();
  const findRow = async (key: DocKey) => {
    const [row] = await db
      .select(record)
      .from(documents)
      .where(and(eq(documents.workspaceId, key.workspaceId), eq(documents.id, key.docId)));
    if (row) known.set(docKeyString(key), row.pk);
    return row ?? null;
  };
  const rowOf = async (key: DocKey): Promise<number | null> => {
    open();
    return known.get(docKeyString(key)) ?? (await findRow(key))?.pk ?? null;
  };
  const requireRow = async (key: DocKey, what: string): Promise<number> => {
    const docPk = await rowOf(key);
    if (docPk === null) {
      throw new FieldbookError('RESOURCE_NOT_FOUND', `${what} of an unknown document`, {
        workspaceId: key.workspaceId,
        docId: key.docId,
      });
    }
    return docPk;
  };
  const snapshotOf = async (docPk: number) => {
    const [row] = await db
      .select({ seq: docSnapshots.seq, state: docSnapshots.state })
      .from(docSnapshots)
      .where(eq(docSnapshots.docPk, docPk));
    return row ?? null;
  };
  /** Head, snapshot seq and what follows the snapshot, in one statement. */
  const statsOf = async (docPk: number) => {
    const { rows } = await pg.pool.query<{
      last_seq: string;
      snap_seq: string | null;
      snap_bytes: number | null;
      count: string;
      bytes: string | null;
      last_ts: string | null;
    }>(
      `select d.last_seq, s.seq as snap_seq, octet_length(s.state) as snap_bytes,
              (select count(*) from doc_updates u where u.doc_pk = d.pk and u.seq > coalesce(s.seq, 0)) as count,
              (select sum(octet_length(u.blob)) from doc_updates u where u.doc_pk = d.pk and u.seq > coalesce(s.seq, 0)) as bytes,
              (select u.ts from doc_updates u where u.doc_pk = d.pk order by u.seq desc limit 1) as last_ts
         from documents d left join doc_snapshots s on s.doc_pk = d.pk
        where d.pk = $1`,
      [docPk],
    );
    const row = rows[0]!;
    return {
      lastSeq: Math.max(Number(row.last_seq), Number(row.snap_seq ?? 0)),
      snapshotBytes: row.snap_bytes ?? 0,
      count: Number(row.count),
      bytes: Number(row.bytes ?? 0),
      lastTs: row.last_ts === null ? null : Number(row.last_ts),
    };
  };
  const readRows = (docPk: number, afterSeq: number, throughSeq?: number, limit?: number) => {
    const where = and(
      eq(docUpdates.docPk, docPk),
      gt(docUpdates.seq, afterSeq),
      throughSeq === undefined ? undefined : lte(docUpdates.seq, throughSeq),
    );
    const query = db.select(logRow).from(docUpdates).where(where).orderBy(asc(docUpdates.seq));
    return limit === undefined ? query : query.limit(limit);
  };

  return {
    async ensureDocument(ref, createdBy) {
      open();
      await db
        .insert(documents)
        .values({
          tenantId: ref.tenantId,
          workspaceId: ref.workspaceId,
          id: ref.docId,
          createdAt: Date.now(),
          createdBy,
        })
        .onConflictDoNothing();
      return toRecord((await findRow(ref))!);
    },
    async findDocument(key) {
      open();
      const row = await findRow(key);
      return row ? toRecord(row) : null;
    },
    async appendUpdates(entries) {
      const rows = [];
      for (const e of entries) {
        const docPk = await requireRow(e, 'Update');
        rows.push({ docPk, update: e.update, actor: e.actor, client: e.client, ts: e.ts });
      }
      return rows.length === 0 ? [] : appendRows(db, rows);
    },
    async load(key) {
      const docPk = await rowOf(key);
      if (docPk === null) return { snapshot: null, updates: [] };
      const snapshot = await snapshotOf(docPk);
      const updates = await readRows(docPk, snapshot?.seq ?? 0);
      return { snapshot, updates: updates.map((u) => ({ seq: u.seq, update: u.update })) };
    },
    async writeSnapshot(key, snapshot) {
      const docPk = await requireRow(key, 'Snapshot');
      const row = { seq: snapshot.seq, state: snapshot.state, createdAt: Date.now() };
      await db.transaction(async (tx) => {
        const { rows } = await tx.execute<{ locked: boolean }>(
          sql`select pg_try_advisory_xact_lock(${COMPACTION_LOCK_CLASS}, ${docPk}) as locked`,
        );
        if (!rows[0]!.locked) return;
        await tx
          .insert(docSnapshots)
          .values({ docPk, ...row })
          .onConflictDoUpdate({
            target: docSnapshots.docPk,
            set: row,
            setWhere: sql`${docSnapshots.seq} <= excluded.seq`,
          });
      });
    },
    async logStats(key): Promise<LogStats> {
      const docPk = await rowOf(key);
      if (docPk === null) return { updatesSinceSnapshot: 0, bytesSinceSnapshot: 0, lastSeq: 0 };
      const stats = await statsOf(docPk);
      return {
        updatesSinceSnapshot: stats.count,
        bytesSinceSnapshot: stats.bytes,
        lastSeq: stats.lastSeq,
      };
    },
    async readLog(key, afterSeq = 0) {
      const docPk = await rowOf(key);
      return docPk === null ? [] : (await readRows(docPk, afterSeq)).map((u) => logged(key, u));
    },
    async readLogRange(key, range) {
      const docPk = await rowOf(key);
      if (docPk === null || range.limit <= 0) return [];
      const rows = await readRows(docPk, range.afterSeq, range.throughSeq, range.limit);
      return rows.map((u) => logged(key, u));
    },
    async readCheckpoint(key) {
      const docPk = await rowOf(key);
      if (docPk === null) return null;
      const [row] = await db
        .select({ seq: docCheckpoints.seq, state: docCheckpoints.state })
        .from(docCheckpoints)
        .where(eq(docCheckpoints.docPk, docPk));
      return row ?? null;
    },
    async writeCheckpoint(key, checkpoint) {
      const docPk = await requireRow(key, 'Checkpoint');
      const row = { seq: checkpoint.seq, state: checkpoint.state, createdAt: Date.now() };
      await db
        .insert(docCheckpoints)
        .values({ docPk, ...row })
        .onConflictDoUpdate({
          target: docCheckpoints.docPk,
          set: row,
          setWhere: sql`${docCheckpoints.seq} < excluded.seq`,
        });
    },
    async footprint(key): Promise<Footprint> {
      const docPk = await rowOf(key);
      if (docPk === null) return { lastSeq: 0, lastTs: null, bytes: 0 };
      const stats = await statsOf(docPk);
      return {
        lastSeq: stats.lastSeq,
        lastTs: stats.lastTs,
        bytes: stats.snapshotBytes + stats.bytes,
      };
    },
    async health() {
      open();
      await pg.pool.query('select 1');
    },
    async close() {
      closed = true;
    },
  };
}

/** Applies the `storage` migrations (drizzle/pg/storage) and opens the store on `pg`. */
export async function openPostgresDocStore(pg: Postgres): Promise<DocStore> {
  await migratePostgres(pg, 'storage');
  return createPostgresDocStore(pg);
}
