// The annotation-collection part of the generated write matrix (see
// writeMatrixCases.ts): drawing, editing, approving and deleting annotations
// and commenting on them, own and others', and the forgeries.
import type * as Y from 'yjs';
import * as M from '@fieldbook/crdt-model';
import type { Origin, Seeded, WriteCase } from './writeMatrixCases';

const point = { kind: 'point' as const, anchor: { channels: ['a'], t: 1, y: 1 } };
const rita = M.actorOrigin('rita');
const scan = { hash: 'a'.repeat(64), name: 'scan.png', mimeType: 'image/png', size: 10 };

function collection(doc: Y.Doc, me: Origin, bob: Origin): Seeded {
  M.createAnnotationCollection(doc, { name: 'Events' }, bob);
  const mine = M.createAnnotation(doc, { ...point, title: 'mine' }, me);
  const other = M.createAnnotation(doc, { ...point, title: 'bobs' }, bob);
  const approved = M.createAnnotation(doc, { ...point, title: 'approved' }, bob);
  M.approveAnnotation(doc, { id: approved }, rita);
  return {
    mine,
    other,
    approved,
    myComment: M.addComment(doc, { annotationId: other, body: 'mine' }, me),
    bobsComment: M.addComment(doc, { annotationId: mine, body: 'bobs' }, bob),
  };
}

const annotationsOf = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>('annotations');
const commentsOf = (doc: Y.Doc, id: string) =>
  annotationsOf(doc).get(id)!.get('comments') as Y.Map<unknown>;

/** Every kind of change to an annotation collection the matrix sends. */
export const ANNOTATION_CASES: WriteCase[] = [
  {
    name: 'draw an annotation',
    kind: 'annotations',
    seed: collection,
    change: (d, me) => M.createAnnotation(d, point, me),
    needs: { action: 'annotation.create' },
  },
  {
    name: 'draw an annotation authored by someone else',
    kind: 'annotations',
    seed: collection,
    change: (d, _me, _i, bob) => M.createAnnotation(d, point, bob),
    needs: 'never',
  },
  {
    name: 'draw a backdated annotation',
    kind: 'annotations',
    seed: collection,
    change: (d, me) =>
      d.transact(() => {
        const id = M.createAnnotation(d, point, me);
        annotationsOf(d)
          .get(id)!
          .set('createdAt', Date.now() - 40 * 86_400_000);
      }, me),
    needs: 'never',
  },
  {
    name: 'edit own annotation',
    kind: 'annotations',
    seed: collection,
    change: (d, me, i) => M.editAnnotation(d, { id: i.mine!, title: 't' }, me),
    needs: { action: 'annotation.edit', own: true },
  },
  {
    name: "retitle another's annotation",
    kind: 'annotations',
    seed: collection,
    change: (d, me, i) => M.editAnnotation(d, { id: i.other!, title: 't' }, me),
    needs: { action: 'annotation.edit', own: false },
  },
  {
    name: "move another's annotation",
    kind: 'annotations',
    seed: collection,
    change: (d, me, i) => M.moveAnnotation(d, { id: i.other!, dt: 5 }, me),
    needs: { action: 'annotation.edit', own: false },
  },
  {
    name: "tag another's annotation",
    kind: 'annotations',
    seed: collection,
    change: (d, me, i) => M.editAnnotation(d, { id: i.other!, addTags: ['dip'] }, me),
    needs: { action: 'annotation.edit', own: false },
  },
  {
    name: 'attach a file to own annotation',
    kind: 'annotations',
    seed: collection,
    change: (d, me, i) => M.addAnnotationAttachment(d, { id: i.mine!, attachment: scan }, me),
    needs: { action: 'annotation.edit', own: true },
  },
  {
    name: "attach a file to another's annotation",
    kind: 'annotations',
    seed: collection,
    change: (d, me, i) => M.addAnnotationAttachment(d, { id: i.other!, attachment: scan }, me),
    needs: { action: 'annotation.edit', own: false },
  },
  {
    name: 'attach a file to an approved annotation',
    kind: 'annotations',
    seed: collection,
    change: (d, me, i) => M.addAnnotationAttachment(d, { id: i.approved!, attachment: scan }, me),
    needs: 'never',
  },
  {
    name: 'approve an annotation',
    kind: 'annotations',
    seed: collection,
    change: (d, me, i) => M.approveAnnotation(d, { id: i.other! }, me),
    needs: { action: 'annotation.approve' },
  },
  {
    name: 'edit an approved annotation',
    kind: 'annotations',
    seed: collection,
    change: (d, me, i) => M.editAnnotation(d, { id: i.approved!, body: 'later' }, me),
    needs: 'never',
  },
  {
    name: 'reopen an approved annotation',
    kind: 'annotations',
    seed: collection,
    change: (d, me, i) => M.reopenAnnotation(d, { id: i.approved! }, me),
    needs: { action: 'annotation.approve' },
  },
  {
    name: 'delete an annotation',
    kind: 'annotations',
    seed: collection,
    change: (d, me, i) => M.deleteAnnotation(d, { id: i.other! }, me),
    needs: { action: 'annotation.delete' },
  },
  {
    name: 'comment',
    kind: 'annotations',
    seed: collection,
    change: (d, me, i) => M.addComment(d, { annotationId: i.other!, body: 'hi' }, me),
    needs: { action: 'comment.create' },
  },
  {
    name: 'comment as someone else',
    kind: 'annotations',
    seed: collection,
    change: (d, _me, i, bob) => M.addComment(d, { annotationId: i.other!, body: 'hi' }, bob),
    needs: 'never',
  },
  {
    name: 'edit own comment',
    kind: 'annotations',
    seed: collection,
    change: (d, me, i) =>
      M.editComment(d, { annotationId: i.other!, commentId: i.myComment!, body: 'e' }, me),
    needs: { action: 'comment.edit', own: true },
  },
  {
    name: "edit another's comment",
    kind: 'annotations',
    seed: collection,
    change: (d, me, i) =>
      M.editComment(d, { annotationId: i.mine!, commentId: i.bobsComment!, body: 'e' }, me),
    needs: { action: 'comment.edit', own: false },
  },
  {
    name: "resolve another's comment",
    kind: 'annotations',
    seed: collection,
    change: (d, me, i) =>
      M.resolveComment(d, { annotationId: i.mine!, commentId: i.bobsComment! }, me),
    needs: { action: 'comment.resolve', own: false },
  },
  {
    name: 'resolve own comment',
    kind: 'annotations',
    seed: collection,
    change: (d, me, i) =>
      M.resolveComment(d, { annotationId: i.other!, commentId: i.myComment! }, me),
    needs: { action: 'comment.resolve', own: true },
  },
  {
    name: "delete another's comment",
    kind: 'annotations',
    seed: collection,
    change: (d, _me, i) => commentsOf(d, i.mine!).delete(i.bobsComment!),
    needs: { action: 'comment.delete', own: false },
  },
  {
    name: 'delete own comment',
    kind: 'annotations',
    seed: collection,
    change: (d, _me, i) => commentsOf(d, i.other!).delete(i.myComment!),
    needs: { action: 'comment.delete', own: true },
  },
];
