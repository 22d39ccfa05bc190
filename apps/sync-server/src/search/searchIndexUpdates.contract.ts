import { describe, expect, it } from 'vitest';
import { newId } from '@fieldbook/shared';
import {
  annotation,
  note,
  titles,
  useSearchIndex,
  type SearchIndexFactory,
} from './testing/searchContractKit';

/** The SearchIndex contract for keeping the index current: trash, edits, removal, build stamps. */
export function runSearchIndexUpdatesContract(name: string, factory: SearchIndexFactory): void {
  describe(`SearchIndex contract, updates: ${name}`, () => {
    const t = useSearchIndex(factory);

    it('leaves trashed documents out unless asked, and follows trash and restore', async () => {
      const { index, ref, put, find } = t;
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
      const { index, ws, ref, put, find } = t;
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

    it('keeps stamps of full builds and clears a workspace', async () => {
      const { index, ws, tenantId, ref, put, find } = t;
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
