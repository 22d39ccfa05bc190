import { sql } from 'drizzle-orm';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import { docUpdates, documents } from './schema';

/** One update to append, its document resolved to the row key. */
export interface RowEntry {
  docPk: number;
  update: Uint8Array;
  actor: string;
  client: string;
  ts: number;
}

/**
 * Appends `rows` in one transaction (group commit) and returns their seqs in
 * input order.
 *
 * Seqs come from a per-document counter row (`documents.last_seq`), bumped by
 * `UPDATE … RETURNING` in the same transaction as the insert. We chose the
 * counter row over `pg_advisory_xact_lock(hash(key))` because one statement
 * both takes the document's row lock and allocates the seqs (one round trip
 * instead of a lock, a `max(seq)` read and a write); the lock is exact per
 * document (a hash could make two documents wait for each other); it ends
 * with the transaction, so a rolled-back append leaves no gap; and it needs
 * no scan of the log to know its head. Appends from any number of nodes to
 * one document therefore run one after another in seq order, and the
 * primary key (doc_pk, seq) refuses any duplicate that slipped past anyway.
 * Documents of one batch are locked in ascending key order, so two batches
 * spanning the same documents cannot deadlock.
 */
export async function appendRows(db: NodePgDatabase, rows: readonly RowEntry[]): Promise<number[]> {
  const counts = new Map<number, number>();
  for (const row of rows) counts.set(row.docPk, (counts.get(row.docPk) ?? 0) + 1);
  const order = [...counts.keys()].sort((a, b) => a - b);
  return db.transaction(async (tx) => {
    const next = new Map<number, number>();
    for (const docPk of order) {
      const n = counts.get(docPk)!;
      const [bumped] = await tx
        .update(documents)
        .set({ lastSeq: sql`${documents.lastSeq} + ${n}` })
        .where(sql`${documents.pk} = ${docPk}`)
        .returning({ lastSeq: documents.lastSeq });
      next.set(docPk, bumped!.lastSeq - n + 1);
    }
    const seqs = rows.map((row) => {
      const seq = next.get(row.docPk)!;
      next.set(row.docPk, seq + 1);
      return seq;
    });
    await tx.insert(docUpdates).values(
      rows.map((row, i) => ({
        docPk: row.docPk,
        seq: seqs[i]!,
        blob: row.update,
        actor: row.actor,
        client: row.client,
        ts: row.ts,
      })),
    );
    return seqs;
  });
}
