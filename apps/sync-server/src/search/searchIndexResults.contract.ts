import { describe, expect, it } from 'vitest';
import { isFieldbookError, newId } from '@fieldbook/shared';
import {
  annotation,
  note,
  parsed,
  titles,
  useSearchIndex,
  type SearchIndexFactory,
} from './testing/searchContractKit';

/** The SearchIndex contract for the hits a search returns: stored fields, filters, scope, pages. */
export function runSearchIndexResultsContract(name: string, factory: SearchIndexFactory): void {
  describe(`SearchIndex contract, results: ${name}`, () => {
    const t = useSearchIndex(factory);

    it('returns what it stored: kind, ids, fields and text', async () => {
      const { ref, put, find } = t;
      const d = ref();
      const a = newId();
      const row = annotation(d.docId, a, 'Bus dip', 'Voltage fell', {
        tags: ['power', 'bus'],
        author: 'bob',
      });
      await put(d, [row]);
      const [hit] = await find('dip');
      expect(hit).toMatchObject({ ...row, trashed: false });
      expect(hit!.score).toBeGreaterThan(0);
    });

    it('narrows by kind, tags (all of them), author, status and time', async () => {
      const { ref, put, find } = t;
      const d = ref();
      const [a1, a2] = [newId(), newId()];
      await put(d, [
        annotation(d.docId, a1, 'Dust one', 'x', {
          tags: ['dust', 'cam'],
          author: 'bob',
          status: 'approved',
          from: 100,
          to: 200,
        }),
        annotation(d.docId, a2, 'Dust two', 'x', {
          tags: ['dust'],
          author: 'carol',
          from: 500,
          to: 600,
        }),
        {
          ...annotation(d.docId, a2, 'Dust two', 'dust reply'),
          kind: 'comment',
          commentId: newId(),
          author: 'dave',
          from: 500,
          to: 600,
        },
      ]);
      await put(ref(), [note('', 'Dust note', 'dust', { updatedAt: 5000, tags: ['dust'] })]);
      expect(titles(await find('dust', { kind: ['note'] }))).toEqual(['Dust note']);
      expect(titles(await find('dust', { kind: ['comment'] }))).toEqual(['Dust two']);
      expect(titles(await find('dust', { tags: ['dust', 'cam'] }))).toEqual(['Dust one']);
      expect(titles(await find('dust', { author: ['carol', 'bob'] })).sort()).toEqual([
        'Dust one',
        'Dust two',
      ]);
      expect(titles(await find('dust', { status: ['approved'] }))).toEqual(['Dust one']);
      expect(
        titles(await find('dust', { from: 150, to: 550, kind: ['annotation'] })).sort(),
      ).toEqual(['Dust one', 'Dust two']);
      expect(titles(await find('dust', { from: 201, to: 499 }))).toEqual([]);
      expect(titles(await find('dust', { from: 4000 }))).toEqual(['Dust note']);
    });

    it("never answers from another workspace or another tenant's", async () => {
      const { index, ws, tenantId, ref, put, find } = t;
      await put(ref(), [note('', 'Mine', 'secret')]);
      const other = { tenantId: `tenant-${newId()}`, workspaceId: newId(), docId: '' };
      await index.write([
        {
          ref: { ...other, docId: newId() },
          seq: 1,
          trashed: false,
          replace: 'all',
          rows: [note('', 'Theirs', 'secret')],
        },
      ]);
      expect(titles(await find('secret'))).toEqual(['Mine']);
      expect(titles(await find('secret', {}, other))).toEqual(['Theirs']);
      expect(await find('secret', {}, { ...other, tenantId })).toEqual([]);
      expect(await find('', {}, { ...ws, tenantId: other.tenantId })).toEqual([]);
    });

    it('pages through every hit once, by rank with terms and newest first without', async () => {
      const { index, ws, tenantId, ref, put, find } = t;
      for (let i = 0; i < 7; i++)
        await put(ref(), [
          note('', `Log ${i}`, `rover ${'rover '.repeat(i)}`, { updatedAt: 1000 + i }),
        ]);
      for (const q of ['rover', '']) {
        const seen: string[] = [];
        let after: string | null = null;
        do {
          const page = await index.search({
            tenantId,
            workspaceId: ws.workspaceId,
            query: parsed(q),
            filters: {},
            after,
            limit: 3,
          });
          seen.push(...titles(page.hits));
          after = page.next;
        } while (after);
        expect(seen.sort()).toEqual(Array.from({ length: 7 }, (_, i) => `Log ${i}`));
      }
      const recent = await find('');
      expect(titles(recent)[0]).toBe('Log 6');
      const bad = await index
        .search({
          tenantId,
          workspaceId: ws.workspaceId,
          query: parsed('rover'),
          filters: {},
          after: 'nonsense',
          limit: 3,
        })
        .catch((e: unknown) => e);
      expect(isFieldbookError(bad, 'VALIDATION_ERROR')).toBe(true);
    });
  });
}
