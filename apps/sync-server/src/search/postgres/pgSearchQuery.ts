import { sql, type SQL } from 'drizzle-orm';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import {
  planQuery,
  type AnnotationStatus,
  type SearchFilters,
  type SearchKind,
} from '@fieldbook/shared';
import { readCursor, writeCursor } from '../pageCursor';
import type { IndexHit, IndexPage, IndexQuery } from '../searchIndex';
import { tsPhraseBoost, tsQuery } from './pgWords';

/** ts_rank weights {D, C, B, A}: body 1, channels 2, tags 4, title 10, as bm25's on SQLite. */
const WEIGHTS = sql.raw(`'{0.1, 0.2, 0.4, 1.0}'::float4[]`);
/** How much better a row ranks when it holds the query's words as one phrase. */
const PHRASE_BOOST = 2;

interface HitRow extends Record<string, unknown> {
  id: string;
  sort: number;
  kind: SearchKind;
  doc_id: string;
  annotation_id: string | null;
  comment_id: string | null;
  author: string;
  status: AnnotationStatus | null;
  tags: string[];
  channels: string[];
  t_from: number | null;
  t_to: number | null;
  updated_at: string;
  title: string;
  body: string;
  trashed: boolean;
}

/** The filter conditions (on r = search_rows, d = search_docs), every value a parameter. */
function filterSql(f: SearchFilters): SQL {
  const parts: SQL[] = [];
  const anyOf = (column: string, values: readonly string[] | undefined) => {
    if (values && values.length > 0) parts.push(sql`${sql.raw(column)} in ${[...values]}`);
  };
  if (!f.includeTrashed) parts.push(sql`not d.trashed`);
  anyOf('r.kind', f.kind);
  anyOf('r.author', f.author);
  anyOf('r.status', f.status);
  if (f.tags && f.tags.length > 0)
    parts.push(
      sql`r.tags @> array[${sql.join(
        f.tags.map((t) => sql`${t}`),
        sql`, `,
      )}]::text[]`,
    );
  // A note's time is its last update; an annotation's (and its comments') is its span.
  if (f.from !== undefined) parts.push(sql`coalesce(r.t_to, r.updated_at) >= ${f.from}::float8`);
  if (f.to !== undefined) parts.push(sql`coalesce(r.t_from, r.updated_at) <= ${f.to}::float8`);
  return sql.join(
    parts.map((p) => sql` and ${p}`),
    sql``,
  );
}

/**
 * Runs a search on PostgreSQL: terms through the GIN index on the rows'
 * tsvectors, ranked by ts_rank (every match is ranked: PostgreSQL scores a
 * match in well under a microsecond, so no window like SQLite's is needed),
 * newest first when every word is a stop word; without terms, by update time.
 * Filters and the tenant/workspace scope are in the same statement. Pages
 * continue from the last hit's (sort value, id), never by offset.
 */
export async function searchRows(db: NodePgDatabase, q: IndexQuery): Promise<IndexPage> {
  const plan = planQuery(q.query);
  const match = tsQuery(plan.query);
  if (match.impossible) return { hits: [], next: null };
  const order = !match.text ? 'recent' : plan.byRecency ? 'older' : 'rank';
  const after = readCursor(q.after, [order]);
  const tsq = sql`${match.text}::tsquery`;
  const boost = tsPhraseBoost(plan.query);
  const sort =
    order === 'recent'
      ? sql`r.updated_at::float8`
      : order === 'older'
        ? sql`r.id::float8`
        : sql`(ts_rank(${WEIGHTS}, r.words, ${tsq}) * ${
            boost
              ? sql`case when r.words @@ ${boost}::tsquery then ${PHRASE_BOOST} else 1 end`
              : sql`1`
          })::float8`;
  const ascending = order === 'rank' ? sql`asc` : sql`desc`;
  const page = after
    ? order === 'rank'
      ? sql` where (sort < ${after.value}::float8 or (sort = ${after.value}::float8 and id > ${after.id}))`
      : sql` where (sort < ${after.value}::float8 or (sort = ${after.value}::float8 and id < ${after.id}))`
    : sql``;
  const { rows } = await db.execute<HitRow>(sql`
    select * from (
      select r.id, ${sort} as sort, r.kind, d.doc_id, r.annotation_id, r.comment_id, r.author,
        r.status, r.tags, r.channels, r.t_from, r.t_to, r.updated_at, r.title, r.body, d.trashed
      from search_rows r join search_docs d on d.doc_pk = r.doc_pk
      where r.workspace_id = ${q.workspaceId} and d.tenant_id = ${q.tenantId}
        ${match.text ? sql`and r.words @@ ${tsq}` : sql``} ${filterSql(q.filters)}
    ) hits${page}
    order by sort desc, id ${ascending}
    limit ${q.limit + 1}`);
  const hits = rows.slice(0, q.limit);
  const last = hits[hits.length - 1];
  return {
    hits: hits.map((r) => toHit(r, order === 'rank' ? r.sort : 0)),
    next: rows.length > q.limit && last ? writeCursor(order, last.sort, Number(last.id)) : null,
  };
}

function toHit(r: HitRow, score: number): IndexHit {
  return {
    kind: r.kind,
    documentId: r.doc_id,
    annotationId: r.annotation_id,
    commentId: r.comment_id,
    title: r.title,
    body: r.body,
    tags: r.tags,
    author: r.author,
    status: r.status,
    channels: r.channels,
    from: r.t_from,
    to: r.t_to,
    updatedAt: Number(r.updated_at),
    trashed: r.trashed,
    score,
  };
}
