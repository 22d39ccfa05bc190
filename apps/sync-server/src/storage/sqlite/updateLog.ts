import type Database from 'better-sqlite3';
import { eq, sql } from 'drizzle-orm';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { FieldbookError } from '@fieldbook/shared';
import type { LoggedUpdate, UpdateEntry } from '../docStore';
import { docUpdates } from './schema';

const toBytes = (b: Buffer): Uint8Array => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
const toBuffer = (u: Uint8Array): Buffer => Buffer.from(u.buffer, u.byteOffset, u.byteLength);

/** The update log's statements: chained appends and walks back along a document's chain. */
export interface UpdateLog {
  /** Appends in one transaction; returns seqs in input order. */
  append(entries: readonly UpdateEntry[]): number[];
  /** A document's updates with seq > `afterSeq`, oldest first. */
  after(docId: string, afterSeq: number): LoggedUpdate[];
  /** Count and bytes of a document's updates with seq > `afterSeq`, and its newest seq. */
  statsAfter(docId: string, afterSeq: number): { count: number; bytes: number; head: number };
}

/**
 * Prepares the update log on `client`. Appends touch only the table's tail
 * page and the documents' `last_seq` (no secondary index on the hot path);
 * reads follow `prev_seq` back from `last_seq`.
 */
export function prepareUpdateLog(client: Database.Database, db: BetterSQLite3Database): UpdateLog {
  const p = sql.placeholder;
  // Hot path: plain prepared statements (drizzle's builder adds measurable cost per row).
  const insert = client.prepare<{
    d: string;
    p: number;
    b: Buffer;
    a: string;
    c: string;
    t: number;
  }>(
    'insert into doc_updates (doc_id, prev_seq, blob, actor, client, ts) values (@d, @p, @b, @a, @c, @t)',
  );
  const setHead = client.prepare<{ d: string; s: number }>(
    'update documents set last_seq = @s where id = @d',
  );
  const head = client
    .prepare<[string], number>('select last_seq from documents where id = ?')
    .pluck();
  const row = db
    .select()
    .from(docUpdates)
    .where(eq(docUpdates.seq, p('seq')))
    .prepare();
  const rowSize = db
    .select({ prevSeq: docUpdates.prevSeq, bytes: sql<number>`length(${docUpdates.blob})` })
    .from(docUpdates)
    .where(eq(docUpdates.seq, p('seq')))
    .prepare();
  const headOf = (docId: string): number => head.get(docId) ?? 0;
  const broken = (docId: string, seq: number) =>
    new FieldbookError('STORAGE_CORRUPT', `Update log of ${docId} is missing seq ${seq}`);

  const append = client.transaction((entries: readonly UpdateEntry[]) => {
    const heads = new Map<string, number>();
    const seqs = entries.map((e) => {
      const prev = heads.get(e.docId) ?? headOf(e.docId);
      const seq = Number(
        insert.run({ d: e.docId, p: prev, b: toBuffer(e.update), a: e.actor, c: e.client, t: e.ts })
          .lastInsertRowid,
      );
      heads.set(e.docId, seq);
      return seq;
    });
    for (const [d, s] of heads) setHead.run({ d, s });
    return seqs;
  });

  return {
    append: (entries) => append(entries),
    after(docId, afterSeq) {
      const rows: LoggedUpdate[] = [];
      for (let seq = headOf(docId); seq > afterSeq;) {
        const r = row.get({ seq });
        if (!r) throw broken(docId, seq);
        rows.push({
          seq,
          docId,
          update: toBytes(r.blob),
          actor: r.actor,
          client: r.client,
          ts: r.ts,
        });
        seq = r.prevSeq;
      }
      return rows.reverse();
    },
    statsAfter(docId, afterSeq) {
      const newest = headOf(docId);
      let count = 0;
      let bytes = 0;
      for (let seq = newest; seq > afterSeq; count++) {
        const r = rowSize.get({ seq });
        if (!r) throw broken(docId, seq);
        bytes += r.bytes;
        seq = r.prevSeq;
      }
      return { count, bytes, head: newest };
    },
  };
}
