import type { SearchEntry } from '@fieldbook/crdt-model';
import { wordsOf, type ParsedQuery, type SearchTerm } from '@fieldbook/shared';

/** Highest position PostgreSQL keeps in a tsvector (later words share it). */
const MAX_POSITION = 16_383;
/** Positions a lexeme keeps at most (PostgreSQL's limit is 256). */
const MAX_POSITIONS = 255;
/** Longest lexeme PostgreSQL accepts, in bytes. */
const MAX_LEXEME_BYTES = 2_046;
/** Empty positions between fields, so a phrase never spans two of them. */
const FIELD_GAP = 8;

const fits = (word: string) => Buffer.byteLength(word) <= MAX_LEXEME_BYTES;
const quote = (word: string) => `'${word.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;

/**
 * The tsvector (as its text form, cast with ::tsvector, which keeps lexemes
 * verbatim) of a row: its folded words (the shared tokenizer FTS5 mirrors)
 * with positions, the title weighted A, tags B, channels C, body D — the
 * order bm25 weights them on SQLite. A word longer than a lexeme may be is
 * left out: no query can name it either (see tsQuery).
 */
export function tsVectorText(e: SearchEntry): string {
  const lexemes = new Map<string, string[]>();
  let position = 0;
  const add = (text: string, weight: 'A' | 'B' | 'C' | 'D') => {
    for (const word of wordsOf(text)) {
      position = Math.min(position + 1, MAX_POSITION);
      if (!fits(word)) continue;
      let list = lexemes.get(word);
      if (!list) lexemes.set(word, (list = []));
      if (list.length < MAX_POSITIONS) list.push(`${position}${weight}`);
    }
    position = Math.min(position + FIELD_GAP, MAX_POSITION);
  };
  add(e.title, 'A');
  add(e.tags.join(' '), 'B');
  add(e.channels.join(' '), 'C');
  add(e.body, 'D');
  return [...lexemes].map(([word, list]) => `${quote(word)}:${list.join(',')}`).join(' ');
}

/** A term as tsquery text: its words in sequence (<->), the last a prefix (:*) when asked. */
function phrase(term: SearchTerm): string {
  const parts = term.tokens.map(quote);
  if (term.prefix) parts[parts.length - 1] += ':*';
  return parts.length === 1 ? parts[0]! : `(${parts.join(' <-> ')})`;
}

/**
 * The tsquery (text form, cast with ::tsquery) of a query's terms: every
 * positive term and NOT each excluded one; null when no positive term is
 * left. Built only from folded words, so no user input reaches tsquery
 * syntax. A positive term with a word too long to be indexed matches
 * nothing (`impossible`); such an excluded term excludes nothing.
 */
export function tsQuery(query: ParsedQuery): { text: string | null; impossible: boolean } {
  const positive = query.terms.filter((t) => !t.negated);
  if (positive.some((t) => !t.tokens.every(fits))) return { text: null, impossible: true };
  if (positive.length === 0) return { text: null, impossible: false };
  const negative = query.terms.filter((t) => t.negated && t.tokens.every(fits));
  const text = [...positive.map(phrase), ...negative.map((t) => `!${phrase(t)}`)].join(' & ');
  return { text, impossible: false };
}

/** The query's positive words as one phrase, when it has several: rows holding them together rank higher. */
export function tsPhraseBoost(query: ParsedQuery): string | null {
  const positive = query.terms.filter((t) => !t.negated);
  if (positive.length < 2) return null;
  return phrase({
    tokens: positive.flatMap((t) => t.tokens),
    prefix: positive[positive.length - 1]!.prefix,
    negated: false,
  });
}
