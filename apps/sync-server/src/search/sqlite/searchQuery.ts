import type Database from 'better-sqlite3';
import { planQuery } from '@fieldbook/shared';
import type { IndexQuery } from '../searchIndex';
import type { WorkspaceFts } from './ftsTables';
import { ftsMatch, ftsPhraseBoost } from './ftsMatch';
import { readCursor, writeCursor, type PagePosition } from '../pageCursor';
import { filterClause } from './filterSql';

/** bm25 column weights (title, body, tags, channels): the title counts most. */
const WEIGHTS = '10.0, 1.0, 4.0, 2.0';
/** How much better a row ranks when it holds the query's words as one phrase. */
const PHRASE_BOOST = 2.0;
/**
 * How many matches, newest first, a search scores with bm25. FTS5 scores
 * every row it returns (~3 µs each here), so ranking all 10,000 rows
 * holding a frequent word costs tens of ms; walking its index newest first
 * stops after this many (~3 ms). A query with fewer matches is ranked
 * exactly; past the window, hits continue newest first (`older` pages).
 */
export const RANK_WINDOW = 500;

const HAS_TRASHED = 'select 1 from search_docs where workspace_id = ? and trashed = 1 limit 1';
const OF_TENANT = 'select 1 from search_docs where workspace_id = ? and tenant_id = ? limit 1';

/** A matched row: its id and bm25 score (lower is better; 0 past the window). */
export interface Found {
  id: number;
  score: number;
}

/** A page of found rows, best first, and the position of the next page. */
export interface FoundPage {
  found: Found[];
  next: string | null;
}

/**
 * Runs the read side of the SQLite index: terms through the workspace's
 * FTS5 table (scored within RANK_WINDOW, or newest first for stop words
 * only), no terms through search_rows by update time. Filters are joined in
 * before the window is cut, so a narrow filter still finds old rows.
 */
export function findRows(
  prepare: (sql: string) => Database.Statement,
  fts: WorkspaceFts | null,
  q: IndexQuery,
): FoundPage {
  const plan = planQuery(q.query);
  const match = ftsMatch(plan.query);
  const filters = filterClause(q.filters);
  const scope = [q.workspaceId, q.tenantId, ...filters.params];
  const joins = `join search_rows r on r.id = f.rowid join search_docs d on d.doc_pk = r.doc_pk`;
  const where = `d.workspace_id = ? and d.tenant_id = ? ${filters.sql}`;

  if (!match) {
    const after = readCursor(q.after, ['recent']);
    const rows = prepare(
      `select r.id, r.updated_at from search_rows r join search_docs d on d.doc_pk = r.doc_pk
        where ${where} ${after ? 'and (r.updated_at < ? or (r.updated_at = ? and r.id < ?))' : ''}
        order by r.updated_at desc, r.id desc limit ?`,
    ).all(...scope, ...(after ? [after.value, after.value, after.id] : []), q.limit + 1) as {
      id: number;
      updated_at: number;
    }[];
    const last = rows[q.limit - 1];
    return {
      found: rows.slice(0, q.limit).map((r) => ({ id: r.id, score: 0 })),
      next: rows.length > q.limit && last ? writeCursor('recent', last.updated_at, last.id) : null,
    };
  }
  if (!fts) return { found: [], next: null };
  const t = fts.table;
  // Without filters on rows, and with nothing trashed to leave out, the
  // window is read from the FTS5 table alone: no two lookups per match.
  const plain =
    !filterClause({ ...q.filters, includeTrashed: true }).sql &&
    (q.filters.includeTrashed || !prepare(HAS_TRASHED).get(q.workspaceId));
  if (plain && !prepare(OF_TENANT).get(q.workspaceId, q.tenantId)) return { found: [], next: null };
  const source = plain ? `${t} f` : `${t} f ${joins}`;
  const cond = plain ? '' : `and ${where}`;
  const params = plain ? [] : scope;
  const older = (below: number, n: number): Found[] =>
    prepare(
      `select f.rowid as id, 0 as score from ${source}
      where ${t} match ? and f.rowid < ? ${cond} order by f.rowid desc limit ?`,
    ).all(match, below, ...params, n) as Found[];
  const page = (found: Found[]): FoundPage => {
    const last = found[q.limit - 1];
    if (found.length <= q.limit || !last) return { found, next: null };
    const next = last.score
      ? writeCursor('rank', last.score, last.id)
      : writeCursor('older', last.id, last.id);
    return { found: found.slice(0, q.limit), next };
  };

  const after: PagePosition | null = readCursor(
    q.after,
    plan.byRecency ? ['older'] : ['rank', 'older'],
  );
  if (plan.byRecency || after?.order === 'older')
    return page(older(after?.id ?? Number.MAX_SAFE_INTEGER, q.limit + 1));

  const window = prepare(
    `select f.rowid as id, bm25(${t}, ${WEIGHTS}) as score from ${source}
    where ${t} match ? ${cond} order by f.rowid desc limit ${RANK_WINDOW}`,
  ).all(match, ...params) as Found[];
  const boost = ftsPhraseBoost(plan.query);
  if (boost && window.length > 0) {
    const together = new Set(
      prepare(`select rowid from ${t} where ${t} match ? and rowid >= ?`)
        .pluck()
        .all(boost, window[window.length - 1]!.id) as number[],
    );
    for (const w of window) if (together.has(w.id)) w.score *= PHRASE_BOOST;
  }
  window.sort((a, b) => a.score - b.score || a.id - b.id);
  const from = after
    ? window.findIndex((w) => w.score > after.value || (w.score === after.value && w.id > after.id))
    : 0;
  const found = from < 0 ? [] : window.slice(from, from + q.limit + 1);
  if (found.length <= q.limit && window.length === RANK_WINDOW)
    found.push(
      ...older(
        window.reduce((m, w) => Math.min(m, w.id), Infinity),
        q.limit + 1,
      ),
    );
  return page(found);
}
