import type { ParsedQuery, SearchTerm } from '@fieldbook/shared';

/** The token naming a workspace in the `scope` column (letters and digits only). */
export function scopeToken(workspaceId: string): string {
  return `w${workspaceId.replace(/[^0-9a-zA-Z]/g, '').toLowerCase()}`;
}

/** The columns user terms are matched in (never `scope`). */
const CONTENT_COLUMNS = '{title body tags channels}';

/** A term as an FTS5 phrase. Its tokens are folded words (letters and digits), never syntax. */
function phrase(term: SearchTerm): string {
  for (const t of term.tokens)
    if (!/^[\p{L}\p{N}]+$/u.test(t)) throw new Error(`not a folded word: ${JSON.stringify(t)}`);
  return `"${term.tokens.join(' ')}"${term.prefix ? ' *' : ''}`;
}

/**
 * The FTS5 MATCH expression of a parsed query within one workspace: the
 * workspace's scope token AND every positive term, NOT each excluded one,
 * with user terms confined to the content columns. Built only from folded
 * words, so no user input reaches FTS5's query syntax. Null when the query
 * has no positive term (then nothing is matched by text).
 */
export function ftsMatch(workspaceId: string, query: ParsedQuery): string | null {
  const positive = query.terms.filter((t) => !t.negated).map(phrase);
  if (positive.length === 0) return null;
  const negative = query.terms.filter((t) => t.negated).map(phrase);
  let expr = `scope : "${scopeToken(workspaceId)}" AND ${CONTENT_COLUMNS} : (${positive.join(' AND ')})`;
  for (const n of negative) expr = `(${expr}) NOT ${CONTENT_COLUMNS} : (${n})`;
  return expr;
}

/**
 * The MATCH expression of the query's positive words as one phrase (in the
 * order written), when it has several: rows holding them together rank above
 * rows holding them apart. Null for a single term.
 */
export function ftsPhraseBoost(workspaceId: string, query: ParsedQuery): string | null {
  const positive = query.terms.filter((t) => !t.negated);
  if (positive.length < 2) return null;
  const last = positive[positive.length - 1]!;
  const joined: SearchTerm = {
    tokens: positive.flatMap((t) => t.tokens),
    prefix: last.prefix,
    negated: false,
  };
  return `scope : "${scopeToken(workspaceId)}" AND ${CONTENT_COLUMNS} : (${phrase(joined)})`;
}
