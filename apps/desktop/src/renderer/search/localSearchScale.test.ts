import { describe, expect, it } from 'vitest';
import type { SearchEntry } from '@fieldbook/crdt-model';
import type { SearchFilters, SearchHit } from '@fieldbook/shared';
import { LocalSearchEngine } from './localSearchEngine';

/** More hits than the engine ranks (500), over shards of 100 rows. */
const MANY = 1_200;

const note = (i: number, title: string, body: string, author = 'alice'): SearchEntry => ({
  kind: 'note',
  documentId: `n${i}`,
  annotationId: null,
  commentId: null,
  title,
  body,
  tags: [],
  author,
  status: null,
  channels: [],
  from: null,
  to: null,
  updatedAt: 1000 + i,
});

function engineWith(rows: SearchEntry[], trashed: SearchEntry[] = []) {
  const engine = new LocalSearchEngine({ shardSize: 100 });
  for (const r of rows) engine.setDocument(r.documentId, [r], false);
  for (const r of trashed) engine.setDocument(r.documentId, [r], true);
  return engine;
}

function all(engine: LocalSearchEngine, q: string, filters: SearchFilters = {}, limit = 50) {
  const hits: SearchHit[] = [];
  let offset: number | null = 0;
  while (offset !== null) {
    const page = engine.search(q, filters, { offset, limit });
    if ('problem' in page) throw new Error(page.problem);
    hits.push(...page.items);
    offset = page.next;
  }
  return hits;
}

describe('LocalSearchEngine at scale (as the server index contract at scale)', () => {
  it('pages through every one of many hits once, the title match first', () => {
    const rows = Array.from({ length: MANY }, (_, i) =>
      note(i, `Log ${i}`, `rover heater check ${'pad '.repeat(i % 7)}`),
    );
    const e = engineWith([...rows, note(MANY, 'Heater swap', 'new unit')]);
    const hits = all(e, 'heater', {}, 70);
    expect(hits[0]!.title).toBe('Heater swap');
    const ids = hits.map((h) => h.documentId);
    expect(new Set(ids).size).toBe(MANY + 1);
    expect(ids.length).toBe(MANY + 1);
  });

  it('finds old rows through a narrow filter or exclusion however many newer rows match', () => {
    const rows = Array.from({ length: MANY }, (_, i) =>
      note(i + 1, `Log ${i + 1}`, 'heater check'),
    );
    const e = engineWith(
      [note(0, 'Oldest', 'heater seen by zed', 'zed'), ...rows],
      [note(MANY + 1, 'Trashed', 'heater check', 'zed')],
    );
    expect(all(e, 'heater', { author: ['zed'] }).map((h) => h.title)).toEqual(['Oldest']);
    expect(all(e, 'heater -check').map((h) => h.title)).toEqual(['Oldest']);
    const withTrash = all(e, 'heater', { author: ['zed'], includeTrashed: true });
    expect(withTrash.map((h) => h.title).sort()).toEqual(['Oldest', 'Trashed']);
  });

  it('leaves stop words out beside other words, and lists stop words alone newest first', () => {
    const e = engineWith([
      note(1, 'Heater', 'tripped twice'),
      note(2, 'Log', 'the rover woke up'),
      note(3, 'Log later', 'then the heater tripped'),
      note(4, 'Quiet', 'nothing to report'),
    ]);
    expect(all(e, 'the heater').map((h) => h.title)).toEqual(['Heater', 'Log later']);
    expect(all(e, 'the').map((h) => h.title)).toEqual(['Log later', 'Log']);
    expect(all(e, '"the rover"').map((h) => h.title)).toEqual(['Log']);
    expect(all(e, 'the -rover').map((h) => h.title)).toEqual(['Log later']);
    expect(all(e, 'heater -the').map((h) => h.title)).toEqual(['Heater']);
    e.setDocument('n2', [note(2, 'Log', 'rover woke up')], false);
    expect(all(e, 'the').map((h) => h.title)).toEqual(['Log later']);
  });
});
