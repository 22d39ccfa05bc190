// bench/history: the figures for a note of 50,000 single-keystroke
// updates and a collection of 10,000 annotations with 100,000 updates —
// first history page, opening a version, a diff of two versions and a
// restore — each beside the naive path (replay the whole log to that point)
// measured in the same run.
// Run: pnpm --filter @fieldbook/bench history [-- --keystrokes 50000 --annotations 10000 --updates 100000]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { benchArgv } from '../cliArgs';
import * as Y from 'yjs';
import {
  SummaryBuilder,
  actorOrigin,
  advanceSnapshot,
  changesOf,
  diffSnapshots,
  kindOf,
  newHistoryDoc,
  readKindAt,
  restoreVersion,
} from '@fieldbook/crdt-model';
import { newId } from '@fieldbook/shared';
import {
  devAuthHooks,
  openSqliteDocStore,
  type DocStore,
  type DocumentRef,
} from '../../apps/sync-server/src';
import { HistoryService } from '../../apps/sync-server/src/history/historyService';
import { timelineOf } from '../../apps/sync-server/src/history/timelines';
import { openSqliteHistoryStore } from '../../apps/sync-server/src/history/sqlite/sqliteHistoryStore';
import { createLogger } from '../../apps/sync-server/src/log';
import { createMetrics } from '../../apps/sync-server/src/metrics';
import { createSyncService } from '../../apps/sync-server/src/sync/syncService';
import { prng, seedCollection, seedNote } from './seed';

const { values: args } = parseArgs({
  args: benchArgv(),
  options: {
    keystrokes: { type: 'string', default: '50000' },
    annotations: { type: 'string', default: '10000' },
    updates: { type: 'string', default: '100000' },
    samples: { type: 'string', default: '5' },
  },
});
const SAMPLES = Number(args.samples);
const dir = mkdtempSync(join(tmpdir(), 'fb-bench-history-'));
const round = (x: number) => Math.round(x * 10) / 10;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function timed<T>(f: () => Promise<T> | T): Promise<[number, T]> {
  const start = performance.now();
  const value = await f();
  return [performance.now() - start, value];
}

/**
 * Median (and max) ms of `f` over the sample points, and the median CPU ms
 * of this process meanwhile (what the work costs on a loaded machine).
 * `between` runs untimed after each sample.
 */
async function over<P>(
  points: P[],
  f: (p: P) => Promise<unknown> | unknown,
  between?: () => Promise<unknown>,
) {
  const ms: number[] = [];
  const cpu: number[] = [];
  for (const p of points) {
    const before = process.cpuUsage();
    ms.push((await timed(() => f(p)))[0]);
    const used = process.cpuUsage(before);
    cpu.push((used.user + used.system) / 1000);
    await between?.();
  }
  return { medianMs: round(median(ms)), maxMs: round(Math.max(...ms)), cpuMs: round(median(cpu)) };
}

function openStores() {
  const docs = openSqliteDocStore({ file: join(dir, 'docs.db'), durability: 'normal' });
  const history = openSqliteHistoryStore(join(dir, 'history.db'));
  const sync = createSyncService({
    store: docs,
    hooks: devAuthHooks,
    metrics: createMetrics(),
    log: createLogger('silent'),
    maxMessageBytes: 16 * 1024 * 1024,
    keepAliveMs: 60_000,
    idleUnloadMs: 600_000,
    compactMaxUpdates: 1_000_000,
    compactMaxBytes: 1024 * 1024 * 1024,
  });
  const service = new HistoryService({ store: docs, history, change: sync.change });
  return { docs, history, sync, service };
}

// ---- the naive path: replay the log from the start -------------------------

async function logUpTo(docs: DocStore, ref: DocumentRef, seq: number): Promise<Uint8Array[]> {
  return (await docs.readLogRange(ref, { afterSeq: 0, throughSeq: seq, limit: seq })).map(
    (u) => u.update,
  );
}

function replay(updates: Uint8Array[], gc = true): Y.Doc {
  const doc = gc ? new Y.Doc() : newHistoryDoc();
  Y.transact(doc, () => updates.forEach((u) => Y.applyUpdate(doc, u)));
  return doc;
}

const naive = {
  /** The history page without an index: replay and summarise the whole log. */
  async history(docs: DocStore, ref: DocumentRef, last: number) {
    const doc = newHistoryDoc();
    const builder = new SummaryBuilder(null);
    for (const u of await logUpTo(docs, ref, last)) {
      Y.applyUpdate(doc, u);
      builder.add(changesOf(doc, u));
    }
    return builder.build();
  },
  async open(docs: DocStore, ref: DocumentRef, seq: number) {
    const doc = replay(await logUpTo(docs, ref, seq));
    return readKindAt(doc, kindOf(doc)!, null);
  },
  async diff(docs: DocStore, ref: DocumentRef, a: number, b: number) {
    const [x, y] = [await naive.open(docs, ref, a), await naive.open(docs, ref, b)];
    return diffSnapshots(kindOf(replay(await logUpTo(docs, ref, 1)))!, x, y);
  },
  async restore(docs: DocStore, ref: DocumentRef, seq: number, last: number) {
    const all = await logUpTo(docs, ref, last);
    const history = replay(all, false);
    const today = replay(all);
    const at = advanceSnapshot(null, all.slice(0, seq));
    restoreVersion(today, { history, at }, actorOrigin('bench'));
  },
};

// ---- one document ------------------------------------------------------------

async function measure(
  name: string,
  ref: DocumentRef,
  seed: (docs: DocStore) => Promise<{ bytes: number; doc: Y.Doc }>,
) {
  let s = openStores();
  const [seedMs, seeded] = await timed(() => seed(s.docs));
  const stateBytes = Y.encodeStateAsUpdate(seeded.doc).length;
  const last = (await s.docs.footprint(ref)).lastSeq;
  const [indexMs] = await timed(() => s.service.entries(ref, { limit: 50 }));
  // A restart: the index and the checkpoint are read back, nothing is in memory.
  await s.sync.close();
  await s.docs.close();
  await s.history.close();
  s = openStores();
  const [firstPageMs, page] = await timed(() => s.service.entries(ref, { limit: 50 }));
  const entries = (await s.service.entries(ref, { limit: 100_000 })).items;
  const random = prng(3);
  const seqs = Array.from({ length: SAMPLES }, () => 1 + Math.floor(random() * (last - 1)));
  const [openColdMs] = await timed(() => s.service.snapshot(ref, String(seqs[0])));
  // Right after the cold open a collection's timeline is still being filled (seconds): versions
  // are read from the history doc meanwhile. Measured then, and once it is filled.
  const pairs = seqs.map((a, i) => [a, seqs[(i + 1) % seqs.length]!] as const);
  const openFilling = await over(seqs, (seq) => s.service.snapshot(ref, String(seq)));
  const diffFilling = await over(pairs, ([a, b]) => s.service.diff(ref, String(a), String(b)));
  const [fillMs] = await timed(async () => {
    const { held } = await s.service.resolve(ref, String(last));
    if (kindOf(held.doc) === 'annotations') await timelineOf(s.history, ref, held);
  });
  const open = await over(seqs, (seq) => s.service.snapshot(ref, String(seq)));
  const diff = await over(pairs, ([a, b]) => s.service.diff(ref, String(a), String(b)));
  await s.sync.change(ref, { actor: 'bench', client: 'open' }, () => {}); // the hub is open, as with an editor
  // Between restores the index catches up (untimed), as the open History panel's refresh does,
  // and the server is idle a moment, as between two clicks: the write gate applies a large
  // server change to its scratch copy just after the change's answer (UpdateChecker.mirror).
  const catchUp = async () => {
    await s.service.entries(ref, { limit: 50 });
    await new Promise((resolve) => setTimeout(resolve, 100));
  };
  // Undoing recent work: the version before the newest entry (the next sample undoes that restore).
  const recent = await over(
    [0, 1, 2],
    async () => {
      const [, previous] = (await s.service.entries(ref, { limit: 2 })).items;
      return s.service.restore(ref, String(previous!.lastSeq), 'bench');
    },
    catchUp,
  );

  const restore = await over(
    seqs.slice(0, 3),
    (seq) => s.service.restore(ref, String(seq), 'bench'),
    catchUp,
  );
  const naivePoints = seqs.slice(0, 3);
  const naiveHistory = await over([last], () => naive.history(s.docs, ref, last));
  const naiveOpen = await over(naivePoints, (seq) => naive.open(s.docs, ref, seq));
  const naiveDiff = await over(
    naivePoints.map((a, i) => [a, naivePoints[(i + 1) % 3]!] as const),
    ([a, b]) => naive.diff(s.docs, ref, a, b),
  );
  const naiveRestore = await over(naivePoints, (seq) => naive.restore(s.docs, ref, seq, last));
  await s.sync.close();
  await s.docs.close();
  await s.history.close();
  return {
    document: name,
    updates: last,
    logBytes: seeded.bytes,
    stateBytes,
    entries: entries.length,
    seedMs: round(seedMs),
    indexBuildOnceMs: round(indexMs),
    firstHistoryPage: {
      ms: round(firstPageMs),
      items: page.items.length,
      naiveMs: naiveHistory.medianMs,
      goalMs: 50,
    },
    openVersion: {
      coldMs: round(openColdMs),
      ...open,
      whileFilling: openFilling,
      naive: naiveOpen,
      goalMs: 200,
    },
    diff: { ...diff, whileFilling: diffFilling, naive: naiveDiff, goalMs: 200 },
    timelineFillLeftMs: round(fillMs),
    restore: { ...restore, naive: naiveRestore, goalMs: 300 },
    restoreRecent: recent,
  };
}

const scope = { tenantId: 'bench', workspaceId: newId() };
try {
  const noteRef = { ...scope, docId: newId() };
  console.log(
    JSON.stringify(
      await measure('note', noteRef, (docs) => seedNote(docs, noteRef, Number(args.keystrokes))),
    ),
  );
  const collectionRef = { ...scope, docId: newId() };
  console.log(
    JSON.stringify(
      await measure('collection', collectionRef, (docs) =>
        seedCollection(docs, collectionRef, Number(args.annotations), Number(args.updates)),
      ),
    ),
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
