import { and, asc, desc, eq, gte, inArray, lt, lte } from 'drizzle-orm';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import type { Postgres } from '../../postgres/connection';
import { migratePostgres } from '../../postgres/migrate';
import type { DocKey } from '../../storage/docStore';
import type { HistoryStore, StoredEntry } from '../historyStore';
import { entryOf, versionOf } from '../historyRows';
import { pgBranches } from './pgBranches';
import { pgRetention } from './pgRetention';
import { historyEntries, historyParts, namedVersions } from './schema';

const toBuffer = (u: Uint8Array): Buffer => Buffer.from(u.buffer, u.byteOffset, u.byteLength);

type EntryRow = typeof historyEntries.$inferSelect;

/**
 * The history index on PostgreSQL (migrated first), shared by every node:
 * the same rows and queries as the SQLite store. Entries of one document are
 * written by the node indexing it; an entry that grows is an upsert on
 * (workspace, doc, firstSeq), so a second writer replaces rather than
 * duplicates it.
 */
export async function openPgHistoryStore(pg: Postgres): Promise<HistoryStore> {
  const { db } = pg;
  await migratePostgres(pg, 'history');
  const ofDoc = (key: DocKey) =>
    and(eq(historyEntries.workspaceId, key.workspaceId), eq(historyEntries.docId, key.docId));
  /** The part rows of entries starting in [fromSeq, throughSeq]. */
  const partsIn = (key: DocKey, fromSeq: number, throughSeq: number) =>
    and(
      eq(historyParts.workspaceId, key.workspaceId),
      eq(historyParts.docId, key.docId),
      gte(historyParts.firstSeq, fromSeq),
      lte(historyParts.firstSeq, throughSeq),
    );

  const entriesOf = (rows: EntryRow[]): StoredEntry[] => rows.map((r) => entryOf(r));

  const putIn = async (
    tx: Pick<NodePgDatabase, 'insert'>,
    key: DocKey,
    entries: readonly StoredEntry[],
  ) => {
    for (const e of entries) {
      const { parts, snapshot, ...rest } = e;
      const row = { ...rest, snapshot: toBuffer(snapshot) };
      await tx
        .insert(historyEntries)
        .values({ ...key, ...row })
        .onConflictDoUpdate({
          target: [historyEntries.workspaceId, historyEntries.docId, historyEntries.firstSeq],
          set: row,
        });
      // In chunks: a statement takes a bounded number of parameters.
      for (let i = 0; i < parts.length; i += 1000)
        await tx
          .insert(historyParts)
          .values(parts.slice(i, i + 1000).map((part) => ({ ...key, part, firstSeq: e.firstSeq })))
          .onConflictDoNothing();
    }
  };

  return {
    async lastEntry(key) {
      const [row] = await db
        .select()
        .from(historyEntries)
        .where(ofDoc(key))
        .orderBy(desc(historyEntries.firstSeq))
        .limit(1);
      return row ? entriesOf([row])[0]! : null;
    },
    async putEntries(key, entries) {
      await db.transaction((tx) => putIn(tx, key, entries));
    },
    async listEntries(key, page) {
      const before = page.before ?? Number.MAX_SAFE_INTEGER;
      if (page.part === undefined) {
        const rows = await db
          .select()
          .from(historyEntries)
          .where(and(ofDoc(key), lt(historyEntries.firstSeq, before)))
          .orderBy(desc(historyEntries.firstSeq))
          .limit(page.limit);
        return entriesOf(rows);
      }
      const found = await db
        .select({ firstSeq: historyParts.firstSeq })
        .from(historyParts)
        .where(
          and(
            eq(historyParts.workspaceId, key.workspaceId),
            eq(historyParts.docId, key.docId),
            eq(historyParts.part, page.part),
            lt(historyParts.firstSeq, before),
          ),
        )
        .orderBy(desc(historyParts.firstSeq))
        .limit(page.limit);
      const seqs = found.map((r) => r.firstSeq);
      if (seqs.length === 0) return [];
      const rows = await db
        .select()
        .from(historyEntries)
        .where(and(ofDoc(key), inArray(historyEntries.firstSeq, seqs)))
        .orderBy(desc(historyEntries.firstSeq));
      return entriesOf(rows);
    },
    async partsTouched(key, fromSeq, throughSeq) {
      const found = await db
        .selectDistinct({ part: historyParts.part })
        .from(historyParts)
        .where(partsIn(key, fromSeq, throughSeq));
      return found.map((r) => r.part);
    },
    async partTouches(key, fromSeq, throughSeq) {
      return db
        .select({ part: historyParts.part, firstSeq: historyParts.firstSeq })
        .from(historyParts)
        .where(partsIn(key, fromSeq, throughSeq))
        .orderBy(asc(historyParts.firstSeq));
    },
    async entryAt(key, seq) {
      const [row] = await db
        .select()
        .from(historyEntries)
        .where(and(ofDoc(key), lte(historyEntries.firstSeq, seq), gte(historyEntries.lastSeq, seq)))
        .orderBy(desc(historyEntries.firstSeq))
        .limit(1);
      return row ? entriesOf([row])[0]! : null;
    },
    async addVersion(key, v) {
      await db.insert(namedVersions).values({ ...key, ...v, snapshot: toBuffer(v.snapshot) });
    },
    async listVersions(key, page) {
      const found = await db
        .select()
        .from(namedVersions)
        .where(
          and(
            eq(namedVersions.workspaceId, key.workspaceId),
            eq(namedVersions.docId, key.docId),
            lt(namedVersions.seq, page.before ?? Number.MAX_SAFE_INTEGER),
          ),
        )
        .orderBy(desc(namedVersions.seq), desc(namedVersions.id))
        .limit(page.limit);
      return found.map(versionOf);
    },
    async getVersion(key, id) {
      const [row] = await db
        .select()
        .from(namedVersions)
        .where(
          and(
            eq(namedVersions.id, id),
            eq(namedVersions.workspaceId, key.workspaceId),
            eq(namedVersions.docId, key.docId),
          ),
        );
      return row ? versionOf(row) : null;
    },
    ...pgBranches(db),
    ...pgRetention(db, putIn),
    async close() {},
  };
}
