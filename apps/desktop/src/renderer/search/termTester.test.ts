import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { containsTerm, parseQuery, wordsOf, type ParsedQuery } from '@fieldbook/shared';
import { termTester } from './termTester';

const term = (q: string) => (parseQuery(q) as ParsedQuery).terms[0]!;

describe('termTester', () => {
  it('finds words and phrases as whole folded words, prefixes as word starts', () => {
    expect(termTester(term('"solar array"'))('The Solar, ARRAY.')).toBe(true);
    expect(termTester(term('"solar array"'))('solar arrays')).toBe(false);
    expect(termTester(term('"solar array"'))('a solar panel array')).toBe(false);
    expect(termTester(term('arr*'))('the Arrays')).toBe(true);
    expect(termTester(term('arr*'))('bizarre')).toBe(false);
    expect(termTester(term('cafe'))('Café au lait')).toBe(true);
  });

  it('answers as containsTerm over wordsOf for any text and term', () => {
    const word = fc.constantFrom('a', 'ab', 'solar', 'Array', 'arr', 'É', 'é', '1', 'x9');
    const sep = fc.constantFrom(' ', ', ', '-', '.', '\n', '_', '\u0301', '');
    const text = fc
      .array(fc.tuple(word, sep), { maxLength: 8 })
      .map((parts) => parts.map(([w, s]) => w + s).join(''));
    const query = fc
      .tuple(fc.array(word, { minLength: 1, maxLength: 3 }), fc.boolean(), fc.boolean())
      .map(([ws, quoted, prefix]) =>
        quoted ? `"${ws.join(' ')}"` : `${ws[0]}${prefix ? '*' : ''}`,
      );
    fc.assert(
      fc.property(text, query, (t, q) => {
        const parsed = parseQuery(q) as ParsedQuery;
        fc.pre(parsed.terms.length === 1);
        const one = parsed.terms[0]!;
        expect(termTester(one)(t)).toBe(containsTerm(wordsOf(t), one));
      }),
      { numRuns: 2000 },
    );
  });
});
