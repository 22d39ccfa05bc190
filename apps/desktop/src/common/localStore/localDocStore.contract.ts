// The behaviour every LocalDocStore must show, written once and run against
// each implementation (SQLite in main now, IndexedDB in the renderer later).
import { isFieldbookError, newId } from '@fieldbook/shared';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { CompactionPolicy, LocalDocStore, UpdateToAppend } from './localDocStore';

/** What a test gets from an implementation: a fresh empty store, and a way to reopen it from disk. */
export interface StoreUnderTest {
  readonly store: LocalDocStore;
  /** Closes the store and opens the same storage again. */
  readonly reopen: () => Promise<LocalDocStore>;
}

/** A Y.Doc whose every update is recorded, to feed a store the way the app does. */
export function recordingDoc(): { doc: Y.Doc; updates: Uint8Array[] } {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  return { doc, updates };
}

/** Plain content of a stored state, for comparing what two states hold. */
export function contentOf(state: Uint8Array): unknown {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  return { map: doc.getMap('m').toJSON(), text: doc.getText('t').toString() };
}

function edits(doc: Y.Doc, n: number): void {
  for (let i = 0; i < n; i++) {
    doc.transact(() => {
      doc.getMap('m').set(`k${i % 7}`, i);
      const t = doc.getText('t');
      t.insert(Math.min(i % 5, t.length), `w${i} `);
      if (i % 3 === 2) t.delete(0, 2);
    });
  }
}

async function rejectsWith(p: Promise<unknown>, code: string): Promise<void> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(isFieldbookError(err) ? err.code : err).toBe(code);
}

/** Registers the contract suite for one implementation. */
export function describeLocalDocStoreContract(
  name: string,
  open: (compaction?: CompactionPolicy) => Promise<StoreUnderTest>,
): void {
  describe(`LocalDocStore contract: ${name}`, () => {
    const opened: LocalDocStore[] = [];
    const start = async (compaction?: CompactionPolicy) => {
      const t = await open(compaction);
      opened.push(t.store);
      return t;
    };
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((s) => s.close().catch(() => undefined)));
    });

    const ws = newId();
    const asLocal = (docId: string, updates: Uint8Array[]): UpdateToAppend[] =>
      updates.map((update) => ({ docId, workspaceId: ws, update, source: 'local' }));

    it('appends updates with growing seqs and loads the merged content', async () => {
      const { store } = await start();
      const docId = newId();
      const { doc, updates } = recordingDoc();
      edits(doc, 20);
      const seqs = await store.appendUpdates(asLocal(docId, updates));
      expect(seqs).toEqual(updates.map((_, i) => i + 1));
      const loaded = await store.loadDoc(docId);
      expect(loaded?.lastSeq).toBe(20);
      expect(contentOf(loaded!.state)).toEqual(contentOf(Y.encodeStateAsUpdate(doc)));
      expect(await store.loadDoc(newId())).toBeNull();
    });

    it('compaction keeps the content identical and later appends continue', async () => {
      const { store } = await start();
      const docId = newId();
      const { doc, updates } = recordingDoc();
      edits(doc, 60);
      await store.appendUpdates(asLocal(docId, updates.splice(0)));
      const before = await store.loadDoc(docId);
      await store.compact(docId);
      const after = await store.loadDoc(docId);
      expect(after?.updatesSinceSnapshot).toBe(0);
      expect(contentOf(after!.state)).toEqual(contentOf(before!.state));
      expect(Y.encodeStateVectorFromUpdate(after!.state)).toEqual(Y.encodeStateVector(doc));
      edits(doc, 5);
      expect(await store.appendUpdates(asLocal(docId, updates))).toEqual([61, 62, 63, 64, 65]);
      const later = await store.loadDoc(docId);
      expect(later?.updatesSinceSnapshot).toBe(5);
      expect(contentOf(later!.state)).toEqual(contentOf(Y.encodeStateAsUpdate(doc)));
    });

    it('compacts by itself past the policy threshold', async () => {
      const { store } = await start({ maxUpdates: 10, maxBytes: 1 << 30 });
      const docId = newId();
      const { doc, updates } = recordingDoc();
      edits(doc, 25);
      for (const u of asLocal(docId, updates)) await store.appendUpdates([u]);
      const loaded = await store.loadDoc(docId);
      expect(loaded?.updatesSinceSnapshot).toBe(5);
      expect(contentOf(loaded!.state)).toEqual(contentOf(Y.encodeStateAsUpdate(doc)));
    });

    it('merges: re-appending known updates changes nothing', async () => {
      const { store } = await start();
      const docId = newId();
      const { doc, updates } = recordingDoc();
      edits(doc, 10);
      await store.appendUpdates(asLocal(docId, updates));
      await store.appendUpdates(asLocal(docId, [Y.encodeStateAsUpdate(doc), ...updates]));
      const loaded = await store.loadDoc(docId);
      expect(contentOf(loaded!.state)).toEqual(contentOf(Y.encodeStateAsUpdate(doc)));
    });

    it('keeps a document in its workspace and writes a batch all or nothing', async () => {
      const { store } = await start();
      const docId = newId();
      const { doc, updates } = recordingDoc();
      edits(doc, 2);
      await store.appendUpdates(asLocal(docId, [updates[0]!]));
      const otherDoc = newId();
      const batch: UpdateToAppend[] = [
        { docId: otherDoc, workspaceId: ws, update: updates[1]!, source: 'local' },
        { docId, workspaceId: newId(), update: updates[1]!, source: 'local' },
      ];
      await rejectsWith(store.appendUpdates(batch), 'CONFLICT');
      expect((await store.listDocs()).map((d) => d.docId)).toEqual([docId]);
      expect(await store.pendingOutbox()).toHaveLength(1);
      expect((await store.loadDoc(docId))?.lastSeq).toBe(1);
    });

    it('refuses malformed input with VALIDATION_ERROR', async () => {
      const { store } = await start();
      const update = Y.encodeStateAsUpdate(new Y.Doc());
      const good = { docId: newId(), workspaceId: ws, update, source: 'local' } as const;
      await rejectsWith(store.appendUpdates([{ ...good, docId: 'not-an-id' }]), 'VALIDATION_ERROR');
      await rejectsWith(
        store.appendUpdates([{ ...good, update: new Uint8Array() }]),
        'VALIDATION_ERROR',
      );
      await rejectsWith(store.putAttachment(ws, update, 'not a type'), 'VALIDATION_ERROR');
      expect(await store.listDocs()).toEqual([]);
    });

    it('queues local updates in the outbox until acknowledged', async () => {
      const { store } = await start();
      const docId = newId();
      const { doc, updates } = recordingDoc();
      edits(doc, 4);
      await store.appendUpdates([
        { docId, workspaceId: ws, update: updates[0]!, source: 'server' },
        ...asLocal(docId, updates.slice(1)),
      ]);
      const pending = await store.pendingOutbox();
      expect(pending.map((e) => e.update)).toEqual(updates.slice(1));
      expect(pending.every((e) => e.docId === docId && e.workspaceId === ws)).toBe(true);
      expect(await store.pendingOutbox(2)).toEqual(pending.slice(0, 2));
      await store.ackOutbox([pending[0]!.id, pending[1]!.id]);
      await store.ackOutbox([pending[0]!.id]);
      expect(await store.pendingOutbox()).toEqual(pending.slice(2));
    });

    it('resets a document to a given state and drops its outbox, leaving others alone', async () => {
      const { store, reopen } = await start();
      const [docId, other] = [newId(), newId()];
      const { doc, updates } = recordingDoc();
      edits(doc, 6);
      await store.appendUpdates([
        ...updates
          .slice(0, 2)
          .map((update) => ({ docId, workspaceId: ws, update, source: 'server' as const })),
        ...asLocal(docId, updates.slice(2)),
        ...asLocal(other, updates.slice(0, 1)),
      ]);
      const server = new Y.Doc();
      updates.slice(0, 2).forEach((u) => Y.applyUpdate(server, u));
      const state = Y.encodeStateAsUpdate(server);
      await store.resetDoc({ docId, workspaceId: ws }, state);
      expect(contentOf((await store.loadDoc(docId))!.state)).toEqual(contentOf(state));
      expect((await store.pendingOutbox()).map((e) => e.docId)).toEqual([other]);
      await rejectsWith(store.resetDoc({ docId, workspaceId: newId() }, state), 'CONFLICT');
      const again = await reopen();
      opened.push(again);
      expect(contentOf((await again.loadDoc(docId))!.state)).toEqual(contentOf(state));
      await again.appendUpdates(asLocal(docId, updates.slice(2, 3)));
      expect((await again.loadDoc(docId))!.lastSeq).toBeGreaterThan(1);
    });

    it('deletes a document with its outbox entries, leaving others alone', async () => {
      const { store, reopen } = await start();
      const [docId, other] = [newId(), newId()];
      const { doc, updates } = recordingDoc();
      edits(doc, 6);
      await store.appendUpdates([
        ...asLocal(docId, updates),
        ...asLocal(other, updates.slice(0, 1)),
      ]);
      await store.compact(docId);
      await store.appendUpdates(asLocal(docId, updates.slice(0, 1)));
      await rejectsWith(store.deleteDoc({ docId, workspaceId: newId() }), 'CONFLICT');
      expect(await store.deleteDoc({ docId, workspaceId: ws })).toBe(true);
      expect(await store.deleteDoc({ docId, workspaceId: ws })).toBe(false);
      expect(await store.loadDoc(docId)).toBeNull();
      expect((await store.listDocs()).map((d) => d.docId)).toEqual([other]);
      expect((await store.pendingOutbox()).map((e) => e.docId)).toEqual([other]);
      const again = await reopen();
      opened.push(again);
      expect(await again.loadDoc(docId)).toBeNull();
      expect(await again.appendUpdates(asLocal(docId, updates.slice(0, 1)))).toEqual([1]);
    });

    it('lists documents and workspaces in id order', async () => {
      const { store } = await start();
      const ws2 = newId();
      const [a, b, c] = [newId(), newId(), newId()];
      const update = Y.encodeStateAsUpdate(recordingDocWith('x'));
      await store.appendUpdates([
        { docId: c, workspaceId: ws2, update, source: 'server' },
        { docId: a, workspaceId: ws, update, source: 'server' },
        { docId: b, workspaceId: ws, update, source: 'server' },
      ]);
      expect((await store.listDocs(ws)).map((d) => d.docId)).toEqual([a, b]);
      expect((await store.listDocs()).map((d) => d.docId)).toEqual([a, b, c]);
      expect(await store.listWorkspaces()).toEqual([ws, ws2].sort());
    });

    it('stores attachments by sha256, once per content', async () => {
      const { store } = await start();
      const bytes = new TextEncoder().encode('hello');
      const hash = await store.putAttachment(ws, bytes, 'text/plain');
      expect(hash).toBe('2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824');
      expect(await store.putAttachment(ws, bytes, 'text/plain')).toBe(hash);
      expect(await store.getAttachment(hash)).toEqual({ hash, mimeType: 'text/plain', bytes });
      expect(await store.listAttachments(ws)).toEqual([hash]);
      expect(await store.listAttachments(newId())).toEqual([]);
      expect(await store.getAttachment('0'.repeat(64))).toBeNull();
    });

    it('keeps everything across a reopen', async () => {
      const { store, reopen } = await start();
      const docId = newId();
      const { doc, updates } = recordingDoc();
      edits(doc, 8);
      await store.appendUpdates(asLocal(docId, updates));
      await store.compact(docId);
      const pending = await store.pendingOutbox();
      const again = await reopen();
      opened.push(again);
      const loaded = await again.loadDoc(docId);
      expect(contentOf(loaded!.state)).toEqual(contentOf(Y.encodeStateAsUpdate(doc)));
      expect(await again.pendingOutbox()).toEqual(pending);
    });
  });
}

function recordingDocWith(text: string): Y.Doc {
  const doc = new Y.Doc();
  doc.getText('t').insert(0, text);
  return doc;
}
