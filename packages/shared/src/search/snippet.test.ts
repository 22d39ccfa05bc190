import { describe, expect, it } from 'vitest';
import { parseQuery, type ParsedQuery } from './queryParser';
import { highlight, snippet, snippetParts } from './snippet';

const terms = (q: string) => (parseQuery(q) as ParsedQuery).terms;

describe('snippet', () => {
  it('marks whole matched words and phrases, escaping the text', () => {
    expect(highlight('Solar <array> & "solar" arrays', terms('"solar array" arr*'))).toBe(
      '<mark>Solar</mark> &lt;<mark>array</mark>&gt; &amp; &quot;solar&quot; <mark>arrays</mark>',
    );
    expect(highlight('Dust storm', terms('-dust storm'))).toBe('Dust <mark>storm</mark>');
  });

  it('shows the densest passage of a long text with ellipses where cut', () => {
    const filler = (n: number) => Array.from({ length: n }, (_, i) => `w${i}`).join(' ');
    const text = `${filler(80)} the heater tripped twice, heater reset ${filler(80)}`;
    const s = snippet(text, terms('heater'));
    expect(s.startsWith('…')).toBe(true);
    expect(s.endsWith('…')).toBe(true);
    expect(s).toContain('the <mark>heater</mark> tripped twice, <mark>heater</mark> reset');
    expect(s.length).toBeLessThan(250);
  });

  it('starts at the beginning when nothing matches, and keeps short texts whole', () => {
    expect(snippet('Short note body.', terms('zzz'))).toBe('Short note body.');
    expect(snippet('', terms('x'))).toBe('');
  });

  it('splits into parts a UI can render as plain text', () => {
    expect(snippetParts(highlight('a <b> c', terms('c')))).toEqual([
      { text: 'a <b> ', mark: false },
      { text: 'c', mark: true },
    ]);
  });
});
