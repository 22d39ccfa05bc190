import * as Y from 'yjs';
import type {
  AnnotationCollectionSnapshot,
  DocDiff,
  DocKind,
  FieldChange,
  KeyedDiff,
  NoteSnapshot,
  TelemetryViewSnapshot,
  TextSegment,
  WorkspaceIndexSnapshot,
} from '@fieldbook/shared';
import { readAnnotationMap } from '../annotations/reader';
import { MapAt, readKindAt, type KindSnapshot } from './snapshotView';
import { visibleRuns, type YType } from './snapshots';

// Differences between two states of one document in its kind's terms: a
// note's text as runs kept / inserted / deleted, an annotation's changed
// fields, a view's panels, the workspace's documents and folders.

/** Values JSON leaves out of objects (and writes as null in arrays). */
const omitted = (v: unknown) => v === undefined || typeof v === 'function' || typeof v === 'symbol';

const inArray = (v: unknown): unknown => (omitted(v) ? null : v);

/** The keys JSON writes of a plain object, in its order. */
const jsonKeys = (o: Record<string, unknown>) => Object.keys(o).filter((k) => !omitted(o[k]));

const isPlainObject = (v: object) =>
  Object.getPrototypeOf(v) === Object.prototype &&
  typeof (v as { toJSON?: unknown }).toJSON !== 'function';

/**
 * Whether two values serialise to the same JSON, without serialising plain
 * objects and arrays (a diff of a big collection compares thousands).
 */
function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) {
    return JSON.stringify(a) === JSON.stringify(b);
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((x, i) => same(inArray(x), inArray(b[i])));
  }
  if (Array.isArray(a) || Array.isArray(b) || !isPlainObject(a) || !isPlainObject(b)) {
    return JSON.stringify(a) === JSON.stringify(b);
  }
  const [x, y] = [a as Record<string, unknown>, b as Record<string, unknown>];
  const keys = jsonKeys(x);
  const other = jsonKeys(y);
  return keys.length === other.length && keys.every((k, i) => k === other[i] && same(x[k], y[k]));
}

function fieldChanges<T extends object>(a: T, b: T, fields: readonly (keyof T & string)[]) {
  const out: FieldChange[] = [];
  for (const field of fields) {
    if (!same(a[field], b[field])) out.push({ field, from: a[field], to: b[field] });
  }
  return out;
}

/** Items of two keyed lists that were added, removed or changed (in `fields`). */
function keyedDiff<T extends { id: string }>(
  a: readonly T[],
  b: readonly T[],
  label: (item: T) => string,
  changes: (from: T, to: T) => FieldChange[],
): KeyedDiff {
  const before = new Map(a.map((x) => [x.id, x]));
  const after = new Map(b.map((x) => [x.id, x]));
  const diff: KeyedDiff = { added: [], removed: [], changed: [] };
  for (const [id, x] of after) {
    const was = before.get(id);
    if (!was) diff.added.push({ id, label: label(x), value: x });
    else {
      const fields = changes(was, x);
      if (fields.length) diff.changed.push({ id, label: label(x), fields });
    }
  }
  for (const [id, x] of before)
    if (!after.has(id)) diff.removed.push({ id, label: label(x), value: x });
  return diff;
}

const isEmpty = (d: KeyedDiff) => !d.added.length && !d.removed.length && !d.changed.length;

function lists(entries: Record<string, KeyedDiff>): Record<string, KeyedDiff> {
  return Object.fromEntries(Object.entries(entries).filter(([, d]) => !isEmpty(d)));
}

/** Two strings as runs: the common start and end kept, the middle deleted and inserted. */
function plainTextRuns(a: string, b: string): TextSegment[] {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let end = 0;
  while (
    end < a.length - start &&
    end < b.length - start &&
    a[a.length - 1 - end] === b[b.length - 1 - end]
  )
    end++;
  const runs: TextSegment[] = [
    { op: 'equal', text: a.slice(0, start) },
    { op: 'delete', text: a.slice(start, a.length - end) },
    { op: 'insert', text: b.slice(start, b.length - end) },
    { op: 'equal', text: a.slice(a.length - end) },
  ];
  return runs.filter((r) => r.text.length > 0);
}

const ANNOTATION_FIELDS = [
  'kind',
  'anchor',
  'title',
  'body',
  'tags',
  'style',
  'status',
  'attachments',
] as const;

type AnnotationItem = AnnotationCollectionSnapshot['annotations'][number];

function annotationChanges(a: AnnotationItem, b: AnnotationItem): FieldChange[] {
  if (a.comments.length === 0 && b.comments.length === 0) {
    return fieldChanges(a, b, ANNOTATION_FIELDS);
  }
  const comments = keyedDiff(
    a.comments,
    b.comments,
    (c) => c.body.slice(0, 80),
    (x, y) => fieldChanges(x, y, ['body', 'resolved', 'parentId']),
  );
  return [
    ...fieldChanges(a, b, ANNOTATION_FIELDS),
    ...comments.added.map((c) => ({ field: 'comment', from: null, to: c.value })),
    ...comments.removed.map((c) => ({ field: 'comment', from: c.value, to: null })),
    ...comments.changed.map((c) => ({
      field: 'comment',
      from: a.comments.find((x) => x.id === c.id),
      to: b.comments.find((x) => x.id === c.id),
    })),
  ];
}

/** What differs between two plain snapshots of a document of `kind`. */
export function diffSnapshots(kind: DocKind, a: KindSnapshot, b: KindSnapshot): DocDiff {
  if (kind === 'note') {
    const [x, y] = [a as NoteSnapshot, b as NoteSnapshot];
    return {
      kind,
      fields: fieldChanges(x, y, ['title', 'tags', 'attachments']),
      ...(x.text !== y.text ? { text: plainTextRuns(x.text, y.text) } : {}),
      lists: {},
    };
  }
  if (kind === 'annotations') {
    const [x, y] = [a as AnnotationCollectionSnapshot, b as AnnotationCollectionSnapshot];
    return {
      kind,
      fields: fieldChanges(x, y, ['name']),
      lists: lists({
        annotations: keyedDiff(
          x.annotations,
          y.annotations,
          (n) => n.title || n.kind,
          annotationChanges,
        ),
      }),
    };
  }
  if (kind === 'view') {
    const [x, y] = [a as TelemetryViewSnapshot, b as TelemetryViewSnapshot];
    return {
      kind,
      fields: fieldChanges(x, y, ['title']),
      lists: lists({
        panels: keyedDiff(
          x.panels,
          y.panels,
          (p) => p.title || 'Panel',
          (p, q) => fieldChanges(p, q, ['title', 'channels', 'yAxes', 'timeWindow', 'overlays']),
        ),
      }),
    };
  }
  const [x, y] = [a as WorkspaceIndexSnapshot, b as WorkspaceIndexSnapshot];
  return {
    kind,
    fields: fieldChanges(x, y, ['name', 'tagColors']),
    lists: lists({
      documents: keyedDiff(
        x.documents,
        y.documents,
        (d) => d.title || d.kind,
        (d, e) => fieldChanges(d, e, ['title', 'kind', 'folderId', 'tags', 'trashedAt']),
      ),
      folders: keyedDiff(
        x.folders,
        y.folders,
        (f) => f.name,
        (f, g) => fieldChanges(f, g, ['name', 'parentId']),
      ),
    }),
  };
}

/** The runs of an item's clocks visible at a snapshot: [offset, length, visible]. */
function runsAt(at: Y.Snapshot, item: Y.Item): [number, number, boolean][] {
  const runs: [number, number, boolean][] = [];
  visibleRuns(at, item.id.client, item.id.clock, item.length, (o, n, v) => runs.push([o, n, v]));
  return runs;
}

/**
 * A text of a history doc between two snapshots, as runs: kept, inserted
 * (visible at `b` only) and deleted (visible at `a` only), in document order.
 */
export function textRuns(text: YType, a: Y.Snapshot, b: Y.Snapshot): TextSegment[] {
  const runs: TextSegment[] = [];
  const push = (op: TextSegment['op'], s: string) => {
    const last = runs.at(-1);
    if (last?.op === op) last.text += s;
    else runs.push({ op, text: s });
  };
  for (let item = text._start; item !== null; item = item.right) {
    if (!(item.content instanceof Y.ContentString)) continue;
    const str = item.content.str;
    const inA = runsAt(a, item);
    const inB = runsAt(b, item);
    // Walk both run lists together, cutting at every boundary of either.
    let i = 0;
    let j = 0;
    let pos = 0;
    while (pos < item.length) {
      const [oa, na, va] = inA[i]!;
      const [ob, nb, vb] = inB[j]!;
      const stop = Math.min(oa + na, ob + nb);
      if (va || vb) push(va && vb ? 'equal' : vb ? 'insert' : 'delete', str.slice(pos, stop));
      pos = stop;
      if (pos === oa + na) i++;
      if (pos === ob + nb) j++;
    }
  }
  return runs;
}

/** Options of diffVersions. */
export interface VersionDiffOptions {
  /** Of a collection, compare only these annotations (those the log says changed). */
  annotations?: readonly string[];
}

/**
 * What differs between snapshots `a` and `b` of a history doc of `kind`.
 * A note's text comes as runs matched by Yjs ids, so moved or retyped text
 * shows where it really changed.
 */
export function diffVersions(
  doc: Y.Doc,
  kind: DocKind,
  a: Y.Snapshot,
  b: Y.Snapshot,
  options: VersionDiffOptions = {},
): DocDiff {
  if (kind === 'annotations' && options.annotations) {
    const read = (at: Y.Snapshot): AnnotationCollectionSnapshot => {
      const root = new MapAt(doc.getMap('annotations'), at);
      const meta = new MapAt(doc.getMap('meta'), at);
      return {
        schemaVersion: 1,
        name: String(meta.get('name') ?? ''),
        annotations: options.annotations!.flatMap((id) => {
          const map = root.get(id);
          return map instanceof MapAt ? (readAnnotationMap(id, map) ?? []) : [];
        }),
      };
    };
    return diffSnapshots(kind, read(a), read(b));
  }
  const diff = diffSnapshots(kind, readKindAt(doc, kind, a), readKindAt(doc, kind, b));
  if (kind === 'note' && diff.text) diff.text = textRuns(doc.getText('body'), a, b);
  return diff;
}
