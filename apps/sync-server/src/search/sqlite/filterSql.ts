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

/** A page position: which ordering it belongs to, the sort value and the row id of the last hit. */
export function writeCursor(order: 'rank' | 'recent', value: number, id: number): string {
  return JSON.stringify([order, value, id]);
}

/**
 * The sort value and row id of a position written for `order`; null for the
 * first page. A position of another ordering (the query changed between
 * pages) or not written here is a VALIDATION_ERROR.
 */
export function readCursor(
  after: string | null,
  order: 'rank' | 'recent',
): [number, number] | null {
  if (after === null) return null;
  try {
    const parsed: unknown = JSON.parse(after);
    if (
      Array.isArray(parsed) &&
      parsed.length === 3 &&
      parsed[0] === order &&
      typeof parsed[1] === 'number' &&
      Number.isInteger(parsed[2])
    ) {
      return [parsed[1], parsed[2]];
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
