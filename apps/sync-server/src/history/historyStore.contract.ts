import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newId } from '@fieldbook/shared';
import type { DocKey } from '../storage/docStore';
import type { Branch, HistoryStore, NamedVersion, StoredEntry } from './historyStore';

/** Opens a fresh store for one test, and the same storage again after close. */
export interface HistoryStoreFactory {
  open(): Promise<HistoryStore>;
  reopen(): Promise<HistoryStore>;
}

const entry = (
  firstSeq: number,
  lastSeq: number,
  over: Partial<StoredEntry> = {},
): StoredEntry => ({
  firstSeq,
  lastSeq,
  actor: 'ada',
  session: 'conn-1',
  kind: 'edit',
  ref: null,
  startedAt: firstSeq * 1000,
  endedAt: lastSeq * 1000,
  updates: lastSeq - firstSeq + 1,
  bytes: 10,
  summary: { text: { inserted: lastSeq, deleted: 0, headings: ['Setup'] } },
  snapshot: new Uint8Array([firstSeq, lastSeq]),
  parts: [],
  ...over,
});

const version = (seq: number, name: string): NamedVersion => ({
  id: newId(),
  seq,
  name,
  createdBy: 'ada',
  createdAt: seq,
  snapshot: new Uint8Array([seq]),
});

const branch = (sourceId: string, createdAt: number): Branch => ({
  docId: newId(),
  sourceId,
  baseVersion: String(createdAt),
  baseSeq: createdAt,
  createdBy: 'ada',
  createdAt,
  merged: null,
});

/** The behaviour every HistoryStore must show; the SQLite store runs it. */
export function runHistoryStoreContract(name: string, factory: HistoryStoreFactory): void {
  describe(`HistoryStore contract: ${name}`, () => {
    let store: HistoryStore;
    let key: DocKey;
    beforeEach(async () => {
      store = await factory.open();
      key = { workspaceId: newId(), docId: newId() };
    });
    afterEach(async () => {
      await store.close();
    });

    it('keeps entries per document, newest first, and lets the newest grow', async () => {
      expect(await store.lastEntry(key)).toBeNull();
      await store.putEntries(key, [entry(1, 3), entry(4, 4)]);
      await store.putEntries({ ...key, docId: newId() }, [entry(1, 9)]);
      await store.putEntries(key, [entry(4, 7, { summary: { other: 2 } })]);
      expect(await store.lastEntry(key)).toEqual(entry(4, 7, { summary: { other: 2 }, parts: [] }));
      const all = await store.listEntries(key, { limit: 10 });
      expect(all.map((e) => [e.firstSeq, e.lastSeq])).toEqual([
        [4, 7],
        [1, 3],
      ]);
      expect(await store.listEntries(key, { before: 4, limit: 10 })).toEqual([
        entry(1, 3, { parts: [] }),
      ]);
      expect(await store.listEntries(key, { limit: 1 })).toHaveLength(1);
    });

    it('finds the entry holding a seq', async () => {
      await store.putEntries(key, [entry(1, 3), entry(4, 6)]);
      expect((await store.entryAt(key, 5))?.firstSeq).toBe(4);
      expect((await store.entryAt(key, 3))?.firstSeq).toBe(1);
      expect(await store.entryAt(key, 7)).toBeNull();
      expect(await store.entryAt({ ...key, workspaceId: newId() }, 2)).toBeNull();
    });

    it('lists the entries touching one part, parts added as an entry grows', async () => {
      await store.putEntries(key, [
        entry(1, 1, { parts: ['a', 'b'] }),
        entry(2, 2, { parts: ['b'] }),
      ]);
      await store.putEntries(key, [entry(2, 3, { parts: ['a'] })]);
      const a = await store.listEntries(key, { limit: 10, part: 'a' });
      expect(a.map((e) => e.firstSeq)).toEqual([2, 1]);
      expect((await store.listEntries(key, { limit: 10, part: 'b' })).length).toBe(2);
      expect(await store.listEntries(key, { limit: 10, part: 'c' })).toEqual([]);
      expect((await store.partsTouched(key, 2, 3)).sort()).toEqual(['a', 'b']);
      expect(await store.partsTouched(key, 1, 1)).toEqual(expect.arrayContaining(['a', 'b']));
      expect(await store.partsTouched(key, 3, 9)).toEqual([]);
      expect((await store.listEntries(key, { limit: 10, part: 'b', before: 2 })).length).toBe(1);
      const touches = await store.partTouches(key, 1, 2);
      expect(touches.map((t) => t.firstSeq)).toEqual([1, 1, 2, 2]);
      expect(touches.map((t) => `${t.firstSeq}${t.part}`).sort()).toEqual(['1a', '1b', '2a', '2b']);
      expect(await store.partTouches(key, 2, 2)).toHaveLength(2);
      expect(await store.partTouches({ ...key, docId: newId() }, 1, 9)).toEqual([]);
    });

    it('stores named versions per document, newest first', async () => {
      const v1 = version(3, 'first');
      const v2 = version(9, 'second');
      await store.addVersion(key, v1);
      await store.addVersion(key, v2);
      expect(await store.listVersions(key, { limit: 10 })).toEqual([v2, v1]);
      expect(await store.listVersions(key, { limit: 10, before: 9 })).toEqual([v1]);
      expect(await store.getVersion(key, v1.id)).toEqual(v1);
      expect(await store.getVersion({ ...key, docId: newId() }, v1.id)).toBeNull();
    });

    it('records branches per source, newest first, with their latest merge', async () => {
      const older = branch(key.docId, 5);
      const newer = branch(key.docId, 9);
      await store.addBranch(key.workspaceId, older);
      await store.addBranch(key.workspaceId, newer);
      await store.addBranch(key.workspaceId, branch(newId(), 7));
      await store.addBranch(newId(), branch(key.docId, 8));
      expect(await store.listBranches(key, 10)).toEqual([newer, older]);
      expect(await store.listBranches(key, 1)).toEqual([newer]);
      const at = { workspaceId: key.workspaceId, docId: older.docId };
      expect(await store.getBranch(at)).toEqual(older);
      expect(await store.getBranch({ workspaceId: newId(), docId: older.docId })).toBeNull();
      expect(await store.getBranch(key)).toBeNull();
      await store.recordMerge(at, { seq: 12, by: 'bo', at: 100 });
      await store.recordMerge(at, { seq: 15, by: 'cy', at: 200 });
      expect(await store.getBranch(at)).toEqual({
        ...older,
        merged: { seq: 15, by: 'cy', at: 200 },
      });
      expect((await store.getBranch({ ...at, docId: newer.docId }))?.merged).toBeNull();
    });

    it('keeps no retention by default, and sets and clears it per workspace', async () => {
      expect(await store.getRetention(key.workspaceId)).toBeNull();
      await store.setRetention(key.workspaceId, 30);
      await store.setRetention(key.workspaceId, 7);
      await store.setRetention(newId(), 1);
      expect(await store.getRetention(key.workspaceId)).toBe(7);
      await store.setRetention(key.workspaceId, null);
      expect(await store.getRetention(key.workspaceId)).toBeNull();
    });

    it('folds a range of entries into one, parts included, and keeps named versions', async () => {
      await store.putEntries(key, [
        entry(1, 2, { parts: ['a'] }),
        entry(3, 5, { parts: ['b'] }),
        entry(6, 6, { parts: ['c'] }),
      ]);
      const v = version(3, 'inside');
      await store.addVersion(key, v);
      const folded = entry(1, 5, { session: 'day:2026-01-01', parts: ['a', 'b'] });
      await store.foldEntries(key, folded);
      const all = await store.listEntries(key, { limit: 10 });
      expect(all.map((e) => [e.firstSeq, e.lastSeq])).toEqual([
        [6, 6],
        [1, 5],
      ]);
      expect(await store.entryAt(key, 4)).toEqual({ ...folded, parts: [] });
      expect(
        (await store.listEntries(key, { limit: 10, part: 'b' })).map((e) => e.firstSeq),
      ).toEqual([1]);
      expect((await store.partsTouched(key, 1, 5)).sort()).toEqual(['a', 'b']);
      expect(await store.getVersion(key, v.id)).toEqual(v);
    });

    it('keeps everything across a reopen', async () => {
      await store.putEntries(key, [entry(1, 2, { parts: ['x'] })]);
      const v = version(2, 'kept');
      await store.addVersion(key, v);
      const b = branch(key.docId, 3);
      await store.addBranch(key.workspaceId, b);
      await store.close();
      store = await factory.reopen();
      expect(await store.lastEntry(key)).toEqual(entry(1, 2, { parts: [] }));
      expect(await store.listEntries(key, { limit: 1, part: 'x' })).toHaveLength(1);
      expect(await store.getVersion(key, v.id)).toEqual(v);
      expect(await store.listBranches(key, 5)).toEqual([b]);
    });
  });
}
