import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newId } from '@fieldbook/shared';
import { createLogger } from '../log';
import { createMetrics } from '../metrics';
import type { DocStore } from '../storage/docStore';
import { openSqliteDocStore } from '../storage/sqlite/sqliteDocStore';
import { tempDir, waitFor } from '../testing/harness';
import { GroupCommitter, type CommitListener, type PendingUpdate } from './groupCommit';

describe('GroupCommitter', () => {
  let data: ReturnType<typeof tempDir>;
  let store: DocStore;
  const key = { workspaceId: newId(), docId: newId() };
  beforeEach(async () => {
    data = tempDir();
    store = openSqliteDocStore({ file: join(data.dir, 'db.sqlite') });
    await store.ensureDocument({ ...key, tenantId: 't' }, 'a');
  });
  afterEach(async () => {
    await store.close();
    data.cleanup();
  });

  const pending = (byte: number, listener: CommitListener): PendingUpdate => ({
    ...key,
    update: new Uint8Array([byte]),
    actor: 'a',
    client: 'c',
    ts: 1,
    relay: new Uint8Array(),
    listener: listener as CommitListener<never>,
  });

  it('writes everything queued in one turn as one transaction, in order', async () => {
    const committer = new GroupCommitter(store, createMetrics(), createLogger('silent'));
    const seqs: number[] = [];
    const listener: CommitListener = { committed: (_p, seq) => (seqs.push(seq), 0), failed() {} };
    for (let i = 0; i < 5; i++) committer.enqueue(pending(i, listener));
    await committer.drain();
    expect(seqs).toHaveLength(5);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect((await store.readLog(key)).map((u) => u.update[0])).toEqual([0, 1, 2, 3, 4]);
  });

  it('commits an update queued while the previous batch is finishing', async () => {
    const committer = new GroupCommitter(store, createMetrics(), createLogger('silent'));
    const committed: number[] = [];
    const listener: CommitListener = {
      committed: (p, _seq) => {
        committed.push(p.update[0]!);
        if (p.update[0] === 1) queueMicrotask(() => committer.enqueue(pending(2, listener)));
        return 0;
      },
      failed() {},
    };
    committer.enqueue(pending(1, listener));
    await waitFor(() => committed.length === 2, 'the late update to be committed', 2_000);
    expect(committed).toEqual([1, 2]);
  });

  it('reports a failed batch to every listener and stores none of it', async () => {
    const committer = new GroupCommitter(store, createMetrics(), createLogger('silent'));
    const failed: number[] = [];
    const listener: CommitListener = {
      committed: () => 0,
      failed: (p) => failed.push(p.update[0]!),
    };
    committer.enqueue(pending(1, listener));
    committer.enqueue({ ...pending(2, listener), docId: newId() });
    await committer.drain();
    expect(failed).toEqual([1, 2]);
    expect(await store.readLog(key)).toEqual([]);
  });

  describe('with a window', () => {
    /** The real store, counting the batch sizes it is asked to append. */
    const counting = (batches: number[]): DocStore => ({
      ...store,
      appendUpdates: (entries) => (batches.push(entries.length), store.appendUpdates(entries)),
    });
    const turn = () => new Promise((r) => setTimeout(r, 5));

    it('commits updates from several turns within the window together', async () => {
      const batches: number[] = [];
      const committer = new GroupCommitter(
        counting(batches),
        createMetrics(),
        createLogger('silent'),
        { windowMs: 60, maxUpdates: 100 },
      );
      const committed: number[] = [];
      const listener: CommitListener = {
        committed: (p) => (committed.push(p.update[0]!), 0),
        failed() {},
      };
      committer.enqueue(pending(1, listener));
      await turn();
      committer.enqueue(pending(2, listener));
      await turn();
      expect(committed).toEqual([]);
      await waitFor(() => committed.length === 2, 'the window to close', 2_000);
      expect(batches).toEqual([2]);
      expect((await store.readLog(key)).map((u) => u.update[0])).toEqual([1, 2]);
    });

    it('starts a full batch at once, and drain does not wait for the window', async () => {
      const batches: number[] = [];
      const committer = new GroupCommitter(
        counting(batches),
        createMetrics(),
        createLogger('silent'),
        { windowMs: 60_000, maxUpdates: 3 },
      );
      const committed: number[] = [];
      const listener: CommitListener = {
        committed: (p) => (committed.push(p.update[0]!), 0),
        failed() {},
      };
      for (const byte of [1, 2, 3]) {
        committer.enqueue(pending(byte, listener));
        await turn();
      }
      await waitFor(() => committed.length === 3, 'the full batch', 2_000);
      committer.enqueue(pending(4, listener));
      await committer.drain();
      expect(committed).toEqual([1, 2, 3, 4]);
      expect(batches).toEqual([3, 1]);
    });
  });
});
