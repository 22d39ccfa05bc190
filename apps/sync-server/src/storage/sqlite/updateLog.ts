import type Database from 'better-sqlite3';
import type { LoggedUpdate, UpdateEntry } from '../docStore';

const toBytes = (b: Buffer): Uint8Array => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
const toBuffer = (u: Uint8Array): Buffer => Buffer.from(u.buffer, u.byteOffset, u.byteLength);

/** The update log's statements: appends with per-document seqs and range reads by document. */
export interface UpdateLog {
  /** Appends in one transaction; returns seqs in input order. */
  append(entries: readonly UpdateEntry[]): number[];
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
 * writer), so the hot path never selects it; it advances only after a commit.
 */
export function prepareUpdateLog(client: Database.Database): UpdateLog {
  // Hot path: plain prepared statements (drizzle's builder adds measurable cost per row).
  const insert = client.prepare<[string, number, Buffer, string, string, number]>(
    'insert into doc_updates (doc_id, seq, blob, actor, client, ts) values (?, ?, ?, ?, ?, ?)',
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

  const write = client.transaction((entries: readonly UpdateEntry[], next: Map<string, number>) =>
    entries.map((e) => {
      const seq = (next.get(e.docId) ?? headOf(e.docId)) + 1;
      insert.run(e.docId, seq, toBuffer(e.update), e.actor, e.client, e.ts);
      next.set(e.docId, seq);
      return seq;
    }),
  );

  return {
    append(entries) {
      const next = new Map<string, number>();
      const seqs = write(entries, next);
      for (const [docId, seq] of next) heads.set(docId, seq);
      return seqs;
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
