import { FieldbookError, type SearchFilters } from '@fieldbook/shared';

/** Separates list values in a column (see sqliteSearchIndex). */
const SEP = '\u001f';

/**
 * The SQL conditions (`and …`, on `r` = search_rows and `d` = search_docs)
 * and parameters of a search's filters. Every value is a bound parameter.
 */
export function filterClause(f: SearchFilters): { sql: string; params: unknown[] } {
  const parts: string[] = [];
  const params: unknown[] = [];
  const anyOf = (column: string, values: readonly string[] | undefined) => {
    if (!values || values.length === 0) return;
    parts.push(`${column} in (${values.map(() => '?').join(', ')})`);
    params.push(...values);
  };
  if (!f.includeTrashed) parts.push('d.trashed = 0');
  anyOf('r.kind', f.kind);
  anyOf('r.author', f.author);
  anyOf('r.status', f.status);
  for (const tag of f.tags ?? []) {
    parts.push('instr(r.tags, ?) > 0');
    params.push(SEP + tag + SEP);
  }
  // A note's time is its last update; an annotation's (and its comments') is its span.
  if (f.from !== undefined) {
    parts.push('coalesce(r.t_to, r.updated_at) >= ?');
    params.push(f.from);
  }
  if (f.to !== undefined) {
    parts.push('coalesce(r.t_from, r.updated_at) <= ?');
    params.push(f.to);
  }
  return { sql: parts.map((p) => `and ${p}`).join(' '), params };
}

/**
 * The orderings a page position belongs to: by score within the rank window
 * (`rank`), by row age past it or for stop-word queries (`older`), by update
 * time without terms (`recent`).
 */
export type PageOrder = 'rank' | 'older' | 'recent';

/** A decoded page position: its ordering, the sort value and the row id of the last hit. */
export interface PagePosition {
  order: PageOrder;
  value: number;
  id: number;
}

/** Encodes a page position (opaque to clients). */
export function writeCursor(order: PageOrder, value: number, id: number): string {
  return JSON.stringify([order, value, id]);
}

/**
 * The position written for one of `orders`; null for the first page. A
 * position of another ordering (the query changed between pages) or not
 * written here is a VALIDATION_ERROR.
 */
export function readCursor(
  after: string | null,
  orders: readonly PageOrder[],
): PagePosition | null {
  if (after === null) return null;
  try {
    const parsed: unknown = JSON.parse(after);
    if (
      Array.isArray(parsed) &&
      parsed.length === 3 &&
      orders.includes(parsed[0] as PageOrder) &&
      typeof parsed[1] === 'number' &&
      Number.isInteger(parsed[2])
    ) {
      return { order: parsed[0] as PageOrder, value: parsed[1], id: parsed[2] as number };
    }
  } catch {
    // not a position this index wrote
  }
  throw new FieldbookError(
    'VALIDATION_ERROR',
    'malformed cursor: pass back the nextCursor of the same search unchanged',
    { field: 'cursor' },
  );
}
