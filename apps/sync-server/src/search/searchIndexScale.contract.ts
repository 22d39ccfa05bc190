import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SearchEntry } from '@fieldbook/crdt-model';
import { newId, parseQuery, type ParsedQuery, type SearchFilters } from '@fieldbook/shared';
import type { IndexHit, SearchIndex } from './searchIndex';
import type { SearchIndexFactory } from './testing/searchContractKit';

/** More rows than an index scores per search (the SQLite index ranks the newest 500 matches). */
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

/**
 * The contract of a search index at the sizes where ranking every match is
 * too slow: words in more rows than it scores, stop words. Every
 * SearchIndex implementation runs it beside the other SearchIndex contracts.
 */
export function runSearchIndexScaleContract(name: string, factory: SearchIndexFactory): void {
  describe(`SearchIndex contract at scale: ${name}`, () => {
    let index: SearchIndex;
    const tenantId = `tenant-${newId()}`;
    let workspaceId: string;
    const write = (rows: SearchEntry[], trashed = false) =>
      index.write(
        rows.map((row) => ({
          ref: { tenantId, workspaceId, docId: row.documentId },
          seq: 1,
          trashed,
          replace: 'all' as const,
          rows: [row],
        })),
      );
    const all = async (q: string, filters: SearchFilters = {}, limit = 50) => {
      const hits: IndexHit[] = [];
      let after: string | null = null;
      do {
        const page = await index.search({
          tenantId,
          workspaceId,
          query: parseQuery(q) as ParsedQuery,
          filters,
          after,
          limit,
        });
        hits.push(...page.hits);
        after = page.next;
      } while (after);
      return hits;
    };

    beforeEach(async () => {
      index = await factory.open();
      workspaceId = newId();
    });
    afterEach(async () => {
      await index.close();
    });

    it('pages through every one of many hits once, the title match first', async () => {
      const rows = Array.from({ length: MANY }, (_, i) =>
        note(i, `Log ${i}`, `rover heater check ${'pad '.repeat(i % 7)}`),
      );
      rows.push(note(MANY, 'Heater swap', 'new unit'));
      await write(rows);
      const hits = await all('heater', {}, 70);
      expect(hits[0]!.title).toBe('Heater swap');
      const ids = hits.map((h) => h.documentId);
      expect(new Set(ids).size).toBe(MANY + 1);
      expect(ids.length).toBe(MANY + 1);
    });

    it('finds old rows through a narrow filter or exclusion however many newer rows match', async () => {
      const rows = Array.from({ length: MANY }, (_, i) =>
        note(i + 1, `Log ${i + 1}`, 'heater check'),
      );
      await write([note(0, 'Oldest', 'heater seen by zed', 'zed'), ...rows]);
      expect((await all('heater', { author: ['zed'] })).map((h) => h.title)).toEqual(['Oldest']);
      expect((await all('heater -check')).map((h) => h.title)).toEqual(['Oldest']);
      await write([note(MANY + 1, 'Trashed', 'heater check', 'zed')], true);
      expect((await all('heater', { author: ['zed'] })).map((h) => h.title)).toEqual(['Oldest']);
      const withTrash = await all('heater', { author: ['zed'], includeTrashed: true });
      expect(withTrash.map((h) => h.title).sort()).toEqual(['Oldest', 'Trashed']);
    });

    it('leaves stop words out beside other words, and lists stop words alone newest first', async () => {
      await write([
        note(1, 'Heater', 'tripped twice'),
        note(2, 'Log', 'the rover woke up'),
        note(3, 'Log later', 'then the heater tripped'),
        note(4, 'Quiet', 'nothing to report'),
      ]);
      expect((await all('the heater')).map((h) => h.title)).toEqual(['Heater', 'Log later']);
      expect((await all('the')).map((h) => h.title)).toEqual(['Log later', 'Log']);
      expect((await all('"the rover"')).map((h) => h.title)).toEqual(['Log']);
      expect((await all('the -rover')).map((h) => h.title)).toEqual(['Log later']);
    });
  });
}
