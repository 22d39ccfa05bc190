import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { and, asc, desc, eq, gte, inArray, lt, lte } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import type { ChangeSummary } from '@fieldbook/shared';
import type { DocKey } from '../../storage/docStore';
import type { HistoryStore, StoredEntry } from '../historyStore';
import { entryOf, versionOf } from '../historyRows';
import { historyEntries, historyParts, namedVersions } from './schema';
import { sqliteBranches } from './sqliteBranches';
import { sqliteRetention } from './sqliteRetention';

const MIGRATIONS = join(dirname(fileURLToPath(import.meta.url)), '../../../drizzle/history');

const toBuffer = (u: Uint8Array): Buffer => Buffer.from(u.buffer, u.byteOffset, u.byteLength);

type EntryRow = typeof historyEntries.$inferSelect;

/** The history index in its own SQLite file (WAL, drizzle migrations from drizzle/history). */
export function openSqliteHistoryStore(
  file: string,
  durability: 'normal' | 'power' = 'normal',
): HistoryStore {
  mkdirSync(dirname(file), { recursive: true });
  const client = new Database(file);
  client.pragma('journal_mode = WAL');
  client.pragma(`synchronous = ${durability === 'power' ? 'FULL' : 'NORMAL'}`);
  client.pragma('busy_timeout = 5000');
  const db = drizzle({ client });
  migrate(db, { migrationsFolder: MIGRATIONS });
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

  const entriesOf = (rows: EntryRow[]): StoredEntry[] =>
    rows.map((r) => entryOf({ ...r, summary: JSON.parse(r.summary) as ChangeSummary }));

  const put = client.transaction((key: DocKey, entries: readonly StoredEntry[]) => {
    for (const e of entries) {
      const { parts, summary, snapshot, ...rest } = e;
      const row = { ...rest, summary: JSON.stringify(summary), snapshot: toBuffer(snapshot) };
      db.insert(historyEntries)
        .values({ ...key, ...row })
        .onConflictDoUpdate({
          target: [historyEntries.workspaceId, historyEntries.docId, historyEntries.firstSeq],
          set: row,
        })
        .run();
      if (parts.length === 0) continue;
      // In chunks: a statement takes a bounded number of variables.
      for (let i = 0; i < parts.length; i += 500) {
        db.insert(historyParts)
          .values(parts.slice(i, i + 500).map((part) => ({ ...key, part, firstSeq: e.firstSeq })))
          .onConflictDoNothing()
          .run();
      }
    }
  });

  return {
    ...sqliteBranches(db),
    ...sqliteRetention(client, db, put),
    async lastEntry(key) {
      const row = db
        .select()
        .from(historyEntries)
        .where(ofDoc(key))
        .orderBy(desc(historyEntries.firstSeq))
        .limit(1)
        .get();
      return row ? entriesOf([row])[0]! : null;
    },
    async putEntries(key, entries) {
      put(key, entries);
    },
    async listEntries(key, page) {
      const before = page.before ?? Number.MAX_SAFE_INTEGER;
      if (page.part === undefined) {
        const rows = db
          .select()
          .from(historyEntries)
          .where(and(ofDoc(key), lt(historyEntries.firstSeq, before)))
          .orderBy(desc(historyEntries.firstSeq))
          .limit(page.limit)
          .all();
        return entriesOf(rows);
      }
      const seqs = db
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
        .limit(page.limit)
        .all()
        .map((r) => r.firstSeq);
      if (seqs.length === 0) return [];
      const rows = db
        .select()
        .from(historyEntries)
        .where(and(ofDoc(key), inArray(historyEntries.firstSeq, seqs)))
        .orderBy(desc(historyEntries.firstSeq))
        .all();
      return entriesOf(rows);
    },
    async partsTouched(key, fromSeq, throughSeq) {
      return db
        .selectDistinct({ part: historyParts.part })
        .from(historyParts)
        .where(partsIn(key, fromSeq, throughSeq))
        .all()
        .map((r) => r.part);
    },
    async partTouches(key, fromSeq, throughSeq) {
      return db
        .select({ part: historyParts.part, firstSeq: historyParts.firstSeq })
        .from(historyParts)
        .where(partsIn(key, fromSeq, throughSeq))
        .orderBy(asc(historyParts.firstSeq))
        .all();
    },
    async entryAt(key, seq) {
      const row = db
        .select()
        .from(historyEntries)
        .where(and(ofDoc(key), lte(historyEntries.firstSeq, seq), gte(historyEntries.lastSeq, seq)))
        .orderBy(desc(historyEntries.firstSeq))
        .limit(1)
        .get();
      return row ? entriesOf([row])[0]! : null;
    },
    async addVersion(key, v) {
      db.insert(namedVersions)
        .values({ ...key, ...v, snapshot: toBuffer(v.snapshot) })
        .run();
    },
    async listVersions(key, page) {
      return db
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
        .limit(page.limit)
        .all()
        .map(versionOf);
    },
    async getVersion(key, id) {
      const row = db
        .select()
        .from(namedVersions)
        .where(
          and(
            eq(namedVersions.id, id),
            eq(namedVersions.workspaceId, key.workspaceId),
            eq(namedVersions.docId, key.docId),
          ),
        )
        .get();
      return row ? versionOf(row) : null;
    },
    async close() {
      client.close();
    },
  };
}
