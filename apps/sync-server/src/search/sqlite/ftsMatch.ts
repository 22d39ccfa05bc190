import type { ParsedQuery, SearchTerm } from '@fieldbook/shared';

/** A term as an FTS5 phrase. Its tokens are folded words (letters and digits), never syntax. */
function phrase(term: SearchTerm): string {
  for (const t of term.tokens)
    if (!/^[\p{L}\p{N}]+$/u.test(t)) throw new Error(`not a folded word: ${JSON.stringify(t)}`);
  return `"${term.tokens.join(' ')}"${term.prefix ? ' *' : ''}`;
}

/**
 * The FTS5 MATCH expression of a parsed query: every positive term, NOT each
 * excluded one. Built only from folded words, so no user input reaches
 * FTS5's query syntax. Null when the query has no positive term (then
 * nothing is matched by text). The table is the workspace's own, so the
 * expression needs no scope.
 */
export function ftsMatch(query: ParsedQuery): string | null {
  const positive = query.terms.filter((t) => !t.negated).map(phrase);
  if (positive.length === 0) return null;
  const negative = query.terms.filter((t) => t.negated).map(phrase);
  let expr = positive.join(' AND ');
  for (const n of negative) expr = `(${expr}) NOT ${n}`;
  return expr;
}

/**
 * The MATCH expression of the query's positive words as one phrase (in the
 * order written), when it has several: rows holding them together rank above
 * rows holding them apart. Null for a single term.
 */
export function ftsPhraseBoost(query: ParsedQuery): string | null {
  const positive = query.terms.filter((t) => !t.negated);
  if (positive.length < 2) return null;
  const last = positive[positive.length - 1]!;
  const joined: SearchTerm = {
    tokens: positive.flatMap((t) => t.tokens),
    prefix: last.prefix,
    negated: false,
  };
  return phrase(joined);
}
