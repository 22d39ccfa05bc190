import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SearchEntry } from '@fieldbook/crdt-model';
import {
  isFieldbookError,
  newId,
  parseQuery,
  type ParsedQuery,
  type SearchFilters,
} from '@fieldbook/shared';
import type { DocumentRef } from '../storage/docStore';
import type { DocumentRows, IndexHit, SearchIndex } from './searchIndex';

/** Opens a fresh, empty index for one test. */
export interface SearchIndexFactory {
  open(): Promise<SearchIndex>;
}

const parsed = (q: string) => parseQuery(q) as ParsedQuery;

function note(
  documentId: string,
  title: string,
  body: string,
  over: Partial<SearchEntry> = {},
): SearchEntry {
  return {
    kind: 'note',
    documentId,
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

function annotation(
  documentId: string,
  annotationId: string,
  title: string,
  body: string,
  over: Partial<SearchEntry> = {},
): SearchEntry {
  return {
    ...note(documentId, title, body),
    kind: 'annotation',
    annotationId,
    status: 'draft',
    channels: ['volt.bus'],
    from: 100,
    to: 200,
    ...over,
  };
}

/**
 * The behaviour every SearchIndex implementation must show. SQLite FTS5 runs
 * it now; the PostgreSQL full-text index will run it unchanged.
 */
export function runSearchIndexContract(name: string, factory: SearchIndexFactory): void {
  describe(`SearchIndex contract: ${name}`, () => {
    let index: SearchIndex;
    let ws: DocumentRef;
    const tenantId = `tenant-${newId()}`;
    const ref = (docId = newId()): DocumentRef => ({
      tenantId,
      workspaceId: ws.workspaceId,
      docId,
    });
    const put = (r: DocumentRef, rows: SearchEntry[], more: Partial<DocumentRows> = {}) =>
      index.write([{ ref: r, seq: 1, trashed: false, replace: 'all', rows, ...more }]);
    const find = async (q: string, filters: SearchFilters = {}, where = ws) =>
      (
        await index.search({
          tenantId: where.tenantId,
          workspaceId: where.workspaceId,
          query: parsed(q),
          filters,
          after: null,
          limit: 50,
        })
      ).hits;
    const titles = (hits: IndexHit[]) => hits.map((h) => h.title);

    beforeEach(async () => {
      index = await factory.open();
      ws = { tenantId, workspaceId: newId(), docId: '' };
    });
    afterEach(async () => {
      await index.close();
    });

    it('ranks a match in the title above the same word in a body', async () => {
      await put(ref(), [note('', 'Daily log', 'The heater tripped again after the dust storm.')]);
      await put(ref(), [note('', 'Heater failure', 'It stopped overnight.')]);
      expect(titles(await find('heater'))).toEqual(['Heater failure', 'Daily log']);
    });

    it('ranks the words as a phrase above the same words apart, and a phrase query needs them together', async () => {
      const filler = 'lorem ipsum dolor sit amet '.repeat(4);
      await put(ref(), [note('', 'A', `solar ${filler} array`)]);
      await put(ref(), [note('', 'B', `the solar array ${filler}`)]);
      expect(titles(await find('solar array'))[0]).toBe('B');
      expect(titles(await find('"solar array"'))).toEqual(['B']);
    });

    it('matches prefixes, folds case and diacritics, and leaves out excluded terms', async () => {
      await put(ref(), [note('', 'Café voltage', 'Ångström readings')]);
      await put(ref(), [note('', 'Voltmeter', 'calibration and heater')]);
      expect(titles(await find('volt*')).sort()).toEqual(['Café voltage', 'Voltmeter']);
      expect(titles(await find('CAFE angstrom'))).toEqual(['Café voltage']);
      expect(titles(await find('volt* -heater'))).toEqual(['Café voltage']);
      expect(await find('volt')).toEqual([]);
    });

    it('returns what it stored: kind, ids, fields and text', async () => {
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

    it('leaves trashed documents out unless asked, and follows trash and restore', async () => {
      const d = ref();
      await put(d, [note(d.docId, 'Old plan', 'obsolete')], { trashed: true });
      expect(await find('obsolete')).toEqual([]);
      expect((await find('obsolete', { includeTrashed: true }))[0]).toMatchObject({
        trashed: true,
      });
      await index.setTrashed(d, false);
      expect(titles(await find('obsolete'))).toEqual(['Old plan']);
    });

    it('reflects edits: whole documents, single annotations, and removal', async () => {
      const d = ref();
      const [a1, a2] = [newId(), newId()];
      await put(d, [
        annotation(d.docId, a1, 'First', 'alpha'),
        annotation(d.docId, a2, 'Second', 'beta'),
      ]);
      await index.write([
        {
          ref: d,
          seq: 2,
          trashed: false,
          replace: { annotations: [a1] },
          rows: [annotation(d.docId, a1, 'First', 'gamma')],
        },
      ]);
      expect(await find('alpha')).toEqual([]);
      expect(titles(await find('gamma'))).toEqual(['First']);
      expect(titles(await find('beta'))).toEqual(['Second']);
      await index.write([
        { ref: d, seq: 3, trashed: false, replace: { annotations: [a2] }, rows: [] },
      ]);
      expect(await find('beta')).toEqual([]);
      expect((await index.indexedSeqs(ws.workspaceId)).get(d.docId)).toBe(3);
      await index.removeDocument(d);
      expect(await find('gamma')).toEqual([]);
      expect((await index.indexedSeqs(ws.workspaceId)).has(d.docId)).toBe(false);
    });

    it("never answers from another workspace or another tenant's", async () => {
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

    it('takes any parsed query without failing', async () => {
      await put(ref(), [note('', 'Quotes "and" (parens)', 'NEAR(a b) OR x* AND -y')]);
      for (const q of [
        '"',
        '(',
        'NEAR(',
        'a OR b',
        'AND',
        '*',
        '"unclosed',
        'x'.repeat(900),
        '\u0000',
        '^ : { }',
      ]) {
        const p = parseQuery(q);
        if ('problem' in p) continue;
        await expect(
          index.search({
            tenantId,
            workspaceId: ws.workspaceId,
            query: p,
            filters: {},
            after: null,
            limit: 5,
          }),
        ).resolves.toBeTruthy();
      }
      expect(titles(await find('near'))).toEqual(['Quotes "and" (parens)']);
    });

    it('keeps stamps of full builds and clears a workspace', async () => {
      expect(await index.workspaceStamp(ws.workspaceId)).toBeNull();
      await put(ref(), [note('', 'Kept', 'word')]);
      await index.markBuilt(ws, { version: 3, builtAt: 42 });
      expect(await index.knownWorkspaces()).toContainEqual({
        tenantId,
        workspaceId: ws.workspaceId,
      });
      expect(await index.workspaceStamp(ws.workspaceId)).toEqual({ version: 3, builtAt: 42 });
      await index.clearWorkspace(ws.workspaceId);
      expect(await index.workspaceStamp(ws.workspaceId)).toBeNull();
      expect(await find('word')).toEqual([]);
      expect((await index.indexedSeqs(ws.workspaceId)).size).toBe(0);
    });
  });
}
