import * as Y from 'yjs';
import type { Annotation, AnnotationCollectionSnapshot, DocDiff } from '@fieldbook/shared';
import { readAnnotationMap } from '../annotations/reader';
import { schemaVersionOf } from '../schemaVersion';
import { diffSnapshots } from './diff';
import { MapAt, docAt } from './snapshotView';
import { mapValueAt } from './snapshots';

// Reading a collection at a version through views rebuilds every annotation
// (~25 µs each, 10,000 in a big one). An annotation only changes in the
// entries that touched it, so its plain value at the end of each such entry
// is read once and kept: a version is then the kept value of each annotation
// as of its last touch, and only the annotations touched since the last kept
// entry are read again.

/** A closed history entry of a collection: its last seq, the snapshot after it, the annotations it touched. */
export interface TimelineEntry {
  lastSeq: number;
  at: Y.Snapshot;
  parts: readonly string[];
}

/** Annotations read between two yields of a fill (≈ 50 ms). */
const READ_STEP = 250;

/** How many recent seqs keep the annotations read at them. */
const RECENT_SEQS = 8;

/** One annotation's values at the end of each entry that touched it (null: absent then). */
interface Touches {
  ends: number[];
  values: (Annotation | null)[];
}

/** A version of a collection for the timeline: its seq, its snapshot, the annotations to read again (see valueAt). */
export interface TimelinePoint {
  seq: number;
  at: Y.Snapshot;
  fresh: ReadonlySet<string>;
}

/** Annotation `id` of history doc `doc` at `at` as a plain value, or null when absent then. */
function annotationAt(doc: Y.Doc, id: string, at: Y.Snapshot): Annotation | null {
  const map = mapValueAt(doc.getMap('annotations'), id, at);
  return map instanceof Y.Map ? readAnnotationMap(id, new MapAt(map, at)) : null;
}

/** Index of the last element of ascending `xs` that is ≤ `x` (−1: none). */
function lastAtMost(xs: readonly number[], x: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/**
 * The plain values of a collection's annotations along its history, kept per
 * closed entry. Values it hands out are shared: callers must not change them.
 */
export class AnnotationTimeline {
  private readonly touches = new Map<string, Touches>();
  private sortedIds: string[] | null = [];
  private through = 0;
  /** The kept entries' last seqs, ascending, and the annotations each touched. */
  private readonly ends: number[] = [];
  private readonly parts: (readonly string[])[] = [];
  /** Annotations read again at recent seqs: a version's values never change. */
  private readonly recent = new Map<number, Map<string, Annotation | null>>();

  constructor(private readonly doc: Y.Doc) {}

  /** The last seq of the newest entry kept (0: none). */
  get keptThrough(): number {
    return this.through;
  }

  /**
   * The annotations to read again for version `seq` when it lies within the
   * kept entries: none at an entry's end, else those its entry touched.
   * Null past the kept entries (the store knows what was touched since).
   */
  freshAt(seq: number): ReadonlySet<string> | null {
    if (seq > this.through) return null;
    const i = lastAtMost(this.ends, seq);
    if (i >= 0 && this.ends[i] === seq) return new Set();
    return new Set(this.parts[i + 1]);
  }

  /**
   * Reads and keeps the annotations each entry touched, at its end; entries
   * follow the kept ones, in order. Step by step: it yields after every
   * READ_STEP annotations, so a caller can let other work run meanwhile (a
   * fill takes seconds). What it read is kept when it is done, all at once;
   * the timeline must not be read before.
   */
  *keeping(entries: readonly TimelineEntry[]): Generator<void, void, void> {
    let through = this.through;
    const added: TimelineEntry[] = [];
    const touched = new Map<string, TimelineEntry[]>();
    for (const entry of entries) {
      if (entry.lastSeq <= through) continue;
      through = entry.lastSeq;
      added.push(entry);
      for (const id of entry.parts) {
        const list = touched.get(id);
        if (list) list.push(entry);
        else touched.set(id, [entry]);
      }
    }
    // One annotation at every entry that touched it in turn: its items are still in the
    // CPU's caches from the read before (entry by entry, the other annotations evict them).
    const read: [string, TimelineEntry[], (Annotation | null)[]][] = [];
    for (const [id, list] of touched) {
      read.push([id, list, list.map((entry) => annotationAt(this.doc, id, entry.at))]);
      if (read.length % READ_STEP === 0) yield;
    }
    // Another fill kept these entries meanwhile.
    if (added.length === 0 || added[0]!.lastSeq <= this.through) return;
    for (const [id, list, values] of read) {
      let t = this.touches.get(id);
      if (!t) {
        t = { ends: [], values: [] };
        this.touches.set(id, t);
        this.sortedIds = null;
      }
      t.ends.push(...list.map((entry) => entry.lastSeq));
      t.values.push(...values);
    }
    for (const entry of added) {
      this.ends.push(entry.lastSeq);
      this.parts.push(entry.parts);
    }
    this.through = through;
  }

  /**
   * Annotation `id` at seq `seq` (snapshot `at`, seq ≥ keptThrough or within
   * the kept entries): read again when in `fresh` — the annotations touched
   * after the last kept entry ending at or before `seq` — else the kept value.
   */
  valueAt(id: string, seq: number, at: Y.Snapshot, fresh: ReadonlySet<string>): Annotation | null {
    if (fresh.has(id)) return this.readAt(id, seq, at);
    const t = this.touches.get(id);
    const i = t ? lastAtMost(t.ends, seq) : -1;
    return i < 0 ? null : t!.values[i]!;
  }

  /** The collection at seq `seq` (snapshot `at`), as readAnnotationCollection reads it; `fresh` as for valueAt. */
  snapshotAt(
    seq: number,
    at: Y.Snapshot,
    fresh: ReadonlySet<string>,
  ): AnnotationCollectionSnapshot {
    const annotations: Annotation[] = [];
    for (const id of this.idsWith(fresh)) {
      const value = this.valueAt(id, seq, at, fresh);
      if (value) annotations.push(value);
    }
    return { ...this.headerAt(at), annotations };
  }

  /** Annotation `id` read at seq `seq`, kept for the few latest seqs read (a version opened, then compared). */
  private readAt(id: string, seq: number, at: Y.Snapshot): Annotation | null {
    let values = this.recent.get(seq);
    if (values) {
      this.recent.delete(seq);
    } else {
      values = new Map();
      if (this.recent.size >= RECENT_SEQS) this.recent.delete(this.recent.keys().next().value!);
    }
    this.recent.set(seq, values);
    if (!values.has(id)) values.set(id, annotationAt(this.doc, id, at));
    return values.get(id)!;
  }

  /** Every kept annotation's id and those of `fresh`, sorted (the order of readAnnotationCollection). */
  private idsWith(fresh: ReadonlySet<string>): readonly string[] {
    this.sortedIds ??= [...this.touches.keys()].sort();
    const extra = [...fresh].filter((id) => !this.touches.has(id));
    return extra.length ? [...this.sortedIds, ...extra].sort() : this.sortedIds;
  }

  /** The collection's schema version and name at `at`. */
  private headerAt(at: Y.Snapshot): Omit<AnnotationCollectionSnapshot, 'annotations'> {
    const view = docAt(this.doc, at);
    const name = view.getMap('meta').get('name');
    return {
      schemaVersion: Math.max(1, schemaVersionOf(view)),
      name: typeof name === 'string' ? name : '',
    };
  }

  /**
   * What differs from `a` to `b`, as diffVersions does. An annotation no
   * entry between them touched has the very same kept value at both ends, so
   * only the others are compared.
   */
  diff(a: TimelinePoint, b: TimelinePoint): DocDiff {
    const before: Annotation[] = [];
    const after: Annotation[] = [];
    for (const id of this.idsWith(new Set([...a.fresh, ...b.fresh]))) {
      const x = this.valueAt(id, a.seq, a.at, a.fresh);
      const y = this.valueAt(id, b.seq, b.at, b.fresh);
      if (x === y) continue;
      if (x) before.push(x);
      if (y) after.push(y);
    }
    return diffSnapshots(
      'annotations',
      { ...this.headerAt(a.at), annotations: before },
      { ...this.headerAt(b.at), annotations: after },
    );
  }
}
