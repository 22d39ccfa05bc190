import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { AnnotationCollectionSnapshotSchema, newId } from '@fieldbook/shared';
import { addComment, editComment, resolveComment } from './comments';
import { createAnnotation, createAnnotationCollection, deleteAnnotation } from './mutations';
import { readAnnotation, readAnnotationCollection } from './reader';
import { expectRejected, syncAll, testOrigin } from '../testSupport';

function annotated() {
  const doc = new Y.Doc();
  const me = testOrigin('alice');
  createAnnotationCollection(doc, { name: 'c' }, me);
  const id = createAnnotation(doc, { kind: 'point', anchor: { channels: ['a'], t: 1, y: 1 } }, me);
  return { doc, me, id };
}

describe('annotation comments', () => {
  it('adds threaded comments, edits and resolves them', () => {
    const { doc, me, id } = annotated();
    const bob = testOrigin('bob', 1_800_000_000_000);
    const first = addComment(doc, { annotationId: id, body: 'Is this real?' }, me);
    const reply = addComment(
      doc,
      { annotationId: id, parentId: first, body: 'Yes, see run 4' },
      bob,
    );
    editComment(doc, { annotationId: id, commentId: reply, body: 'Yes, see run 5' }, bob);
    resolveComment(doc, { annotationId: id, commentId: first }, me);
    const comments = readAnnotation(doc, id)!.comments;
    expect(comments).toEqual([
      {
        id: first,
        parentId: null,
        author: 'alice',
        body: 'Is this real?',
        ts: expect.any(Number),
        editedAt: null,
        resolved: true,
      },
      {
        id: reply,
        parentId: first,
        author: 'bob',
        body: 'Yes, see run 5',
        ts: expect.any(Number),
        editedAt: expect.any(Number),
        resolved: false,
      },
    ]);
    resolveComment(doc, { annotationId: id, commentId: first, resolved: false }, me);
    expect(readAnnotation(doc, id)!.comments[0]!.resolved).toBe(false);
    AnnotationCollectionSnapshotSchema.parse(readAnnotationCollection(doc));
  });

  it('keeps both texts of two concurrent edits, never an empty comment', () => {
    const a = annotated();
    const b = new Y.Doc();
    const c = addComment(a.doc, { annotationId: a.id, body: 'abc' }, a.me);
    syncAll(a.doc, b);
    editComment(a.doc, { annotationId: a.id, commentId: c, body: 'a' }, a.me);
    editComment(b, { annotationId: a.id, commentId: c, body: 'bc' }, testOrigin('bob'));
    syncAll(a.doc, b);
    const body = readAnnotation(a.doc, a.id)!.comments[0]!.body;
    expect(['abc', 'bca']).toContain(body);
    expect(readAnnotation(b, a.id)).toEqual(readAnnotation(a.doc, a.id));
  });

  it('rejects bad comments and unknown ids without touching the document', () => {
    const { doc, me, id } = annotated();
    const c = addComment(doc, { annotationId: id, body: 'x' }, me);
    expectRejected(doc, 'VALIDATION_ERROR', () =>
      addComment(doc, { annotationId: id, body: '' }, me),
    );
    expectRejected(doc, 'VALIDATION_ERROR', () =>
      addComment(doc, { annotationId: id, body: 'x'.repeat(20_001) }, me),
    );
    expectRejected(doc, 'RESOURCE_NOT_FOUND', () =>
      addComment(doc, { annotationId: id, parentId: newId(), body: 'x' }, me),
    );
    expectRejected(doc, 'RESOURCE_NOT_FOUND', () =>
      addComment(doc, { annotationId: newId(), body: 'x' }, me),
    );
    expectRejected(doc, 'CONFLICT', () =>
      addComment(doc, { annotationId: id, id: c, body: 'y' }, me),
    );
    expectRejected(doc, 'RESOURCE_NOT_FOUND', () =>
      editComment(doc, { annotationId: id, commentId: newId(), body: 'y' }, me),
    );
    expectRejected(doc, 'RESOURCE_NOT_FOUND', () =>
      resolveComment(doc, { annotationId: id, commentId: newId() }, me),
    );
    deleteAnnotation(doc, { id }, me);
    expectRejected(doc, 'RESOURCE_NOT_FOUND', () =>
      resolveComment(doc, { annotationId: id, commentId: c }, me),
    );
  });
});
