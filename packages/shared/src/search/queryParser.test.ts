import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_QUERY_TERMS, containsTerm, parseQuery, type ParsedQuery } from './queryParser';
import { wordsOf } from './tokenize';

const terms = (q: string) => (parseQuery(q) as ParsedQuery).terms;
/** Characters that mean something to a parser or an engine, and some that do not. */
const QUERY_CHARS = fc.constantFrom(
  ...'"()*-+:^{}[]~\\/. \t\n\u0000\u00adaZé\u0301ß日🙂ǅ0_'.split(''),
  'NEAR',
  'AND',
  'OR',
  '\ud800',
);

describe('parseQuery', () => {
  it('reads words, phrases, prefixes and exclusions', () => {
    expect(terms('Dust  "solar array" volt* -heater')).toEqual([
      { tokens: ['dust'], prefix: false, negated: false },
      { tokens: ['solar', 'array'], prefix: false, negated: false },
      { tokens: ['volt'], prefix: true, negated: false },
      { tokens: ['heater'], prefix: false, negated: true },
    ]);
    expect(terms('-"dust storm" e-mail')).toEqual([
      { tokens: ['dust', 'storm'], prefix: false, negated: true },
      { tokens: ['e', 'mail'], prefix: false, negated: false },
    ]);
  });

  it('folds case and diacritics like the index does', () => {
    expect(terms('Ångström CAFÉ')).toEqual([
      { tokens: ['angstrom'], prefix: false, negated: false },
      { tokens: ['cafe'], prefix: false, negated: false },
    ]);
  });

  it('treats engine syntax and stray characters as plain input', () => {
    expect(terms('NEAR(a b) OR "x')).toEqual([
      { tokens: ['near', 'a'], prefix: false, negated: false },
      { tokens: ['b'], prefix: false, negated: false },
      { tokens: ['or'], prefix: false, negated: false },
      { tokens: ['x'], prefix: false, negated: false },
    ]);
    expect(terms('*')).toEqual([]);
    expect(terms('" ( ) - * ^ : \u0000')).toEqual([]);
    expect(terms('a\u0000b')).toEqual([{ tokens: ['a', 'b'], prefix: false, negated: false }]);
  });

  it('names what makes a query impossible', () => {
    expect(parseQuery('x'.repeat(10_000))).toEqual({ problem: 'too-long' });
    expect(
      parseQuery(Array.from({ length: MAX_QUERY_TERMS + 1 }, (_, i) => `w${i}`).join(' ')),
    ).toEqual({
      problem: 'too-many-terms',
    });
    expect(parseQuery('-dust -storm')).toEqual({ problem: 'only-exclusions' });
  });

  it('never throws and yields only non-empty word tokens', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60, unit: QUERY_CHARS }), (q) => {
        const parsed = parseQuery(q);
        if ('problem' in parsed) return true;
        return parsed.terms.every(
          (t) =>
            t.tokens.length > 0 &&
            t.tokens.every((tok) => {
              const again = wordsOf(tok);
              return again.length === 1 && again[0] === tok;
            }),
        );
      }),
      { numRuns: 300 },
    );
  });
});

describe('containsTerm', () => {
  const words = wordsOf('The solar array voltage dropped; array solar reversed.');
  it('finds phrases only when adjacent and in order', () => {
    const [solarArray] = terms('"solar array"');
    const [arrayVolt] = terms('"array volt"');
    expect(containsTerm(words, solarArray!)).toBe(true);
    expect(containsTerm(words, arrayVolt!)).toBe(false);
    expect(containsTerm(words, terms('"array volt"*')[0]!)).toBe(false);
    expect(containsTerm(words, terms('volt*')[0]!)).toBe(true);
    expect(containsTerm(words, terms('volt')[0]!)).toBe(false);
  });
});
