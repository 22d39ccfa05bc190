import { eq, sql } from 'drizzle-orm';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import type { Checkpoint } from '../docStore';
import { docCheckpoints } from './schema';

const toBytes = (b: Buffer): Uint8Array => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
const toBuffer = (u: Uint8Array): Buffer => Buffer.from(u.buffer, u.byteOffset, u.byteLength);

/** The history checkpoint statements: one row per document, replaced by newer ones. */
export function prepareCheckpoints(db: BetterSQLite3Database) {
  const read = db
    .select({ seq: docCheckpoints.seq, state: docCheckpoints.state })
    .from(docCheckpoints)
    .where(eq(docCheckpoints.docPk, sql.placeholder('docPk')))
    .prepare();
  return {
    read(docPk: number): Checkpoint | null {
      const row = read.get({ docPk });
      return row ? { seq: row.seq, state: toBytes(row.state) } : null;
    },
    /** Keeps the newer of the stored and the given checkpoint. */
    write(docPk: number, checkpoint: Checkpoint): void {
      const row = { seq: checkpoint.seq, state: toBuffer(checkpoint.state), createdAt: Date.now() };
      db.insert(docCheckpoints)
        .values({ docPk, ...row })
        .onConflictDoUpdate({
          target: docCheckpoints.docPk,
          set: row,
          setWhere: sql`${docCheckpoints.seq} < excluded.seq`,
        })
        .run();
    },
  };
}
