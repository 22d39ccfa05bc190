import type Database from 'better-sqlite3';
import type { LoggedUpdate, UpdateEntry } from '../docStore';

const toBytes = (b: Buffer): Uint8Array => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
const toBuffer = (u: Uint8Array): Buffer => Buffer.from(u.buffer, u.byteOffset, u.byteLength);

/** The update log's statements: appends with per-document seqs and range reads by document. */
export interface UpdateLog {
  /**
   * Numbers the entries, continuing each document's newest seq; the numbers
   * count as taken (and later calls continue after them) once `taken` is called.
   */
  number(entries: readonly UpdateEntry[]): LoggedUpdate[];
  /** Marks numbered updates as durable somewhere, so their seqs are never handed out again. */
  taken(updates: readonly LoggedUpdate[]): void;
  /** Stores numbered updates in one transaction; ones already stored (a replay) are skipped. */
  write(updates: readonly LoggedUpdate[]): void;
  /** A document's updates with seq > `afterSeq`, oldest first. */
  after(docId: string, afterSeq: number): LoggedUpdate[];
  /** Count and bytes of a document's updates with seq > `afterSeq`, and its newest seq. */
  statsAfter(docId: string, afterSeq: number): { count: number; bytes: number; head: number };
}

interface LogRow {
  seq: number;
  blob: Buffer;
  actor: string;
  client: string;
  ts: number;
}

/**
 * Prepares the update log on `client`. The log is one `(doc_id, seq)` b-tree,
 * so an append is a single insert dirtying one leaf page. Each document's
 * newest seq is kept in memory once read (this connection is the only
 * writer), so the hot path never selects it; it advances only once the
 * numbered updates are durable (in the journal or the table).
 */
export function prepareUpdateLog(client: Database.Database): UpdateLog {
  // Hot path: plain prepared statements (drizzle's builder adds measurable cost per row).
  const insert = client.prepare<[string, number, Buffer, string, string, number]>(
    'insert or ignore into doc_updates (doc_id, seq, blob, actor, client, ts) values (?, ?, ?, ?, ?, ?)',
  );
  const newest = client
    .prepare<[string], number | null>('select max(seq) from doc_updates where doc_id = ?')
    .pluck();
  const rows = client.prepare<[string, number], LogRow>(
    'select seq, blob, actor, client, ts from doc_updates where doc_id = ? and seq > ? order by seq',
  );
  const sizes = client.prepare<[string, number], { count: number; bytes: number | null }>(
    'select count(*) as count, sum(length(blob)) as bytes from doc_updates where doc_id = ? and seq > ?',
  );
  const heads = new Map<string, number>();
  const headOf = (docId: string): number => {
    let head = heads.get(docId);
    if (head === undefined) {
      head = newest.get(docId) ?? 0;
      heads.set(docId, head);
    }
    return head;
  };

  const write = client.transaction((updates: readonly LoggedUpdate[]) => {
    for (const u of updates)
      insert.run(u.docId, u.seq, toBuffer(u.update), u.actor, u.client, u.ts);
  });

  return {
    number(entries) {
      const next = new Map<string, number>();
      return entries.map((e) => {
        const seq = (next.get(e.docId) ?? headOf(e.docId)) + 1;
        next.set(e.docId, seq);
        return { ...e, seq };
      });
    },
    taken(updates) {
      for (const u of updates) if (u.seq > headOf(u.docId)) heads.set(u.docId, u.seq);
    },
    write(updates) {
      if (updates.length > 0) write(updates);
    },
    after(docId, afterSeq) {
      return rows.all(docId, afterSeq).map((r) => ({
        seq: r.seq,
        docId,
        update: toBytes(r.blob),
        actor: r.actor,
        client: r.client,
        ts: r.ts,
      }));
    },
    statsAfter(docId, afterSeq) {
      const s = sizes.get(docId, afterSeq)!;
      return { count: s.count, bytes: s.bytes ?? 0, head: headOf(docId) };
    },
  };
}
