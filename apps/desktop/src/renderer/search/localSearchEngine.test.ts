import { describe, expect, it } from 'vitest';
import type { SearchEntry } from '@fieldbook/crdt-model';
import { newId, type SearchFilters } from '@fieldbook/shared';
import { LocalSearchEngine } from './localSearchEngine';

function note(title: string, body: string, over: Partial<SearchEntry> = {}): SearchEntry {
  return {
    kind: 'note',
    documentId: newId(),
    annotationId: null,
    commentId: null,
    title,
    body,
    tags: [],
    author: 'alice',
    status: null,
    channels: [],
    from: null,
    to: null,
    updatedAt: 1000,
    ...over,
  };
}

const annotation = (docId: string, title: string, body: string, over: Partial<SearchEntry> = {}) =>
  note(title, body, {
    kind: 'annotation',
    documentId: docId,
    annotationId: newId(),
    status: 'draft',
    channels: ['volt.bus'],
    from: 100,
    to: 200,
    ...over,
  });

function engineWith(...rows: SearchEntry[]) {
  const engine = new LocalSearchEngine();
  for (const r of rows) engine.setDocument(r.documentId, [r], false);
  return engine;
}

const titles = (engine: LocalSearchEngine, q: string, filters: SearchFilters = {}) => {
  const page = engine.search(q, filters, { limit: 50 });
  if ('problem' in page) throw new Error(page.problem);
  return page.items.map((h) => h.title);
};

describe('LocalSearchEngine', () => {
  it('ranks title above body and a phrase above scattered words, as the server does', () => {
    const e = engineWith(
      note('Daily log', 'The heater tripped after the dust storm.'),
      note('Heater failure', 'Stopped overnight.'),
    );
    expect(titles(e, 'heater')).toEqual(['Heater failure', 'Daily log']);
    const filler = 'lorem ipsum dolor sit amet '.repeat(4);
    const p = engineWith(
      note('A', `solar ${filler} array`),
      note('B', `the solar array ${filler}`),
    );
    expect(titles(p, 'solar array')[0]).toBe('B');
    expect(titles(p, '"solar array"')).toEqual(['B']);
    expect(titles(p, '-"solar array" solar')).toEqual(['A']);
  });

  it('pages a phrase query over many candidates: every row holds the phrase, none twice', () => {
    const rows = Array.from({ length: 400 }, (_, i) =>
      note(`Row ${i}`, i % 10 === 0 ? `dust storm ${i}` : `storm then dust ${i}`),
    );
    const e = engineWith(...rows);
    const seen: string[] = [];
    let offset: number | null = 0;
    while (offset !== null) {
      const page = e.search('"dust storm"', {}, { offset, limit: 7 });
      if ('problem' in page) throw new Error(page.problem);
      seen.push(...page.items.map((h) => h.title));
      offset = page.next;
    }
    expect(seen.sort()).toEqual(
      rows
        .filter((_, i) => i % 10 === 0)
        .map((r) => r.title)
        .sort(),
    );
    const loose = e.search('dust storm', {}, { limit: 5 });
    if ('problem' in loose) throw new Error(loose.problem);
    expect(
      loose.items.every((h) => h.snippet.includes('<mark>dust</mark> <mark>storm</mark>')),
    ).toBe(true);
  });

  it('matches prefixes, folds case and diacritics, excludes terms', () => {
    const e = engineWith(
      note('Café voltage', 'Ångström readings'),
      note('Voltmeter', 'calibration and heater'),
    );
    expect(titles(e, 'volt*').sort()).toEqual(['Café voltage', 'Voltmeter']);
    expect(titles(e, 'CAFE angstrom')).toEqual(['Café voltage']);
    expect(titles(e, 'volt* -heater')).toEqual(['Café voltage']);
    expect(titles(e, 'volt')).toEqual([]);
  });

  it('narrows by kind, tags, author, status and time like the server', () => {
    const doc = newId();
    const e = new LocalSearchEngine();
    const one = annotation(doc, 'Dust one', 'x', {
      tags: ['dust', 'cam'],
      author: 'bob',
      status: 'approved',
    });
    const two = annotation(doc, 'Dust two', 'x', {
      tags: ['dust'],
      author: 'carol',
      from: 500,
      to: 600,
    });
    e.setDocument(
      doc,
      [
        one,
        two,
        { ...two, kind: 'comment', commentId: newId(), body: 'dust reply', author: 'dave' },
      ],
      false,
    );
    const n = note('Dust note', 'dust', { updatedAt: 5000 });
    e.setDocument(n.documentId, [n], false);
    expect(titles(e, 'dust', { kind: ['note'] })).toEqual(['Dust note']);
    expect(titles(e, 'dust', { kind: ['comment'] })).toEqual(['Dust two']);
    expect(titles(e, 'dust', { tags: ['dust', 'cam'] })).toEqual(['Dust one']);
    expect(titles(e, 'dust', { author: ['carol', 'bob'] }).sort()).toEqual([
      'Dust one',
      'Dust two',
    ]);
    expect(titles(e, 'dust', { status: ['approved'] })).toEqual(['Dust one']);
    expect(titles(e, 'dust', { from: 201, to: 499 })).toEqual([]);
    expect(titles(e, 'dust', { from: 4000 })).toEqual(['Dust note']);
  });

  it('follows edits, annotation replacement, trash and removal', () => {
    const doc = newId();
    const e = new LocalSearchEngine();
    const a = annotation(doc, 'First', 'alpha');
    const b = annotation(doc, 'Second', 'beta');
    e.setDocument(doc, [a, b], false);
    e.setAnnotations(doc, [a.annotationId!], [{ ...a, body: 'gamma' }]);
    expect(titles(e, 'alpha')).toEqual([]);
    expect(titles(e, 'gamma')).toEqual(['First']);
    expect(titles(e, 'beta')).toEqual(['Second']);
    e.setTrashed(doc, true);
    expect(titles(e, 'gamma')).toEqual([]);
    const trashed = e.search('gamma', { includeTrashed: true }, { limit: 5 });
    expect('items' in trashed && trashed.items[0]!.trashed).toBe(true);
    e.removeDocument(doc);
    expect(titles(e, 'gamma', { includeTrashed: true })).toEqual([]);
    expect(e.size).toBe(0);
  });

  it('lists newest first without terms, pages by offset, and gives marked snippets', () => {
    const e = engineWith(
      ...Array.from({ length: 5 }, (_, i) =>
        note(`Log ${i}`, `rover heater ${i}`, { updatedAt: i }),
      ),
    );
    expect(titles(e, '')).toEqual(['Log 4', 'Log 3', 'Log 2', 'Log 1', 'Log 0']);
    const first = e.search('rover', {}, { limit: 2 });
    if ('problem' in first) throw new Error();
    expect(first.next).toBe(2);
    expect(first.items[0]!.snippet).toMatch(/<mark>rover<\/mark> heater/);
    const rest = e.search('rover', {}, { offset: 2, limit: 10 });
    expect('items' in rest && rest.items.length).toBe(3);
  });

  it('takes hostile input without failing', () => {
    const e = engineWith(note('Quotes "and" (parens)', 'NEAR(a b) OR x*'));
    for (const q of [
      '"',
      '(',
      'NEAR(',
      '*',
      '"unclosed',
      'x'.repeat(900),
      '\u0000',
      '^ : { }',
      '-',
    ]) {
      expect(() => e.search(q, {}, { limit: 5 })).not.toThrow();
    }
    expect(e.search('x'.repeat(10_000), {}, { limit: 5 })).toEqual({ problem: 'too-long' });
    expect(titles(e, 'near')).toEqual(['Quotes "and" (parens)']);
  });
});
