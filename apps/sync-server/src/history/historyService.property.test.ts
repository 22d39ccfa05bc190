// For random edits on 2–4 replicas, the snapshot the service serves for
// every seq equals the state the server's replica had right after that seq,
// whether the index caught up in one go or bit by bit, and after a restart.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import {
  actorOrigin,
  createAnnotation,
  createAnnotationCollection,
  createNote,
  deleteAnnotation,
  diffSnapshots,
  editAnnotation,
  editNoteText,
  readAnnotationCollection,
  readNote,
} from '@fieldbook/crdt-model';
import { newId } from '@fieldbook/shared';
import { openSqliteDocStore } from '../storage/sqlite/sqliteDocStore';
import type { DocStore, DocumentRef } from '../storage/docStore';
import { HistoryService } from './historyService';
import { openSqliteHistoryStore } from './sqlite/sqliteHistoryStore';
import type { HistoryStore } from './historyStore';

/** A small seeded PRNG (mulberry32), so a failure names its seed. */
function prng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function open(dir: string): { docs: DocStore; history: HistoryStore; service: HistoryService } {
  const docs = openSqliteDocStore({ file: join(dir, 'docs.db'), durability: 'normal' });
  const history = openSqliteHistoryStore(join(dir, 'history.db'));
  const refuse = () => Promise.reject(new Error('no changes in this test'));
  return { docs, history, service: new HistoryService({ store: docs, history, change: refuse }) };
}

type Kind = 'note' | 'annotations';

async function run(seed: number, kind: Kind) {
  const random = prng(seed);
  const dir = mkdtempSync(join(tmpdir(), 'fb-history-prop-'));
  dirs.push(dir);
  let { docs, history, service } = open(dir);
  const ref: DocumentRef = { tenantId: 't', workspaceId: newId(), docId: newId() };
  await docs.ensureDocument(ref, 'seed');
  const n = 2 + Math.floor(random() * 3);
  const replicas = Array.from({ length: n }, (_, i) => ({
    doc: new Y.Doc(),
    origin: actorOrigin(`user-${i % 2}`),
    client: `conn-${i}`,
    pending: [] as Uint8Array[],
  }));
  for (const r of replicas) r.doc.on('update', (u: Uint8Array) => r.pending.push(u));
  const server = new Y.Doc();
  const read = () => (kind === 'note' ? readNote(server) : readAnnotationCollection(server));
  const seen: unknown[] = [];
  let ts = 1_700_000_000_000;
  const ids: string[] = [];

  /** The replica sends what it has not sent; the server logs and applies it. */
  async function send(r: (typeof replicas)[number]) {
    for (const update of r.pending.splice(0)) {
      ts += Math.floor(random() * 90_000);
      await docs.appendUpdates([{ ...ref, update, actor: r.origin.actor, client: r.client, ts }]);
      Y.applyUpdate(server, update);
      seen.push(read());
    }
    Y.applyUpdate(r.doc, Y.encodeStateAsUpdate(server, Y.encodeStateVector(r.doc)));
    r.pending.length = 0;
  }

  const first = replicas[0]!;
  if (kind === 'note') createNote(first.doc, { title: 'P', text: '# A\nstart\n' }, first.origin);
  else createAnnotationCollection(first.doc, { name: 'P' }, first.origin);
  await send(first);
  for (const r of replicas.slice(1)) await send(r);

  for (let step = 0; step < 120; step++) {
    const r = replicas[Math.floor(random() * n)]!;
    if (kind === 'note') {
      const len = r.doc.getText('body').length;
      const index = Math.floor(random() * (len + 1));
      if (random() < 0.35 && len > 0) {
        const at = Math.min(index, len - 1);
        const deleteCount = Math.min(len - at, 1 + Math.floor(random() * 3));
        editNoteText(r.doc, { index: at, deleteCount }, r.origin);
      } else {
        editNoteText(
          r.doc,
          {
            index,
            insert: random() < 0.2 ? '\n# H\n' : 'ab'.slice(0, 1 + Math.floor(random() * 2)),
          },
          r.origin,
        );
      }
    } else {
      const live = ids.filter((id) => r.doc.getMap('annotations').has(id));
      const pick = live[Math.floor(random() * live.length)];
      if (!pick || random() < 0.3) {
        const anchor = { channels: ['ch'], t: step, t2: step + 1 };
        ids.push(createAnnotation(r.doc, { kind: 'range', anchor, title: `a${step}` }, r.origin));
      } else if (random() < 0.2) deleteAnnotation(r.doc, { id: pick }, r.origin);
      else editAnnotation(r.doc, { id: pick, title: `t${step}` }, r.origin);
    }
    if (random() < 0.4) await send(r);
    if (random() < 0.1) await service.entries(ref, { limit: 5 });
    // Versions read while the log grows: what is kept of them must stay true as the newest entry grows.
    if (step % 17 === 16 && seen.length > 0) {
      for (const seq of [seen.length, 1 + (step % seen.length)]) {
        const got = await service.snapshot(ref, String(seq));
        expect([seed, seq, got.snapshot]).toEqual([seed, seq, seen[seq - 1]]);
      }
    }
  }
  for (const r of replicas) await send(r);

  const check = async (s: HistoryService) => {
    for (let seq = 1; seq <= seen.length; seq++) {
      const got = await s.snapshot(ref, String(seq));
      expect([seed, seq, got.snapshot]).toEqual([seed, seq, seen[seq - 1]]);
    }
  };
  // Diffs (through the kept values once filled, else from the history doc) equal diffs of what
  // the replica held.
  const checkDiffs = async (s: HistoryService) => {
    if (kind !== 'annotations') return;
    for (let i = 1; i <= seen.length; i += 7) {
      const j = 1 + ((i * 31) % seen.length);
      const want = diffSnapshots('annotations', seen[i - 1] as never, seen[j - 1] as never);
      expect([seed, i, j, await s.diff(ref, String(i), String(j))]).toEqual([seed, i, j, want]);
    }
  };
  await check(service);
  await checkDiffs(service);
  const entries = await service.entries(ref, { limit: 1000 });
  expect(entries.items.reduce((sum, e) => sum + e.updates, 0)).toBe(seen.length);

  // A restart: the index is read back, nothing is indexed twice.
  await docs.close();
  await history.close();
  ({ docs, history, service } = open(dir));
  await checkDiffs(service);
  await check(service);
  expect((await service.entries(ref, { limit: 1000 })).items).toEqual(entries.items);
  await docs.close();
  await history.close();
}

describe('served versions equal what a replica held', () => {
  for (const seed of [1, 2, 3]) {
    it(`note, seed ${seed}`, () => run(seed, 'note'));
    it(`annotation collection, seed ${seed}`, () => run(seed * 7, 'annotations'));
  }
});
