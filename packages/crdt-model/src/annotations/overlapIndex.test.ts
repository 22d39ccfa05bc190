import * as Y from 'yjs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Annotation } from '@fieldbook/shared';
import { anchorSpan, isFieldbookError } from '@fieldbook/shared';
import type { CreateAnnotationInput } from './inputs';
import {
  createAnnotation,
  createAnnotationCollection,
  deleteAnnotation,
  editAnnotation,
  moveAnnotation,
  resizeAnnotation,
} from './mutations';
import type { OverlapQuery } from './overlapIndex';
import { AnnotationIndex } from './overlapIndex';
import { readAnnotationCollection } from './reader';
import { testOrigin } from '../testSupport';

const CHANNELS = ['c0', 'c1', 'c2', 'c3', 'c4'];
const TAGS = ['a', 'b', 'c'];

/** The reference answer: a scan of every annotation. */
function bruteForce(annotations: Annotation[], q: OverlapQuery): string[] {
  return annotations
    .filter((a) => {
      const [lo, hi] = anchorSpan(a.anchor);
      if (hi < q.from || lo > q.to) return false;
      if (!a.anchor.channels.some((c) => q.channels.includes(c))) return false;
      if (!q.tags || q.tags.length === 0) return true;
      return q.tagMatch === 'all'
        ? q.tags.every((t) => a.tags.includes(t))
        : q.tags.some((t) => a.tags.includes(t));
    })
    .map((a) => a.id)
    .sort();
}

const time = fc.integer({ min: 0, max: 1000 });
const channels = fc.subarray(CHANNELS, { minLength: 1 });
const tags = fc.subarray(TAGS);

const annotationInput: fc.Arbitrary<CreateAnnotationInput> = fc.oneof(
  fc.record({ t: time, y: fc.integer(), channels, tags }).map(({ t, y, channels, tags }) => ({
    kind: 'point' as const,
    anchor: { channels, t, y },
    tags,
  })),
  fc.record({ t: time, len: fc.integer({ min: 0, max: 300 }), channels, tags }).map((r) => ({
    kind: 'range' as const,
    anchor: { channels: r.channels, t: r.t, t2: r.t + r.len },
    tags: r.tags,
  })),
  fc.record({ ts: fc.array(time, { minLength: 3, maxLength: 5 }), channels, tags }).map((r) => ({
    kind: 'polygon' as const,
    anchor: { channels: r.channels, t: r.ts[0]!, points: r.ts.map((t, i) => ({ t, y: i })) },
    tags: r.tags,
  })),
);

const query: fc.Arbitrary<OverlapQuery> = fc
  .record({
    channels,
    a: time,
    len: fc.integer({ min: 0, max: 400 }),
    tags: fc.option(tags, { nil: undefined }),
    tagMatch: fc.constantFrom('any' as const, 'all' as const),
  })
  .map(({ channels, a, len, tags, tagMatch }) => ({
    channels,
    from: a,
    to: a + len,
    tags,
    tagMatch,
  }));

type Op =
  | { op: 'create'; remote: boolean; input: CreateAnnotationInput }
  | { op: 'move'; remote: boolean; pick: number; dt: number; channels: string[] | undefined }
  | { op: 'resize'; remote: boolean; pick: number; t: number }
  | { op: 'tag'; remote: boolean; pick: number; add: string[]; remove: string[] }
  | { op: 'delete'; remote: boolean; pick: number }
  | { op: 'sync' };

const remote = fc.boolean();
const pick = fc.nat();
const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({ op: fc.constant('create' as const), remote, input: annotationInput }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('move' as const),
      remote,
      pick,
      dt: fc.integer({ min: -200, max: 200 }),
      channels: fc.option(channels, { nil: undefined }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ op: fc.constant('resize' as const), remote, pick, t: time }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('tag' as const),
      remote,
      pick,
      add: tags,
      remove: tags,
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('delete' as const), remote, pick }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('sync' as const) }) },
);

function apply(doc: Y.Doc, op: Exclude<Op, { op: 'sync' }>, me = testOrigin()): void {
  const ids = [...doc.getMap('annotations').keys()].sort();
  if (op.op === 'create') {
    createAnnotation(doc, op.input, me);
    return;
  }
  const id = ids[op.pick % Math.max(1, ids.length)];
  if (id === undefined) return;
  try {
    if (op.op === 'move') moveAnnotation(doc, { id, dt: op.dt, channels: op.channels }, me);
    if (op.op === 'resize') resizeAnnotation(doc, { id, t: op.t }, me);
    if (op.op === 'tag') editAnnotation(doc, { id, addTags: op.add, removeTags: op.remove }, me);
    if (op.op === 'delete') deleteAnnotation(doc, { id }, me);
  } catch (err) {
    // A resize may make a range end before it starts: refused, and the index must not change.
    if (!isFieldbookError(err, 'VALIDATION_ERROR')) throw err;
  }
}

describe('annotation overlap index', () => {
  it('answers like a full scan through random local and remote edits', () => {
    fc.assert(
      fc.property(
        fc.array(opArb, { maxLength: 40 }),
        fc.array(query, { minLength: 1, maxLength: 8 }),
        (ops, queries) => {
          const local = new Y.Doc();
          const other = new Y.Doc();
          createAnnotationCollection(local, { name: 'c' }, testOrigin());
          Y.applyUpdate(other, Y.encodeStateAsUpdate(local));
          const index = new AnnotationIndex(local);
          const pending: Uint8Array[] = [];
          other.on('update', (u: Uint8Array) => pending.push(u));
          const check = () => {
            const all = readAnnotationCollection(local).annotations;
            expect(index.size).toBe(all.length);
            for (const q of queries) expect(index.query(q)).toEqual(bruteForce(all, q));
          };
          for (const op of ops) {
            if (op.op === 'sync') {
              for (const u of pending.splice(0)) Y.applyUpdate(local, u, 'remote');
              Y.applyUpdate(other, Y.encodeStateAsUpdate(local, Y.encodeStateVector(other)));
              check();
            } else {
              apply(op.remote ? other : local, op);
            }
          }
          for (const u of pending.splice(0)) Y.applyUpdate(local, u, 'remote');
          check();
          // An index built afresh from the same document agrees.
          const fresh = new AnnotationIndex(local);
          for (const q of queries) expect(fresh.query(q)).toEqual(index.query(q));
          index.destroy();
          fresh.destroy();
        },
      ),
      { numRuns: 200 },
    );
  });

  it('stops following the document once destroyed', () => {
    const doc = new Y.Doc();
    const me = testOrigin();
    createAnnotationCollection(doc, { name: 'c' }, me);
    const index = new AnnotationIndex(doc);
    const id = createAnnotation(
      doc,
      { kind: 'point', anchor: { channels: ['x'], t: 5, y: 0 } },
      me,
    );
    const q = { channels: ['x'], from: 0, to: 10 };
    expect(index.query(q)).toEqual([id]);
    expect(index.queryAnnotations(q).map((a) => a.id)).toEqual([id]);
    index.destroy();
    createAnnotation(doc, { kind: 'point', anchor: { channels: ['x'], t: 6, y: 0 } }, me);
    expect(index.query(q)).toEqual([id]);
  });

  it('rejects a malformed query', () => {
    const doc = new Y.Doc();
    const index = new AnnotationIndex(doc);
    for (const bad of [
      { channels: [], from: 0, to: 1 },
      { channels: ['x'], from: 5, to: 1 },
      { channels: ['x'], from: 0, to: 1, tags: [''] },
    ]) {
      expect(() => index.query(bad)).toThrow(/Invalid overlap query/);
    }
  });
});
