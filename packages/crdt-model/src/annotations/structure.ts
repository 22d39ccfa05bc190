import type * as Y from 'yjs';
import { notFound } from '../validate';

// An annotation collection document: root `meta` {kind, schemaVersion, name}
// and `annotations` id → Y.Map { id, kind, anchor (plain value), title,
// body (Y.Text), tags (set), style (plain value), status, author, createdAt,
// updatedAt, comments (id → Y.Map { id, parentId, author, body (Y.Text), ts,
// editedAt, resolved }), attachments (hash → description) }.

/** The collection's annotations, id → Y.Map. */
export const annotationsOf = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>('annotations');

/** Annotation `id`, or RESOURCE_NOT_FOUND. */
export function requireAnnotation(doc: Y.Doc, id: string): Y.Map<unknown> {
  const annotation = annotationsOf(doc).get(id);
  if (!annotation) throw notFound('annotation', id);
  return annotation;
}

/** The comments map of an annotation. */
export const commentsOf = (annotation: Y.Map<unknown>) =>
  annotation.get('comments') as Y.Map<Y.Map<unknown>>;

/** Comment `commentId` of annotation `annotationId`, or RESOURCE_NOT_FOUND. */
export function requireComment(doc: Y.Doc, annotationId: string, commentId: string) {
  const comment = commentsOf(requireAnnotation(doc, annotationId)).get(commentId);
  if (!comment) throw notFound('comment', commentId);
  return comment;
}
