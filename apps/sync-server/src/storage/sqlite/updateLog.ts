import type Database from 'better-sqlite3';

const toBytes = (b: Buffer): Uint8Array => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
const toBuffer = (u: Uint8Array): Buffer => Buffer.from(u.buffer, u.byteOffset, u.byteLength);

/** An update to store, its document named by the row key of `documents` (`pk`). */
export interface RowEntry {
  docPk: number;
  update: Uint8Array;
  actor: string;
  client: string;
  ts: number;
}

/** An update as the log table holds it. */
export interface RowUpdate extends RowEntry {
  seq: number;
}

/** The update log's statements: appends with per-document seqs and range reads by document. */
export interface UpdateLog {
  /**
   * Numbers the entries, continuing each document's newest seq; the numbers
   * count as taken (and later calls continue after them) once `taken` is called.
   */
  number(entries: readonly RowEntry[]): RowUpdate[];
  /** Marks numbered updates as durable somewhere, so their seqs are never handed out again. */
  taken(updates: readonly RowUpdate[]): void;
  /** Stores numbered updates in one transaction; ones already stored (a replay) are skipped. */
  write(updates: readonly RowUpdate[]): void;
  /** A document's updates with seq > `afterSeq`, oldest first. */
  after(docPk: number, afterSeq: number): RowUpdate[];
  /** At most `limit` of a document's updates with `afterSeq` < seq ≤ `throughSeq`, oldest first. */
  range(docPk: number, afterSeq: number, throughSeq: number, limit: number): RowUpdate[];
  /** Count and bytes of a document's updates with seq > `afterSeq`, and its newest seq. */
  statsAfter(docPk: number, afterSeq: number): { count: number; bytes: number; head: number };
  /** The time of a document's newest stored update, or null. */
  lastTs(docPk: number): number | null;
}

interface LogRow {
  seq: number;
  blob: Buffer;
  actor: string;
  client: string;
  ts: number;
}

const toRow = (docPk: number, r: LogRow): RowUpdate => ({
  docPk,
  seq: r.seq,
  update: toBytes(r.blob),
  actor: r.actor,
  client: r.client,
  ts: r.ts,
});

/**
 * Prepares the update log on `client`. The log is one `(doc_pk, seq)` b-tree,
 * so an append is a single insert dirtying one leaf page. Each document's
 * newest seq is kept in memory once read (this connection is the only
 * writer), so the hot path never selects it; it advances only once the
 * numbered updates are durable (in the journal or the table).
 */
export function prepareUpdateLog(client: Database.Database): UpdateLog {
  // Hot path: plain prepared statements (drizzle's builder adds measurable cost per row).
  const insert = client.prepare<[number, number, Buffer, string, string, number]>(
    'insert or ignore into doc_updates (doc_pk, seq, blob, actor, client, ts) values (?, ?, ?, ?, ?, ?)',
  );
  const newest = client
    .prepare<[number], number | null>('select max(seq) from doc_updates where doc_pk = ?')
    .pluck();
  const rows = client.prepare<[number, number], LogRow>(
    'select seq, blob, actor, client, ts from doc_updates where doc_pk = ? and seq > ? order by seq',
  );
  const page = client.prepare<[number, number, number, number], LogRow>(
    'select seq, blob, actor, client, ts from doc_updates where doc_pk = ? and seq > ? and seq <= ? order by seq limit ?',
  );
  const newestTs = client
    .prepare<[number], number>(
      'select ts from doc_updates where doc_pk = ? order by seq desc limit 1',
    )
    .pluck();
  const sizes = client.prepare<[number, number], { count: number; bytes: number | null }>(
    'select count(*) as count, sum(length(blob)) as bytes from doc_updates where doc_pk = ? and seq > ?',
  );
  const heads = new Map<number, number>();
  const headOf = (docPk: number): number => {
    let head = heads.get(docPk);
    if (head === undefined) {
      head = newest.get(docPk) ?? 0;
      heads.set(docPk, head);
    }
    return head;
  };

  const write = client.transaction((updates: readonly RowUpdate[]) => {
    for (const u of updates)
      insert.run(u.docPk, u.seq, toBuffer(u.update), u.actor, u.client, u.ts);
  });

  return {
    number(entries) {
      const next = new Map<number, number>();
      return entries.map((e) => {
        const seq = (next.get(e.docPk) ?? headOf(e.docPk)) + 1;
        next.set(e.docPk, seq);
        return { ...e, seq };
      });
    },
    taken(updates) {
      for (const u of updates) if (u.seq > headOf(u.docPk)) heads.set(u.docPk, u.seq);
    },
    write(updates) {
      if (updates.length > 0) write(updates);
    },
    after(docPk, afterSeq) {
      return rows.all(docPk, afterSeq).map((r) => toRow(docPk, r));
    },
    range(docPk, afterSeq, throughSeq, limit) {
      return page.all(docPk, afterSeq, throughSeq, limit).map((r) => toRow(docPk, r));
    },
    lastTs(docPk) {
      return newestTs.get(docPk) ?? null;
    },
    statsAfter(docPk, afterSeq) {
      const s = sizes.get(docPk, afterSeq)!;
      return { count: s.count, bytes: s.bytes ?? 0, head: headOf(docPk) };
    },
  };
}
