import { wordsOf } from './tokenize';

/**
 * One term of a search: a word (one token), a phrase (several tokens that
 * must stand together), either possibly a prefix (its last token may be the
 * start of a word), possibly excluded (`-term`).
 */
export interface SearchTerm {
  /** Folded words (see tokenize.ts); never empty. */
  tokens: string[];
  prefix: boolean;
  negated: boolean;
}

/** A parsed search: its terms in the order written. No terms: match everything (filters only). */
export interface ParsedQuery {
  terms: SearchTerm[];
}

/** Longest query text accepted, in characters. */
export const MAX_QUERY_LENGTH = 1000;
/** Most terms a query may hold. */
export const MAX_QUERY_TERMS = 32;

/** Why a query cannot run, for the person who typed it. */
export type QueryProblem = 'too-long' | 'too-many-terms' | 'only-exclusions';

/** Human wording of each QueryProblem. */
export const QUERY_PROBLEM_TEXT: Record<QueryProblem, string> = {
  'too-long': `A search is at most ${MAX_QUERY_LENGTH} characters`,
  'too-many-terms': `A search holds at most ${MAX_QUERY_TERMS} words or phrases`,
  'only-exclusions': 'Add a word to find: a search cannot consist of exclusions (-word) only',
};

/**
 * Parses what a person typed into a search: words, "quoted phrases",
 * `prefix*` and `-excluded` terms. Any other character is just a separator,
 * so stray quotes, parentheses, `NEAR(`, `*` alone or control characters are
 * ordinary input, never syntax of an underlying engine. A word with inner
 * punctuation (`e-mail`, `v1.2`) is a phrase of its parts, as indexed.
 */
export function parseQuery(input: string): ParsedQuery | { problem: QueryProblem } {
  if (input.length > MAX_QUERY_LENGTH) return { problem: 'too-long' };
  const terms: SearchTerm[] = [];
  let i = 0;
  while (i < input.length) {
    const c = input[i]!;
    if (/\s/u.test(c)) {
      i++;
      continue;
    }
    let negated = false;
    if (c === '-' && i + 1 < input.length && !/\s/u.test(input[i + 1]!)) {
      negated = true;
      i++;
    }
    let raw: string;
    let quoted = false;
    if (input[i] === '"') {
      const close = input.indexOf('"', i + 1);
      const end = close === -1 ? input.length : close;
      raw = input.slice(i + 1, end);
      i = end + 1;
      quoted = true;
    } else {
      let end = i;
      while (end < input.length && !/\s/u.test(input[end]!) && input[end] !== '"') end++;
      raw = input.slice(i, end);
      i = end;
    }
    const tokens = wordsOf(raw);
    if (tokens.length === 0) continue;
    const prefix = !quoted && /[\p{L}\p{N}\p{M}]\*+$/u.test(raw);
    terms.push({ tokens, prefix, negated });
  }
  if (terms.length > MAX_QUERY_TERMS) return { problem: 'too-many-terms' };
  if (terms.length > 0 && terms.every((t) => t.negated)) return { problem: 'only-exclusions' };
  return { terms };
}

/** True when `token` (a folded word of a text) is matched by the last or only token of `term`. */
export function tokenMatches(term: SearchTerm, index: number, token: string): boolean {
  const want = term.tokens[index]!;
  return term.prefix && index === term.tokens.length - 1 ? token.startsWith(want) : token === want;
}

/** True when the folded `words` of a text contain `term` (a phrase: its tokens adjacent, in order). */
export function containsTerm(words: readonly string[], term: SearchTerm): boolean {
  const n = term.tokens.length;
  for (let start = 0; start + n <= words.length; start++) {
    let ok = true;
    for (let k = 0; k < n && ok; k++) ok = tokenMatches(term, k, words[start + k]!);
    if (ok) return true;
  }
  return false;
}
