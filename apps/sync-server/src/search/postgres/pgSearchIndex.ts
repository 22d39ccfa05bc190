import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Postgres } from '../../postgres/connection';
import { migratePostgres } from '../../postgres/migrate';
import type { DocumentRows, SearchIndex } from '../searchIndex';
import { tsVectorText } from './pgWords';
import { searchRows } from './pgSearchQuery';
import { searchDocs as docs, searchRows as rows, searchWorkspaces as workspaces } from './schema';

/** Rows per insert statement (15 parameters each, under PostgreSQL's 65,535). */
const INSERT_ROWS = 1_000;

type Tx = Parameters<Parameters<Postgres['db']['transaction']>[0]>[0];

/** Splits a write into runs naming each document once (one upsert statement per run). */
function uniqueRuns(list: readonly DocumentRows[]): DocumentRows[][] {
  const runs: DocumentRows[][] = [];
  let seen = new Set<string>();
  for (const d of list) {
    const key = JSON.stringify([d.ref.workspaceId, d.ref.docId]);
    if (runs.length === 0 || seen.has(key)) {
      runs.push([]);
      seen = new Set();
    }
    seen.add(key);
    runs.at(-1)!.push(d);
  }
  return runs;
}

/** Upserts the documents of a run, drops the rows they replace, inserts their new rows: a few statements, not three per document. */
async function writeRun(tx: Tx, run: DocumentRows[]): Promise<void> {
  const pks = await tx
    .insert(docs)
    .values(
      run.map(({ ref, seq, trashed }) => ({
        tenantId: ref.tenantId,
        workspaceId: ref.workspaceId,
        docId: ref.docId,
        seq,
        trashed,
      })),
    )
    .onConflictDoUpdate({
      target: [docs.workspaceId, docs.docId],
      set: { seq: sql`greatest(${docs.seq}, excluded.seq)`, trashed: sql`excluded.trashed` },
    })
    .returning({ docPk: docs.docPk, workspaceId: docs.workspaceId, docId: docs.docId });
  const pkOf = new Map(pks.map((r) => [JSON.stringify([r.workspaceId, r.docId]), r.docPk]));
  const entries = run.map((d) => ({
    d,
    docPk: pkOf.get(JSON.stringify([d.ref.workspaceId, d.ref.docId]))!,
  }));
  const whole = entries.filter((e) => e.d.replace === 'all').map((e) => e.docPk);
  if (whole.length > 0) await tx.delete(rows).where(inArray(rows.docPk, whole));
  for (const { d, docPk } of entries)
    if (d.replace !== 'all' && d.replace.annotations.length > 0)
      await tx
        .delete(rows)
        .where(and(eq(rows.docPk, docPk), inArray(rows.annotationId, d.replace.annotations)));
  const values = entries.flatMap(({ d, docPk }) =>
    d.rows.map((e) => ({
      docPk,
      workspaceId: d.ref.workspaceId,
      kind: e.kind,
      annotationId: e.annotationId,
      commentId: e.commentId,
      author: e.author,
      status: e.status,
      tags: e.tags,
      channels: e.channels,
      tFrom: e.from,
      tTo: e.to,
      updatedAt: e.updatedAt,
      title: e.title,
      body: e.body,
      words: sql`${tsVectorText(e)}::tsvector` as unknown as string,
    })),
  );
  for (let i = 0; i < values.length; i += INSERT_ROWS)
    await tx.insert(rows).values(values.slice(i, i + INSERT_ROWS));
}

/**
 * Opens the PostgreSQL full-text search index (migrating its tables first),
 * shared by every node. A write is one transaction; its upsert of the
 * document row locks it, so two nodes indexing one document apply their
 * writes one after the other. Matching is whole folded words and prefixes,
 * phrases and exclusions, as on SQLite (see pgWords.ts, pgSearchQuery.ts).
 */
export async function openPgSearchIndex(options: { pg: Postgres }): Promise<SearchIndex> {
  const { pg } = options;
  const { db } = pg;
  await migratePostgres(pg, 'search');

  return {
    async write(list) {
      await db.transaction(async (tx) => {
        for (const run of uniqueRuns(list)) await writeRun(tx, run);
      });
    },
    async setTrashed(key, trashed) {
      await db
        .update(docs)
        .set({ trashed })
        .where(and(eq(docs.workspaceId, key.workspaceId), eq(docs.docId, key.docId)));
    },
    async removeDocument(key) {
      await db.transaction(async (tx) => {
        const gone = await tx
          .delete(docs)
          .where(and(eq(docs.workspaceId, key.workspaceId), eq(docs.docId, key.docId)))
          .returning({ docPk: docs.docPk });
        if (gone.length > 0) await tx.delete(rows).where(eq(rows.docPk, gone[0]!.docPk));
      });
    },
    search: (q) => searchRows(db, q),
    async indexedSeqs(workspaceId) {
      const found = await db
        .select({ docId: docs.docId, seq: docs.seq })
        .from(docs)
        .where(eq(docs.workspaceId, workspaceId));
      return new Map(found.map((r) => [r.docId, r.seq]));
    },
    async workspaceStamp(workspaceId) {
      const [row] = await db
        .select({ version: workspaces.version, builtAt: workspaces.builtAt })
        .from(workspaces)
        .where(eq(workspaces.workspaceId, workspaceId));
      return row ?? null;
    },
    async markBuilt(ref, stamp) {
      const set = { version: stamp.version, builtAt: stamp.builtAt };
      await db
        .insert(workspaces)
        .values({ workspaceId: ref.workspaceId, tenantId: ref.tenantId, ...set })
        .onConflictDoUpdate({ target: workspaces.workspaceId, set });
    },
    async knownWorkspaces() {
      const { rows: found } = await db.execute<{ tenantId: string; workspaceId: string }>(sql`
        select tenant_id as "tenantId", workspace_id as "workspaceId" from search_workspaces
        union select distinct tenant_id, workspace_id from search_docs`);
      return found.map((r) => ({ tenantId: r.tenantId, workspaceId: r.workspaceId }));
    },
    async clearWorkspace(workspaceId) {
      await db.transaction(async (tx) => {
        await tx.delete(rows).where(eq(rows.workspaceId, workspaceId));
        await tx.delete(docs).where(eq(docs.workspaceId, workspaceId));
        await tx.delete(workspaces).where(eq(workspaces.workspaceId, workspaceId));
      });
    },
    async close() {},
  };
}
