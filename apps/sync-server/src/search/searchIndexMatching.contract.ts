import { describe, expect, it } from 'vitest';
import { parseQuery } from '@fieldbook/shared';
import { note, titles, useSearchIndex, type SearchIndexFactory } from './testing/searchContractKit';

/** The SearchIndex contract for what a query matches and how it ranks: phrases, prefixes, folding. */
export function runSearchIndexMatchingContract(name: string, factory: SearchIndexFactory): void {
  describe(`SearchIndex contract, matching: ${name}`, () => {
    const t = useSearchIndex(factory);

    it('ranks a match in the title above the same word in a body', async () => {
      const { ref, put, find } = t;
      await put(ref(), [note('', 'Daily log', 'The heater tripped again after the dust storm.')]);
      await put(ref(), [note('', 'Heater failure', 'It stopped overnight.')]);
      expect(titles(await find('heater'))).toEqual(['Heater failure', 'Daily log']);
    });

    it('ranks the words as a phrase above the same words apart, and a phrase query needs them together', async () => {
      const { ref, put, find } = t;
      const filler = 'lorem ipsum dolor sit amet '.repeat(4);
      await put(ref(), [note('', 'A', `solar ${filler} array`)]);
      await put(ref(), [note('', 'B', `the solar array ${filler}`)]);
      expect(titles(await find('solar array'))[0]).toBe('B');
      expect(titles(await find('"solar array"'))).toEqual(['B']);
    });

    it('matches prefixes, folds case and diacritics, and leaves out excluded terms', async () => {
      const { ref, put, find } = t;
      await put(ref(), [note('', 'Café voltage', 'Ångström readings')]);
      await put(ref(), [note('', 'Voltmeter', 'calibration and heater')]);
      expect(titles(await find('volt*')).sort()).toEqual(['Café voltage', 'Voltmeter']);
      expect(titles(await find('CAFE angstrom'))).toEqual(['Café voltage']);
      expect(titles(await find('volt* -heater'))).toEqual(['Café voltage']);
      expect(await find('volt')).toEqual([]);
    });

    it('takes any parsed query without failing', async () => {
      const { index, ws, tenantId, ref, put, find } = t;
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
  });
}
