import { describe, expect, it } from 'vitest';
import { parseQuery, type ParsedQuery } from './queryParser';
import { planQuery } from './queryPlan';

const plan = (q: string) => planQuery(parseQuery(q) as ParsedQuery);
const words = (q: string) =>
  plan(q).query.terms.map((t) => (t.negated ? '-' : '') + t.tokens.join(' '));

describe('planQuery', () => {
  it('drops standalone stop words when other words remain', () => {
    expect(words('The heater of the rover')).toEqual(['heater', 'rover']);
    expect(plan('the heater').byRecency).toBe(false);
  });

  it('keeps stop words in phrases, as prefixes and when excluded', () => {
    expect(words('"the rover" the* heater -the')).toEqual(['the rover', 'the', 'heater', '-the']);
  });

  it('ranks a query of stop words only newest first, keeping its words', () => {
    expect(plan('the').byRecency).toBe(true);
    expect(words('To be or not to be -heater')).toEqual([
      'to',
      'be',
      'or',
      'not',
      'to',
      'be',
      '-heater',
    ]);
    expect(plan('To be or not to be -heater').byRecency).toBe(true);
  });

  it('leaves a query without words alone', () => {
    expect(plan('')).toEqual({ query: { terms: [] }, byRecency: false });
  });
});
