import * as Y from 'yjs';
import type { z } from 'zod';
import { FieldbookError, newId } from '@fieldbook/shared';
import type { ModelOrigin } from '../origin';
import { beginChange } from '../schemaVersion';
import { overwriteText } from '../text';
import { notFound, parseInput } from '../validate';
import { AddCommentInputSchema, EditCommentInputSchema, ResolveCommentInputSchema } from './inputs';
import { commentsOf, requireAnnotation, requireComment } from './structure';

/** Comments on an annotation (a reply when parentId names another comment); returns its id. */
export function addComment(
  doc: Y.Doc,
  input: z.input<typeof AddCommentInputSchema>,
  origin: ModelOrigin,
): string {
  const now = beginChange(doc, 'annotations', origin);
  const {
    annotationId,
    id = newId(now),
    parentId = null,
    body,
  } = parseInput(AddCommentInputSchema, input, 'comment');
  const comments = commentsOf(requireAnnotation(doc, annotationId));
  if (comments.has(id)) throw new FieldbookError('CONFLICT', `Comment ${id} exists`, { id });
  if (parentId !== null && !comments.has(parentId)) throw notFound('parent comment', parentId);
  doc.transact(() => {
    const comment = new Y.Map<unknown>();
    comments.set(id, comment);
    comment.set('id', id);
    comment.set('parentId', parentId);
    comment.set('author', origin.actor);
    comment.set('body', new Y.Text(body));
    comment.set('ts', now);
    comment.set('editedAt', null);
    comment.set('resolved', false);
  }, origin);
  return id;
}

/**
 * Replaces a comment's text. The whole text is rewritten, so two concurrent
 * edits keep both versions (joined) rather than cancelling to an empty comment.
 */
export function editComment(
  doc: Y.Doc,
  input: z.input<typeof EditCommentInputSchema>,
  origin: ModelOrigin,
): void {
  const now = beginChange(doc, 'annotations', origin);
  const { annotationId, commentId, body } = parseInput(
    EditCommentInputSchema,
    input,
    'comment edit',
  );
  const comment = requireComment(doc, annotationId, commentId);
  doc.transact(() => {
    overwriteText(comment.get('body') as Y.Text, body);
    comment.set('editedAt', now);
  }, origin);
}

/** Marks a comment resolved (or, with resolved false, open again). */
export function resolveComment(
  doc: Y.Doc,
  input: z.input<typeof ResolveCommentInputSchema>,
  origin: ModelOrigin,
): void {
  beginChange(doc, 'annotations', origin);
  const { annotationId, commentId, resolved } = parseInput(
    ResolveCommentInputSchema,
    input,
    'comment resolution',
  );
  const comment = requireComment(doc, annotationId, commentId);
  if (comment.get('resolved') === resolved) return;
  doc.transact(() => comment.set('resolved', resolved), origin);
}
