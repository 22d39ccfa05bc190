import type { SearchFilters } from '@fieldbook/shared';

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
