import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newId } from '@fieldbook/shared';
import { openSqliteDocStore } from '../storage/sqlite/sqliteDocStore';
import type { DocStore, DocumentRef } from '../storage/docStore';
import { createChangeFeed, type DocChange } from './changeFeed';
import { feedingDocStore } from './feedingDocStore';

let dir: string;
let raw: DocStore;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'fb-changes-'));
  raw = openSqliteDocStore({ file: join(dir, 'docs.db') });
});
afterEach(async () => {
  await raw.close();
  rmSync(dir, { recursive: true, force: true });
});

const turn = () => new Promise((r) => setImmediate(r));
/** The one update `fn` makes (as a client sends it: its own structs and deletions only). */
const updateOf = (fn: (doc: Y.Doc) => void, doc = new Y.Doc()) => {
  const updates: Uint8Array[] = [];
  const keep = (u: Uint8Array) => updates.push(u);
  doc.on('update', keep);
  fn(doc);
  doc.off('update', keep);
  return Y.mergeUpdates(updates);
};

describe('change feed', () => {
  it('delivers creation and appended updates after they are durable, one change per document and run', async () => {
    const errors: unknown[] = [];
    const feed = createChangeFeed(raw, (e) => errors.push(e));
    const store = feedingDocStore(raw, feed);
    const batches: (readonly DocChange[])[] = [];
    feed.subscribe((batch) => batches.push(batch));
    feed.subscribe(() => {
      throw new Error('a broken subscriber');
    });
    const ref: DocumentRef = { tenantId: 't1', workspaceId: newId(), docId: newId() };
    await store.ensureDocument(ref, 'alice');
    const doc = new Y.Doc();
    const u1 = updateOf((d) => d.getText('t').insert(0, 'a'), doc);
    const u2 = updateOf((d) => d.getText('t').insert(1, 'b'), doc);
    const entry = (update: Uint8Array, ts: number) => ({
      ...ref,
      update,
      actor: 'alice',
      client: 'c1',
      ts,
    });
    const seqs = await store.appendUpdates([entry(u1, 1), entry(u2, 2)]);
    expect(batches).toEqual([]);
    await turn();
    expect(batches).toHaveLength(1);
    const [created, updated] = batches[0]!;
    expect(created).toMatchObject({
      kind: 'created',
      key: { workspaceId: ref.workspaceId, docId: ref.docId },
      tenantId: 't1',
      actor: 'alice',
    });
    expect(updated).toMatchObject({
      kind: 'updated',
      tenantId: 't1',
      fromSeq: seqs[0],
      toSeq: seqs[1],
    });
    if (updated?.kind !== 'updated') throw new Error('expected an update');
    expect(updated.updates.map((u) => [u.seq, u.actor, u.ts])).toEqual([
      [seqs[0], 'alice', 1],
      [seqs[1], 'alice', 2],
    ]);
    // Durable when delivered: the store below already holds them.
    expect((await raw.readLog(ref)).map((l) => l.seq)).toEqual(seqs);
    expect(errors).toHaveLength(1);
  });

  it('queues nothing while no one listens', async () => {
    const feed = createChangeFeed(raw, () => {});
    const store = feedingDocStore(raw, feed);
    const ref: DocumentRef = { tenantId: 't1', workspaceId: newId(), docId: newId() };
    await store.ensureDocument(ref, 'alice');
    await store.appendUpdates([
      {
        ...ref,
        update: updateOf((d) => d.getMap('m').set('a', 1)),
        actor: 'a',
        client: 'c',
        ts: 1,
      },
    ]);
    const seen: DocChange[] = [];
    feed.subscribe((b) => seen.push(...b));
    await turn();
    expect(seen).toEqual([]);
  });

  it('reads the live document when one is open, else the stored state', async () => {
    const feed = createChangeFeed(raw, () => {});
    const store = feedingDocStore(raw, feed);
    const ref: DocumentRef = { tenantId: 't1', workspaceId: newId(), docId: newId() };
    await store.ensureDocument(ref, 'alice');
    await store.appendUpdates([
      {
        ...ref,
        update: updateOf((d) => d.getText('t').insert(0, 'stored')),
        actor: 'a',
        client: 'c',
        ts: 1,
      },
    ]);
    expect(await feed.withDoc(ref, (d) => d.getText('t').toString())).toBe('stored');
    const live = new Y.Doc();
    live.getText('t').insert(0, 'live');
    feed.setLiveDocs((key) => (key.docId === ref.docId ? live : null));
    expect(await feed.withDoc(ref, (d) => d.getText('t').toString())).toBe('live');
  });
});
