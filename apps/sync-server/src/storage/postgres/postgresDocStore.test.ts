import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '@fieldbook/shared';
import type { Postgres } from '../../postgres/connection';
import { createTestDatabase, type TestDatabase } from '../../postgres/testing';
import { runDocStoreContract } from '../docStore.contract';
import type { DocStore } from '../docStore';
import { openPostgresDocStore } from './postgresDocStore';

let database: TestDatabase;
let pg: Postgres;
beforeAll(async () => {
  database = await createTestDatabase();
  pg = await database.open();
});
afterAll(() => database.drop());

runDocStoreContract('postgres', {
  open: () => openPostgresDocStore(pg),
  reopen: () => openPostgresDocStore(pg),
});

describe('postgres doc store on two nodes', () => {
  const entry = (key: { workspaceId: string; docId: string }, node: number, i: number) => ({
    workspaceId: key.workspaceId,
    docId: key.docId,
    update: Uint8Array.from([node, i]),
    actor: `node-${node}`,
    client: 'conn',
    ts: Date.now(),
  });

  it('serialises concurrent appends from two pools to one document: seqs unique, increasing, none lost', async () => {
    const nodes: DocStore[] = [
      await openPostgresDocStore(pg),
      await openPostgresDocStore(await database.open()),
    ];
    const doc = { docId: newId(), tenantId: 'tenant-a', workspaceId: newId() };
    await Promise.all(nodes.map((s) => s.ensureDocument(doc, 'alice')));
    const rounds = 40;
    const returned = await Promise.all(
      nodes.map(async (store, node) => {
        const seqs: number[] = [];
        for (let i = 0; i < rounds; i++) {
          const batch = [entry(doc, node, i), entry(doc, node, i + 100)];
          seqs.push(...(await store.appendUpdates(batch)));
        }
        return seqs;
      }),
    );
    for (const seqs of returned) {
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
      expect(new Set(seqs).size).toBe(seqs.length);
    }
    const all = returned.flat().sort((a, b) => a - b);
    expect(all).toEqual(Array.from({ length: 4 * rounds }, (_, i) => i + 1));
    const log = await nodes[1]!.readLog(doc);
    expect(log.map((u) => u.seq)).toEqual(all);
    // Each node's updates keep their order within the log, a batch stays contiguous.
    for (const node of [0, 1]) {
      const mine = log.filter((u) => u.update[0] === node).map((u) => u.update[1]);
      expect(mine).toEqual(Array.from({ length: rounds }, (_, i) => [i, i + 100]).flat());
    }
  });

  it('never moves a snapshot back when two nodes write snapshots at once', async () => {
    const a = await openPostgresDocStore(pg);
    const b = await openPostgresDocStore(await database.open());
    const doc = { docId: newId(), tenantId: 'tenant-a', workspaceId: newId() };
    await a.ensureDocument(doc, 'alice');
    const seqs = await a.appendUpdates([1, 2, 3, 4].map((i) => entry(doc, 0, i)));
    await Promise.all(
      seqs.flatMap((seq) => [
        a.writeSnapshot(doc, { seq, state: Uint8Array.from([seq]) }),
        b.writeSnapshot(doc, { seq, state: Uint8Array.from([seq]) }),
      ]),
    );
    // A node that finds another writing skips its snapshot (COMPACTION_LOCK_CLASS): some seq won.
    const won = (await b.load(doc)).snapshot!;
    expect(won.state).toEqual(Uint8Array.from([won.seq]));
    expect(seqs).toContain(won.seq);
    // An older snapshot written later, from either node, leaves it; a newer one replaces it.
    await b.writeSnapshot(doc, { seq: 1, state: Uint8Array.from([1]) });
    await a.writeSnapshot(doc, { seq: 1, state: Uint8Array.from([1]) });
    expect((await a.load(doc)).snapshot).toEqual(won);
    await b.writeSnapshot(doc, { seq: 4, state: Uint8Array.from([4]) });
    expect((await a.load(doc)).snapshot).toEqual({ seq: 4, state: Uint8Array.from([4]) });
  });
});
