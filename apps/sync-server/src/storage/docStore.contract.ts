import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newId } from '@fieldbook/shared';
import type { DocKey, DocStore, DocumentRef, UpdateEntry } from './docStore';

/** Opens a fresh, empty store for one test and disposes of it afterwards. */
export interface StoreFactory {
  open(): Promise<DocStore>;
  /** Reopens the same storage after `close()`, to prove durability. */
  reopen(): Promise<DocStore>;
}

const bytes = (...b: number[]) => new Uint8Array(b);

/**
 * The behaviour every DocStore implementation must show. SQLite runs it now;
 * the PostgreSQL store will run it unchanged.
 */
export function runDocStoreContract(name: string, factory: StoreFactory): void {
  describe(`DocStore contract: ${name}`, () => {
    let store: DocStore;
    let ref: DocumentRef;
    const entry = (update: Uint8Array, key: DocKey = ref): UpdateEntry => ({
      workspaceId: key.workspaceId,
      docId: key.docId,
      update,
      actor: 'user-1',
      client: 'conn-1',
      ts: 1_700_000_000_000,
    });

    beforeEach(async () => {
      store = await factory.open();
      ref = { docId: newId(), tenantId: 'tenant-a', workspaceId: newId() };
    });
    afterEach(async () => {
      await store.close();
    });

    it('creates a document once and returns the first row afterwards', async () => {
      expect(await store.findDocument(ref)).toBeNull();
      const first = await store.ensureDocument(ref, 'alice');
      expect(first).toMatchObject({ ...ref, createdBy: 'alice' });
      const again = await store.ensureDocument({ ...ref, tenantId: 'tenant-b' }, 'bob');
      expect(again).toEqual(first);
      expect(await store.findDocument(ref)).toEqual(first);
    });

    it('keeps one id in two workspaces as two documents', async () => {
      const twin = { docId: ref.docId, tenantId: 'tenant-b', workspaceId: newId() };
      await store.ensureDocument(ref, 'alice');
      expect(await store.findDocument(twin)).toBeNull();
      expect(await store.load(twin)).toEqual({ snapshot: null, updates: [] });
      expect(await store.readLog(twin)).toEqual([]);
      expect((await store.logStats(twin)).lastSeq).toBe(0);
      const created = await store.ensureDocument(twin, 'mallory');
      expect(created).toMatchObject({ ...twin, createdBy: 'mallory' });
      await store.appendUpdates([entry(bytes(1)), entry(bytes(9), twin)]);
      await store.writeSnapshot(twin, { seq: 1, state: bytes(90) });
      expect((await store.load(ref)).updates.map((u) => u.update[0])).toEqual([1]);
      expect(await store.load(twin)).toEqual({
        snapshot: { seq: 1, state: bytes(90) },
        updates: [],
      });
      expect((await store.readLog(ref))[0]).toMatchObject({ ...entry(bytes(1)), seq: 1 });
      expect((await store.readLog(twin))[0]).toMatchObject({ workspaceId: twin.workspaceId });
      expect(await store.findDocument(ref)).toMatchObject({
        tenantId: 'tenant-a',
        createdBy: 'alice',
      });
    });

    it('appends in order with growing seqs and loads them back', async () => {
      await store.ensureDocument(ref, 'alice');
      const seqs = await store.appendUpdates([entry(bytes(1)), entry(bytes(2, 2))]);
      const more = await store.appendUpdates([entry(bytes(3))]);
      const all = [...seqs, ...more];
      expect(all).toEqual([...all].sort((a, b) => a - b));
      expect(new Set(all).size).toBe(3);
      const loaded = await store.load(ref);
      expect(loaded.snapshot).toBeNull();
      expect(loaded.updates.map((u) => [u.seq, Array.from(u.update)])).toEqual([
        [all[0], [1]],
        [all[1], [2, 2]],
        [all[2], [3]],
      ]);
    });

    it('appends a batch spanning several documents in one call', async () => {
      const other = { ...ref, docId: newId() };
      await store.ensureDocument(ref, 'alice');
      await store.ensureDocument(other, 'alice');
      await store.appendUpdates([entry(bytes(1)), entry(bytes(9), other), entry(bytes(2))]);
      expect((await store.load(ref)).updates.map((u) => u.update[0])).toEqual([1, 2]);
      expect((await store.load(other)).updates.map((u) => u.update[0])).toEqual([9]);
    });

    it('stores nothing of a batch that fails', async () => {
      await store.ensureDocument(ref, 'alice');
      const unknownDoc = { workspaceId: ref.workspaceId, docId: newId() };
      await expect(
        store.appendUpdates([entry(bytes(1)), entry(bytes(2), unknownDoc)]),
      ).rejects.toThrow();
      expect((await store.load(ref)).updates).toEqual([]);
    });

    it('loads the latest snapshot plus only newer updates, and keeps the log', async () => {
      await store.ensureDocument(ref, 'alice');
      const [s1, s2] = await store.appendUpdates([entry(bytes(1)), entry(bytes(2))]);
      await store.writeSnapshot(ref, { seq: s1!, state: bytes(10) });
      await store.writeSnapshot(ref, { seq: s2!, state: bytes(20) });
      const [s3] = await store.appendUpdates([entry(bytes(3))]);
      const loaded = await store.load(ref);
      expect(loaded.snapshot).toEqual({ seq: s2, state: bytes(20) });
      expect(loaded.updates).toEqual([{ seq: s3, update: bytes(3) }]);
      const log = await store.readLog(ref);
      expect(log.map((u) => u.seq)).toEqual([s1, s2, s3]);
      expect(log[0]).toMatchObject({ actor: 'user-1', client: 'conn-1', docId: ref.docId });
    });

    it('ignores a snapshot older than the latest one', async () => {
      await store.ensureDocument(ref, 'alice');
      const [s1, s2] = await store.appendUpdates([entry(bytes(1)), entry(bytes(2))]);
      await store.writeSnapshot(ref, { seq: s2!, state: bytes(20) });
      await store.writeSnapshot(ref, { seq: s1!, state: bytes(10) });
      expect((await store.load(ref)).snapshot).toEqual({ seq: s2, state: bytes(20) });
    });

    it('counts updates and bytes since the latest snapshot', async () => {
      await store.ensureDocument(ref, 'alice');
      expect(await store.logStats(ref)).toEqual({
        updatesSinceSnapshot: 0,
        bytesSinceSnapshot: 0,
        lastSeq: 0,
      });
      const [s1] = await store.appendUpdates([entry(bytes(1, 1, 1)), entry(bytes(2))]);
      expect(await store.logStats(ref)).toMatchObject({
        updatesSinceSnapshot: 2,
        bytesSinceSnapshot: 4,
      });
      await store.writeSnapshot(ref, { seq: s1!, state: bytes(10) });
      const stats = await store.logStats(ref);
      expect(stats).toMatchObject({ updatesSinceSnapshot: 1, bytesSinceSnapshot: 1 });
      expect(stats.lastSeq).toBeGreaterThan(s1!);
    });

    it('loads an unknown document as empty', async () => {
      expect(await store.load({ workspaceId: newId(), docId: newId() })).toEqual({
        snapshot: null,
        updates: [],
      });
    });

    it('keeps everything across close and reopen', async () => {
      await store.ensureDocument(ref, 'alice');
      const [s1] = await store.appendUpdates([entry(bytes(7))]);
      await store.close();
      store = await factory.reopen();
      expect((await store.load(ref)).updates).toEqual([{ seq: s1, update: bytes(7) }]);
      const [s2] = await store.appendUpdates([entry(bytes(8))]);
      expect(s2).toBeGreaterThan(s1!);
    });

    it('reads the log in pages: after a seq, up to a seq, at most a limit', async () => {
      await store.ensureDocument(ref, 'alice');
      const seqs = await store.appendUpdates([1, 2, 3, 4, 5].map((b) => entry(bytes(b))));
      const page = (afterSeq: number, limit: number, throughSeq?: number) =>
        store
          .readLogRange(ref, { afterSeq, limit, throughSeq })
          .then((l) => l.map((u) => u.update[0]));
      expect(await page(0, 2)).toEqual([1, 2]);
      expect(await page(seqs[1]!, 10)).toEqual([3, 4, 5]);
      expect(await page(seqs[0]!, 10, seqs[2]!)).toEqual([2, 3]);
      expect(await page(seqs[4]!, 10)).toEqual([]);
      const [first] = await store.readLogRange(ref, { afterSeq: 0, limit: 1 });
      expect(first).toMatchObject({ ...entry(bytes(1)), seq: seqs[0] });
      expect(
        await store.readLogRange({ ...ref, docId: newId() }, { afterSeq: 0, limit: 5 }),
      ).toEqual([]);
    });

    it('keeps the newest history checkpoint of each document', async () => {
      await store.ensureDocument(ref, 'alice');
      expect(await store.readCheckpoint(ref)).toBeNull();
      await store.writeCheckpoint(ref, { seq: 5, state: bytes(5) });
      await store.writeCheckpoint(ref, { seq: 3, state: bytes(3) });
      expect(await store.readCheckpoint(ref)).toEqual({ seq: 5, state: bytes(5) });
      await store.writeCheckpoint(ref, { seq: 9, state: bytes(9, 9) });
      expect(await store.readCheckpoint(ref)).toEqual({ seq: 9, state: bytes(9, 9) });
      const twin = { ...ref, workspaceId: newId() };
      expect(await store.readCheckpoint(twin)).toBeNull();
      await expect(store.writeCheckpoint(twin, { seq: 1, state: bytes(1) })).rejects.toThrow();
    });

    it('reports a document’s newest seq, its time and stored bytes', async () => {
      expect(await store.footprint(ref)).toEqual({ lastSeq: 0, lastTs: null, bytes: 0 });
      await store.ensureDocument(ref, 'alice');
      const [s1] = await store.appendUpdates([entry(bytes(1, 1)), entry(bytes(2))]);
      expect(await store.footprint(ref)).toMatchObject({ lastTs: 1_700_000_000_000, bytes: 3 });
      await store.writeSnapshot(ref, { seq: s1!, state: bytes(7, 7, 7, 7) });
      const after = await store.footprint(ref);
      expect(after.bytes).toBe(5);
      expect(after.lastSeq).toBe((await store.logStats(ref)).lastSeq);
    });

    it('reports health while open and fails once closed', async () => {
      await expect(store.health()).resolves.toBeUndefined();
      await store.close();
      await expect(store.health()).rejects.toThrow();
      store = await factory.reopen();
    });
  });
}
