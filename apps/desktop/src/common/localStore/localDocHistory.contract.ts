// The history side of the LocalDocStore contract (issue 12): update rows keep
// their time and actor, survive compaction and are read in pages. Run for
// every implementation beside describeLocalDocStoreContract.
import { isFieldbookError, newId } from '@fieldbook/shared';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { contentOf, recordingDoc, type StoreUnderTest } from './localDocStore.contract';
import type { CompactionPolicy, HistoryRow, LocalDocStore } from './localDocStore';

/** Every history row of a document, read page by page. */
async function allRows(store: LocalDocStore, docId: string, limit: number): Promise<HistoryRow[]> {
  const rows: HistoryRow[] = [];
  for (;;) {
    const page = await store.readHistory(docId, { after: rows.at(-1)?.seq ?? null, limit });
    expect(page.length).toBeLessThanOrEqual(limit);
    rows.push(...page);
    if (page.length < limit) return rows;
  }
}

/** Registers the history contract suite for one implementation. */
export function describeLocalDocHistoryContract(
  name: string,
  open: (compaction?: CompactionPolicy) => Promise<StoreUnderTest>,
): void {
  describe(`LocalDocStore history contract: ${name}`, () => {
    const opened: LocalDocStore[] = [];
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((s) => s.close().catch(() => undefined)));
    });
    const ws = newId();

    it('keeps every row with its time and actor across compaction, read in pages', async () => {
      const t = await open({ maxUpdates: 4, maxBytes: 1 << 30 });
      opened.push(t.store);
      const docId = newId();
      const { doc, updates } = recordingDoc();
      for (let i = 0; i < 11; i++) doc.getText('t').insert(0, `${i}`);
      const before = Date.now();
      for (const [i, update] of updates.entries()) {
        const mine = i % 3 !== 2;
        await t.store.appendUpdates([
          {
            docId,
            workspaceId: ws,
            update,
            source: mine ? 'local' : 'server',
            actor: mine ? 'user-a' : null,
          },
        ]);
      }
      await t.store.compact(docId);
      const loaded = await t.store.loadDoc(docId);
      expect(loaded?.updatesSinceSnapshot).toBe(0);
      expect(contentOf(loaded!.state)).toEqual(contentOf(Y.encodeStateAsUpdate(doc)));

      const rows = await allRows(t.store, docId, 4);
      expect(rows.map((r) => r.seq)).toEqual(updates.map((_, i) => i + 1));
      expect(rows.map((r) => r.update)).toEqual(updates);
      expect(rows.map((r) => r.actor)).toEqual(
        updates.map((_, i) => (i % 3 !== 2 ? 'user-a' : null)),
      );
      for (const r of rows) expect(r.ts).toBeGreaterThanOrEqual(before);
      expect(await t.store.readHistory(docId, { after: 11, limit: 5 })).toEqual([]);
      expect(await t.store.readHistory(newId(), { after: null, limit: 5 })).toEqual([]);

      const again = await t.reopen();
      opened.push(again);
      expect((await allRows(again, docId, 100)).map((r) => r.seq)).toHaveLength(11);
    });

    it('replaying the rows up to a seq gives the state at that point', async () => {
      const t = await open();
      opened.push(t.store);
      const docId = newId();
      const { doc, updates } = recordingDoc();
      const states: unknown[] = [];
      for (let i = 0; i < 6; i++) {
        doc.getMap('m').set('i', i);
        states.push(contentOf(Y.encodeStateAsUpdate(doc)));
      }
      await t.store.appendUpdates(
        updates.map((update) => ({ docId, workspaceId: ws, update, source: 'local' })),
      );
      await t.store.compact(docId);
      const rows = await t.store.readHistory(docId, { after: null, limit: 3 });
      expect(contentOf(Y.mergeUpdates(rows.map((r) => r.update)))).toEqual(states[2]);
    });

    it('refuses a malformed page with VALIDATION_ERROR', async () => {
      const t = await open();
      opened.push(t.store);
      const err = await t.store.readHistory(newId(), { after: null, limit: 0 }).catch((e) => e);
      expect(isFieldbookError(err) ? err.code : err).toBe('VALIDATION_ERROR');
    });
  });
}
