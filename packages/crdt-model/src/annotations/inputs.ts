import { z } from 'zod';
import {
  AnchorSchema,
  AnnotationKindSchema,
  AnnotationStyleSchema,
  AnnotationCollectionSnapshotSchema,
  CommentSchema,
  IdSchema,
  TagSchema,
  anchorProblem,
  text,
} from '@fieldbook/shared';
import { MAX_TAGS } from '../sets';

const Tags = z.array(TagSchema).max(MAX_TAGS);
// Text a person writes follows packages/shared's text rule (no NUL, no lone surrogates).
const Title = text().max(500);
const Value = z.number().finite();
/** The longest annotation body accepted (characters). */
export const MAX_ANNOTATION_BODY = 1_000_000;
const Body = text().max(MAX_ANNOTATION_BODY);

/** Input of createAnnotationCollection / renameAnnotationCollection. */
export const CollectionNameInputSchema = z.strictObject({
  name: AnnotationCollectionSnapshotSchema.shape.name,
});

/** Input of createAnnotation; the anchor must suit the kind (see anchorProblem). */
export const CreateAnnotationInputSchema = z
  .strictObject({
    id: IdSchema.optional(),
    kind: AnnotationKindSchema,
    anchor: AnchorSchema,
    title: Title.default(''),
    body: Body.default(''),
    tags: Tags.default([]),
    style: AnnotationStyleSchema.default({}),
  })
  .superRefine((a, ctx) => {
    const problem = anchorProblem(a.kind, a.anchor);
    if (problem) ctx.addIssue({ code: 'custom', path: ['anchor'], message: problem });
  });
/** Input of createAnnotation, as callers write it. */
export type CreateAnnotationInput = z.input<typeof CreateAnnotationInputSchema>;

/** Input of moveAnnotation: a shift in time (ms) and value, and optionally other channels. */
export const MoveAnnotationInputSchema = z.strictObject({
  id: IdSchema,
  dt: Value.default(0),
  dy: Value.default(0),
  channels: AnchorSchema.shape.channels.optional(),
});

/** Input of resizeAnnotation: the anchor fields to set (at least one). */
export const ResizeAnnotationInputSchema = z
  .strictObject({
    id: IdSchema,
    t: Value.optional(),
    t2: Value.optional(),
    y: Value.optional(),
    y2: Value.optional(),
    points: AnchorSchema.shape.points,
  })
  .refine((r) => Object.keys(r).length > 1, { message: 'give at least one anchor field to set' });

/** Input of editAnnotation: the fields to change (at least one). */
export const EditAnnotationInputSchema = z
  .strictObject({
    id: IdSchema,
    title: Title.optional(),
    body: Body.optional(),
    style: AnnotationStyleSchema.optional(),
    addTags: Tags.optional(),
    removeTags: Tags.optional(),
  })
  .refine((r) => Object.keys(r).length > 1, { message: 'give at least one field to change' });

/** Input of operations naming one annotation. */
export const AnnotationIdInputSchema = z.strictObject({ id: IdSchema });

/** Input of addComment (parentId: the comment replied to, if any). */
export const AddCommentInputSchema = z.strictObject({
  annotationId: IdSchema,
  id: IdSchema.optional(),
  parentId: IdSchema.nullable().optional(),
  body: CommentSchema.shape.body,
});

/** Input of editComment. */
export const EditCommentInputSchema = z.strictObject({
  annotationId: IdSchema,
  commentId: IdSchema,
  body: CommentSchema.shape.body,
});

/** Input of resolveComment (resolved false reopens the thread). */
export const ResolveCommentInputSchema = z.strictObject({
  annotationId: IdSchema,
  commentId: IdSchema,
  resolved: z.boolean().default(true),
});
