import * as Y from 'yjs';
import type { z } from 'zod';
import type { Anchor, AnnotationKind } from '@fieldbook/shared';
import {
  AnchorSchema,
  AttachmentSchema,
  FieldbookError,
  anchorProblem,
  newId,
} from '@fieldbook/shared';
import type { ModelOrigin } from '../origin';
import { beginChange, beginCreate, metaOf, writeMeta } from '../schemaVersion';
import { MAX_TAGS, applyTags, putAttachment, tagCountAfter, tagSet, unique } from '../sets';
import { replaceText } from '../text';
import { invalidOperation, notFound, parseInput } from '../validate';
import type { CreateAnnotationInput } from './inputs';
import {
  AnnotationIdInputSchema,
  CollectionNameInputSchema,
  CreateAnnotationInputSchema,
  EditAnnotationInputSchema,
  MoveAnnotationInputSchema,
  ResizeAnnotationInputSchema,
} from './inputs';
import { anchorOf } from './reader';
import { annotationsOf, requireAnnotation } from './structure';

/** Makes an empty document into an annotation collection. */
export function createAnnotationCollection(
  doc: Y.Doc,
  input: { name: string },
  origin: ModelOrigin,
): void {
  beginCreate(doc, 'annotations', origin);
  const { name } = parseInput(CollectionNameInputSchema, input, 'annotation collection');
  doc.transact(() => writeMeta(doc, 'annotations', { name }), origin);
}

/** Renames the annotation collection. */
export function renameAnnotationCollection(
  doc: Y.Doc,
  input: { name: string },
  origin: ModelOrigin,
): void {
  beginChange(doc, 'annotations', origin);
  const { name } = parseInput(CollectionNameInputSchema, input, 'collection name');
  doc.transact(() => metaOf(doc).set('name', name), origin);
}

type Parsed = z.output<typeof CreateAnnotationInputSchema>;

function writeAnnotation(doc: Y.Doc, a: Parsed & { id: string }, author: string, now: number) {
  const map = new Y.Map<unknown>();
  annotationsOf(doc).set(a.id, map);
  map.set('id', a.id);
  map.set('kind', a.kind);
  map.set('anchor', plainAnchor(a.anchor));
  map.set('title', a.title);
  map.set('body', new Y.Text(a.body));
  map.set('tags', tagSet(unique(a.tags)));
  map.set('style', { ...a.style });
  map.set('status', 'draft');
  map.set('author', author);
  map.set('createdAt', now);
  map.set('updatedAt', now);
  map.set('comments', new Y.Map());
  map.set('attachments', new Y.Map());
}

/** An anchor as a plain JSON value without absent fields (Yjs stores values, not undefined). */
function plainAnchor(anchor: Anchor): Anchor {
  const out: Anchor = { channels: [...anchor.channels], t: anchor.t };
  if (anchor.t2 !== undefined) out.t2 = anchor.t2;
  if (anchor.y !== undefined) out.y = anchor.y;
  if (anchor.y2 !== undefined) out.y2 = anchor.y2;
  if (anchor.points !== undefined) out.points = anchor.points.map((p) => ({ t: p.t, y: p.y }));
  return out;
}

function parseNew(doc: Y.Doc, inputs: readonly CreateAnnotationInput[], now: number) {
  const seen = new Set<string>();
  return inputs.map((input, i) => {
    const parsed = parseInput(CreateAnnotationInputSchema, input, `annotation #${i + 1}`);
    const id = parsed.id ?? newId(now);
    if (annotationsOf(doc).has(id) || seen.has(id)) {
      throw new FieldbookError('CONFLICT', `An annotation with id ${id} exists`, { id });
    }
    seen.add(id);
    return { ...parsed, id };
  });
}

/** Draws a new annotation (status draft, authored by the origin's actor); returns its id. */
export function createAnnotation(
  doc: Y.Doc,
  input: CreateAnnotationInput,
  origin: ModelOrigin,
): string {
  return createAnnotations(doc, [input], origin)[0]!;
}

/**
 * Adds many annotations as one change (an import or a detector's output);
 * all are validated first, so one bad item leaves the collection untouched.
 */
export function createAnnotations(
  doc: Y.Doc,
  inputs: readonly CreateAnnotationInput[],
  origin: ModelOrigin,
): string[] {
  const now = beginChange(doc, 'annotations', origin);
  const parsed = parseNew(doc, inputs, now);
  doc.transact(() => {
    for (const a of parsed) writeAnnotation(doc, a, origin.actor, now);
  }, origin);
  return parsed.map((a) => a.id);
}

function checkedAnchor(kind: AnnotationKind, anchor: Anchor): Anchor {
  const parsed = parseInput(AnchorSchema, anchor, 'annotation anchor');
  const problem = anchorProblem(kind, parsed);
  if (problem) {
    throw new FieldbookError('VALIDATION_ERROR', `Invalid annotation anchor: ${problem}`, [
      { path: 'anchor', message: problem },
    ]);
  }
  return plainAnchor(parsed);
}

function currentAnchor(map: Y.Map<unknown>, id: string): Anchor {
  const anchor = anchorOf(map);
  if (!anchor) {
    throw invalidOperation('This annotation is waiting for an update from another replica', { id });
  }
  return anchor;
}

function setAnchor(doc: Y.Doc, id: string, anchor: Anchor, origin: ModelOrigin, now: number) {
  const map = requireAnnotation(doc, id);
  doc.transact(() => {
    map.set('anchor', anchor);
    map.set('updatedAt', now);
  }, origin);
}

/** Moves an annotation in time (dt, ms) and value (dy), and optionally onto other channels. */
export function moveAnnotation(
  doc: Y.Doc,
  input: z.input<typeof MoveAnnotationInputSchema>,
  origin: ModelOrigin,
): void {
  const now = beginChange(doc, 'annotations', origin);
  const { id, dt, dy, channels } = parseInput(MoveAnnotationInputSchema, input, 'annotation move');
  const map = requireAnnotation(doc, id);
  const a = currentAnchor(map, id);
  const moved: Anchor = { channels: channels ?? a.channels, t: a.t + dt };
  if (a.t2 !== undefined) moved.t2 = a.t2 + dt;
  if (a.y !== undefined) moved.y = a.y + dy;
  if (a.y2 !== undefined) moved.y2 = a.y2 + dy;
  if (a.points !== undefined) moved.points = a.points.map((p) => ({ t: p.t + dt, y: p.y + dy }));
  setAnchor(doc, id, checkedAnchor(map.get('kind') as AnnotationKind, moved), origin, now);
}

/** Changes an annotation's extent: sets the given anchor fields (t, t2, y, y2, points). */
export function resizeAnnotation(
  doc: Y.Doc,
  input: z.input<typeof ResizeAnnotationInputSchema>,
  origin: ModelOrigin,
): void {
  const now = beginChange(doc, 'annotations', origin);
  const { id, ...fields } = parseInput(ResizeAnnotationInputSchema, input, 'annotation resize');
  const map = requireAnnotation(doc, id);
  const resized = { ...currentAnchor(map, id), ...fields };
  setAnchor(doc, id, checkedAnchor(map.get('kind') as AnnotationKind, resized), origin, now);
}

/** Edits an annotation's title, body (merging with concurrent edits), style and tags. */
export function editAnnotation(
  doc: Y.Doc,
  input: z.input<typeof EditAnnotationInputSchema>,
  origin: ModelOrigin,
): void {
  const now = beginChange(doc, 'annotations', origin);
  const edit = parseInput(EditAnnotationInputSchema, input, 'annotation edit');
  const map = requireAnnotation(doc, edit.id);
  const tags = map.get('tags') as Y.Map<unknown>;
  const add = edit.addTags ?? [];
  const remove = edit.removeTags ?? [];
  if (tagCountAfter(tags, add, remove) > MAX_TAGS) {
    throw invalidOperation(`An annotation carries at most ${MAX_TAGS} tags`, { id: edit.id });
  }
  doc.transact(() => {
    if (edit.title !== undefined) map.set('title', edit.title);
    if (edit.body !== undefined) replaceText(map.get('body') as Y.Text, edit.body);
    if (edit.style !== undefined) map.set('style', { ...edit.style });
    applyTags(tags, add, remove);
    map.set('updatedAt', now);
  }, origin);
}

/** Deletes an annotation with its comments. */
export function deleteAnnotation(doc: Y.Doc, input: { id: string }, origin: ModelOrigin): void {
  beginChange(doc, 'annotations', origin);
  const { id } = parseInput(AnnotationIdInputSchema, input, 'annotation id');
  requireAnnotation(doc, id);
  doc.transact(() => annotationsOf(doc).delete(id), origin);
}

/** Attaches a file (stored elsewhere by its sha256) to an annotation. */
export function addAnnotationAttachment(
  doc: Y.Doc,
  input: { id: string; attachment: z.input<typeof AttachmentSchema> },
  origin: ModelOrigin,
): void {
  const now = beginChange(doc, 'annotations', origin);
  const { id, attachment } = parseInput(
    AnnotationIdInputSchema.extend({ attachment: AttachmentSchema.strict() }),
    input,
    'annotation attachment',
  );
  const map = requireAnnotation(doc, id);
  doc.transact(() => {
    putAttachment(map.get('attachments') as Y.Map<unknown>, attachment);
    map.set('updatedAt', now);
  }, origin);
}

/** Detaches the file with content hash `hash` from an annotation. */
export function removeAnnotationAttachment(
  doc: Y.Doc,
  input: { id: string; hash: string },
  origin: ModelOrigin,
): void {
  const now = beginChange(doc, 'annotations', origin);
  const { id, hash } = parseInput(
    AnnotationIdInputSchema.extend({ hash: AttachmentSchema.shape.hash }),
    input,
    'annotation attachment',
  );
  const map = requireAnnotation(doc, id);
  const attachments = map.get('attachments') as Y.Map<unknown>;
  if (!attachments.has(hash)) throw notFound('attachment', hash);
  doc.transact(() => {
    attachments.delete(hash);
    map.set('updatedAt', now);
  }, origin);
}
