// Overlap query benchmark: an annotation collection of 100,000 annotations
// over 20 channels and a year, queried through AnnotationIndex and, as the
// reference, by scanning the collection's snapshot. Prints median / p95 / max
// per query for both, checks they agree, and ends with one JSON line.
// Run from the repo root: pnpm exec tsx bench/annotation-overlap.bench.ts
import * as Y from 'yjs';
import type { Annotation } from '@fieldbook/shared';
import { anchorSpan } from '@fieldbook/shared';
import type { CreateAnnotationInput, OverlapQuery } from '@fieldbook/crdt-model';
import {
  AnnotationIndex,
  actorOrigin,
  createAnnotationCollection,
  createAnnotations,
  moveAnnotation,
  readAnnotationCollection,
} from '@fieldbook/crdt-model';

const N = Number(process.env.ANNOTATIONS ?? 100_000);
const QUERIES = Number(process.env.QUERIES ?? 1_000);
const CHANNELS = Array.from({ length: 20 }, (_, i) => `rover.ch${String(i).padStart(2, '0')}`);
const TAGS = [
  'thermal',
  'power',
  'comms',
  'nav',
  'science',
  'anomaly',
  'review',
  'ok',
  'fault',
  'ops',
];
const START = Date.UTC(2026, 0, 1);
const YEAR = 365 * 24 * 3600_000;
const HOUR = 3600_000;

/** A small seeded PRNG (mulberry32) so every run measures the same data. */
function prng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = prng(42);
const int = (n: number) => Math.floor(rand() * n);
const some = <T>(list: readonly T[], max: number) => {
  const out = new Set<T>();
  for (let i = int(max + 1); i > 0; i--) out.add(list[int(list.length)]!);
  return [...out];
};

function randomAnnotation(): CreateAnnotationInput {
  const channels = some(CHANNELS, 2);
  if (channels.length === 0) channels.push(CHANNELS[int(CHANNELS.length)]!);
  const t = START + int(YEAR);
  // Mostly short events, some hours long, 1% spanning days to weeks.
  const r = rand();
  const len = r < 0.5 ? 0 : r < 0.9 ? int(HOUR) : r < 0.99 ? int(12 * HOUR) : int(21 * 24 * HOUR);
  const tags = some(TAGS, 3);
  if (len === 0) return { kind: 'point', anchor: { channels, t, y: rand() }, tags };
  if (r < 0.8) return { kind: 'range', anchor: { channels, t, t2: t + len }, tags };
  return { kind: 'rect', anchor: { channels, t, t2: t + len, y: 0, y2: 1 }, tags };
}

function randomQuery(): OverlapQuery {
  const from = START + int(YEAR);
  const width = [60_000, HOUR, 6 * HOUR, 24 * HOUR, 7 * 24 * HOUR][int(5)]!;
  const channels = some(CHANNELS, 3);
  if (channels.length === 0) channels.push(CHANNELS[0]!);
  const tags = rand() < 0.5 ? undefined : some(TAGS, 2);
  return { channels, from, to: from + width, tags, tagMatch: rand() < 0.5 ? 'any' : 'all' };
}

/** The reference: scan every annotation of the snapshot. */
function scan(annotations: readonly Annotation[], q: OverlapQuery): string[] {
  const out: string[] = [];
  for (const a of annotations) {
    const [lo, hi] = anchorSpan(a.anchor);
    if (hi < q.from || lo > q.to) continue;
    if (!a.anchor.channels.some((c) => q.channels.includes(c))) continue;
    if (q.tags && q.tags.length > 0) {
      const ok =
        q.tagMatch === 'all'
          ? q.tags.every((t) => a.tags.includes(t))
          : q.tags.some((t) => a.tags.includes(t));
      if (!ok) continue;
    }
    out.push(a.id);
  }
  return out.sort();
}

function stats(ms: number[]) {
  const s = [...ms].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
  const round = (x: number) => Math.round(x * 1000) / 1000;
  return { median: round(at(0.5)), p95: round(at(0.95)), max: round(s[s.length - 1]!) };
}

function time<T>(fn: () => T): [T, number] {
  const t0 = performance.now();
  const value = fn();
  return [value, performance.now() - t0];
}

const me = actorOrigin('bench', () => START);
const doc = new Y.Doc();
createAnnotationCollection(doc, { name: 'bench' }, me);
const [, buildDocMs] = time(() => {
  for (let done = 0; done < N; done += 1000) {
    const batch = Array.from({ length: Math.min(1000, N - done) }, randomAnnotation);
    createAnnotations(doc, batch, me);
  }
});
console.log(`built a collection of ${N} annotations in ${(buildDocMs / 1000).toFixed(1)} s`);

const [index, indexBuildMs] = time(() => new AnnotationIndex(doc));
console.log(`index built in ${indexBuildMs.toFixed(0)} ms (${index.size} annotations)`);
const [snapshot, snapshotMs] = time(() => readAnnotationCollection(doc).annotations);
console.log(`snapshot read in ${snapshotMs.toFixed(0)} ms (reference data for the scan)`);

const queries = Array.from({ length: QUERIES }, randomQuery);
for (const q of queries.slice(0, 50)) {
  index.query(q);
  scan(snapshot, q);
}
const indexed: number[] = [];
const scanned: number[] = [];
let mismatches = 0;
let results = 0;
for (const q of queries) {
  const [ids, ms] = time(() => index.query(q));
  const [ref, refMs] = time(() => scan(snapshot, q));
  indexed.push(ms);
  scanned.push(refMs);
  results += ids.length;
  if (ids.length !== ref.length || ids.some((id, i) => id !== ref[i])) mismatches++;
}

// Keeping the index current: one user move at a time, each one transaction.
const ids = snapshot.map((a) => a.id);
const edits: number[] = [];
for (let i = 0; i < 1000; i++) {
  const id = ids[int(ids.length)]!;
  edits.push(time(() => moveAnnotation(doc, { id, dt: int(HOUR) - HOUR / 2 }, me))[1]);
}

const q = stats(indexed);
const r = stats(scanned);
const e = stats(edits);
const ratio = Math.round((r.median / q.median) * 10) / 10;
console.log(`queries: ${QUERIES}, mean results per query: ${(results / QUERIES).toFixed(1)}`);
console.log(`indexed query  ms: median ${q.median}  p95 ${q.p95}  max ${q.max}`);
console.log(`full scan      ms: median ${r.median}  p95 ${r.p95}  max ${r.max}`);
console.log(`index is ${ratio}x faster at the median; results differ in ${mismatches} queries`);
console.log(`move + index update ms: median ${e.median}  p95 ${e.p95}  max ${e.max}`);
console.log(
  `target: indexed median < 5 ms -> ${q.median < 5 && mismatches === 0 ? 'PASS' : 'FAIL'}`,
);
console.log(
  JSON.stringify({
    bench: 'annotation-overlap',
    annotations: N,
    channels: CHANNELS.length,
    queries: QUERIES,
    indexBuildMs: Math.round(indexBuildMs),
    indexedMs: q,
    scanMs: r,
    speedup: ratio,
    mismatches,
    editMs: e,
    pass: q.median < 5 && mismatches === 0,
  }),
);
index.destroy();
if (mismatches > 0 || q.median >= 5) process.exitCode = 1;
