import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { AnnotationCollectionSnapshotSchema, newId } from '@fieldbook/shared';
import type { CreateAnnotationInput } from './inputs';
import {
  addAnnotationAttachment,
  createAnnotation,
  createAnnotationCollection,
  createAnnotations,
  deleteAnnotation,
  editAnnotation,
  moveAnnotation,
  removeAnnotationAttachment,
  renameAnnotationCollection,
  resizeAnnotation,
} from './mutations';
import { approvalRecordsOf, approveAnnotation, reopenAnnotation } from './approval';
import { readAnnotation, readAnnotationCollection } from './reader';
import { expectRejected, syncAll, testOrigin, updatesOf } from '../testSupport';

const T0 = 1_700_000_000_000;

function collection() {
  const doc = new Y.Doc();
  const me = testOrigin('alice', T0);
  createAnnotationCollection(doc, { name: 'Thermal events' }, me);
  return { doc, me };
}

const read = (doc: Y.Doc) =>
  AnnotationCollectionSnapshotSchema.parse(readAnnotationCollection(doc));

const range: CreateAnnotationInput = {
  kind: 'range',
  anchor: { channels: ['temp.cpu'], t: T0, t2: T0 + 60_000 },
  title: 'Overheat',
  body: 'CPU ran hot',
  tags: ['thermal'],
};

/** One valid input per annotation kind. */
const everyKind: CreateAnnotationInput[] = [
  { kind: 'point', anchor: { channels: ['a'], t: 1, y: 2 } },
  range,
  { kind: 'line', anchor: { channels: ['a'], t: 1, y: 2, t2: 3, y2: 4 } },
  { kind: 'arrow', anchor: { channels: ['a', 'b'], t: 5, y: 2, t2: 3, y2: 4 } },
  {
    kind: 'rect',
    anchor: { channels: ['a'], t: 1, y: 2, t2: 3, y2: 4 },
    style: { fill: '#00ff00' },
  },
  { kind: 'text', anchor: { channels: ['a'], t: 1, y: 2 }, body: 'label' },
  {
    kind: 'polygon',
    anchor: {
      channels: ['a'],
      t: 1,
      points: [
        { t: 1, y: 1 },
        { t: 2, y: 3 },
        { t: 3, y: 1 },
      ],
    },
  },
];

describe('annotation collection: annotations', () => {
  it('creates every kind of annotation as a draft by the origin actor', () => {
    const { doc, me } = collection();
    const ids = everyKind.map((input) => createAnnotation(doc, input, me));
    const snap = read(doc);
    expect(snap.name).toBe('Thermal events');
    expect(snap.annotations.map((a) => a.id)).toEqual([...ids].sort());
    expect(snap.annotations.map((a) => a.kind)).toEqual(everyKind.map((a) => a.kind));
    const overheat = readAnnotation(doc, ids[1]!)!;
    expect(overheat).toEqual({
      id: ids[1],
      kind: 'range',
      anchor: { channels: ['temp.cpu'], t: T0, t2: T0 + 60_000 },
      title: 'Overheat',
      body: 'CPU ran hot',
      tags: ['thermal'],
      style: {},
      status: 'draft',
      author: 'alice',
      createdAt: expect.any(Number),
      updatedAt: expect.any(Number),
      comments: [],
      attachments: [],
    });
    expect(readAnnotation(doc, newId())).toBeNull();
  });

  it('creates many annotations as one update, or none if one is bad', () => {
    const { doc, me } = collection();
    expect(updatesOf(doc, () => createAnnotations(doc, everyKind, me))).toHaveLength(1);
    expect(read(doc).annotations).toHaveLength(7);
    const err = expectRejected(doc, 'VALIDATION_ERROR', () =>
      createAnnotations(
        doc,
        [range, { kind: 'range', anchor: { channels: ['a'], t: 5, t2: 1 } }],
        me,
      ),
    );
    expect(err.message).toBe(
      'Invalid annotation #2: anchor: a range must end at or after its start',
    );
  });

  it('moves an annotation in time and value, and onto other channels', () => {
    const { doc, me } = collection();
    const id = createAnnotation(doc, everyKind[6]!, me);
    moveAnnotation(doc, { id, dt: 10, dy: -1, channels: ['b', 'c'] }, me);
    expect(readAnnotation(doc, id)!.anchor).toEqual({
      channels: ['b', 'c'],
      t: 11,
      points: [
        { t: 11, y: 0 },
        { t: 12, y: 2 },
        { t: 13, y: 0 },
      ],
    });
    const rect = createAnnotation(doc, everyKind[4]!, me);
    moveAnnotation(doc, { id: rect, dt: 100 }, me);
    expect(readAnnotation(doc, rect)!.anchor).toEqual({
      channels: ['a'],
      t: 101,
      y: 2,
      t2: 103,
      y2: 4,
    });
    moveAnnotation(doc, { id: rect, dt: Number.MAX_VALUE }, me);
    const err = expectRejected(doc, 'VALIDATION_ERROR', () =>
      moveAnnotation(doc, { id: rect, dt: Number.MAX_VALUE }, me),
    );
    expect(err.message).toMatch(/^Invalid annotation anchor: t/);
    expectRejected(doc, 'VALIDATION_ERROR', () =>
      moveAnnotation(doc, { id: rect, channels: [] }, me),
    );
    expectRejected(doc, 'RESOURCE_NOT_FOUND', () =>
      moveAnnotation(doc, { id: newId(), dt: 1 }, me),
    );
  });

  it('resizes an annotation and refuses an extent its kind cannot have', () => {
    const { doc, me } = collection();
    const id = createAnnotation(doc, range, me);
    resizeAnnotation(doc, { id, t2: T0 + 120_000 }, me);
    expect(readAnnotation(doc, id)!.anchor.t2).toBe(T0 + 120_000);
    const err = expectRejected(doc, 'VALIDATION_ERROR', () =>
      resizeAnnotation(doc, { id, t2: T0 - 1 }, me),
    );
    expect(err.message).toMatch(/a range must end at or after its start/);
    expectRejected(doc, 'VALIDATION_ERROR', () => resizeAnnotation(doc, { id }, me));
    const poly = createAnnotation(doc, everyKind[6]!, me);
    expectRejected(doc, 'VALIDATION_ERROR', () =>
      resizeAnnotation(doc, { id: poly, points: [{ t: 1, y: 1 }] }, me),
    );
  });

  it('edits title, body, style and tags; approves, reopens and deletes', () => {
    const { doc, me } = collection();
    const id = createAnnotation(doc, range, me);
    const before = readAnnotation(doc, id)!;
    editAnnotation(
      doc,
      {
        id,
        title: 'Overheat, fan stall',
        body: 'CPU ran hot; fan stalled',
        style: { color: '#ff0000', dash: true },
        addTags: ['fan', 'review'],
        removeTags: ['thermal'],
      },
      me,
    );
    let a = readAnnotation(doc, id)!;
    expect(a).toMatchObject({
      title: 'Overheat, fan stall',
      body: 'CPU ran hot; fan stalled',
      style: { color: '#ff0000', dash: true },
      tags: ['fan', 'review'],
    });
    expect(a.updatedAt).toBeGreaterThan(before.updatedAt);
    expect(approvalRecordsOf(doc, id)).toEqual({ approval: null, reopened: null });
    approveAnnotation(doc, { id }, me);
    expect(readAnnotation(doc, id)!.status).toBe('approved');
    expect(approvalRecordsOf(doc, id).approval).toMatchObject({
      by: me.actor,
      meaning: 'reviewed and approved',
    });
    expectRejected(doc, 'MODEL_INVALID_OPERATION', () => approveAnnotation(doc, { id }, me));
    reopenAnnotation(doc, { id }, me);
    a = readAnnotation(doc, id)!;
    expect(a.status).toBe('draft');
    expect(approvalRecordsOf(doc, id).reopened?.by).toBe(me.actor);
    expectRejected(doc, 'VALIDATION_ERROR', () => editAnnotation(doc, { id }, me));
    expectRejected(doc, 'VALIDATION_ERROR', () =>
      editAnnotation(doc, { id, style: { color: 'red' } }, me),
    );
    deleteAnnotation(doc, { id }, me);
    expect(read(doc).annotations).toEqual([]);
    expectRejected(doc, 'RESOURCE_NOT_FOUND', () => deleteAnnotation(doc, { id }, me));
  });

  it('merges concurrent body edits and tag changes', () => {
    const a = collection();
    const b = new Y.Doc();
    const id = createAnnotation(a.doc, range, a.me);
    syncAll(a.doc, b);
    editAnnotation(a.doc, { id, body: 'The CPU ran hot', addTags: ['x'] }, a.me);
    editAnnotation(b, { id, body: 'CPU ran hot today', addTags: ['y'] }, testOrigin('bob'));
    syncAll(a.doc, b);
    const merged = readAnnotation(a.doc, id)!;
    expect(merged.body).toBe('The CPU ran hot today');
    expect(merged.tags).toEqual(['thermal', 'x', 'y']);
    expect(read(b)).toEqual(read(a.doc));
  });

  it('hides an annotation whose new anchor arrived before an update it depends on', () => {
    const a = collection();
    const b = new Y.Doc();
    const id = createAnnotation(a.doc, range, a.me);
    syncAll(a.doc, b);
    const updates: Uint8Array[] = [];
    a.doc.on('update', (u: Uint8Array) => updates.push(u));
    renameAnnotationCollection(a.doc, { name: 'first' }, a.me);
    moveAnnotation(a.doc, { id, dt: 5 }, a.me);
    // The move arrives first: Yjs drops the old anchor but holds the new one back.
    Y.applyUpdate(b, updates[1]!);
    expect(readAnnotation(b, id)).toBeNull();
    expect(read(b).annotations).toEqual([]);
    expectRejected(b, 'MODEL_INVALID_OPERATION', () => moveAnnotation(b, { id, dt: 1 }, a.me));
    Y.applyUpdate(b, updates[0]!);
    expect(readAnnotation(b, id)!.anchor.t).toBe(T0 + 5);
    expect(read(b)).toEqual(read(a.doc));
  });

  it('attaches and detaches files by content hash', () => {
    const { doc, me } = collection();
    const id = createAnnotation(doc, range, me);
    const attachment = { hash: 'c'.repeat(64), name: 'plot.png', mimeType: 'image/png', size: 42 };
    addAnnotationAttachment(doc, { id, attachment }, me);
    expect(readAnnotation(doc, id)!.attachments).toEqual([attachment]);
    removeAnnotationAttachment(doc, { id, hash: attachment.hash }, me);
    expect(readAnnotation(doc, id)!.attachments).toEqual([]);
    expectRejected(doc, 'RESOURCE_NOT_FOUND', () =>
      removeAnnotationAttachment(doc, { id, hash: attachment.hash }, me),
    );
    expectRejected(doc, 'VALIDATION_ERROR', () =>
      addAnnotationAttachment(doc, { id, attachment: { ...attachment, size: -1 } }, me),
    );
  });

  it('rejects bad input and wrong documents without touching them', () => {
    const { doc, me } = collection();
    const id = createAnnotation(doc, range, me);
    expectRejected(doc, 'VALIDATION_ERROR', () =>
      createAnnotation(doc, { kind: 'blob' as 'point', anchor: { channels: ['a'], t: 1 } }, me),
    );
    expectRejected(doc, 'VALIDATION_ERROR', () =>
      createAnnotation(doc, { kind: 'point', anchor: { channels: ['a'], t: 1 } }, me),
    );
    expectRejected(doc, 'VALIDATION_ERROR', () =>
      createAnnotation(doc, { kind: 'point', anchor: { channels: ['a'], t: NaN, y: 1 } }, me),
    );
    expectRejected(doc, 'CONFLICT', () => createAnnotation(doc, { ...range, id }, me));
    expectRejected(doc, 'VALIDATION_ERROR', () =>
      renameAnnotationCollection(doc, { name: 1 } as never, me),
    );
    const note = new Y.Doc();
    expectRejected(note, 'MODEL_INVALID_OPERATION', () => createAnnotation(note, range, me));
    renameAnnotationCollection(doc, { name: 'Renamed' }, me);
    expect(read(doc).name).toBe('Renamed');
  });
});
