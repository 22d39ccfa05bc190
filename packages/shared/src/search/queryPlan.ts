import type { ParsedQuery, SearchTerm } from './queryParser';

/**
 * English function words (Lucene's English stop set). They stand in most
 * rows of any text, so bm25 gives them next to no weight (FTS5 clamps the
 * idf of a word in more than half the rows to ~0) while scoring them means
 * walking a posting list as long as the corpus.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'a an and are as at be but by for if in into is it no not of on or such that the their ' +
    'then there these they this to was will with'
  ).split(' '),
);

/** True for a term that is a single stop word (not a prefix, not part of a phrase). */
export function isStopTerm(term: SearchTerm): boolean {
  return term.tokens.length === 1 && !term.prefix && STOP_WORDS.has(term.tokens[0]!);
}

/** How an index runs a parsed query (see planQuery). */
export interface QueryPlan {
  /** The terms to match: the query's, without standalone stop words when other words remain. */
  query: ParsedQuery;
  /** True when every word to find is a stop word: hits are ordered newest first, not by score. */
  byRecency: boolean;
}

/**
 * The same plan on the server and offline: standalone stop words are left
 * out of a query that has other words to find (as full-text engines drop
 * them), so "the heater" ranks like "heater"; a query of stop words only
 * still needs them in every hit, but ranks newest first, which an index
 * answers from the head of its posting lists instead of scoring them all.
 * Stop words inside a "phrase" or excluded ones are kept.
 */
export function planQuery(query: ParsedQuery): QueryPlan {
  const positive = query.terms.filter((t) => !t.negated);
  const weighty = positive.filter((t) => !isStopTerm(t));
  if (positive.length > 0 && weighty.length === 0) return { query, byRecency: true };
  return {
    query: { terms: query.terms.filter((t) => t.negated || !isStopTerm(t)) },
    byRecency: false,
  };
}
