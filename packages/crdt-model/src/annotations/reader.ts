import * as Y from 'yjs';
import type {
  Anchor,
  Annotation,
  AnnotationCollectionSnapshot,
  AnnotationKind,
  AnnotationStyle,
  Comment,
} from '@fieldbook/shared';
import { ANNOTATION_KINDS } from '@fieldbook/shared';
import { metaOf, schemaVersionOf } from '../schemaVersion';
import { readAttachments, readTags } from '../sets';
import { annotationsOf } from './structure';

const MAX_COMMENT = 20_000;
const str = (v: unknown, fallback = ''): string => (typeof v === 'string' && v ? v : fallback);
const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function readComment(id: string, map: Y.Map<unknown>): Comment {
  const body = map.get('body');
  const editedAt = map.get('editedAt');
  return {
    id,
    parentId: str(map.get('parentId')) || null,
    author: str(map.get('author'), 'unknown'),
    // Two concurrent edits join their texts; the snapshot keeps within the schema's limit.
    body: (body instanceof Y.Text ? body.toString() : '').slice(0, MAX_COMMENT) || ' ',
    ts: num(map.get('ts')),
    editedAt: typeof editedAt === 'number' ? editedAt : null,
    resolved: map.get('resolved') === true,
  };
}

function readComments(comments: unknown): Comment[] {
  if (!(comments instanceof Y.Map)) return [];
  return [...(comments as Y.Map<Y.Map<unknown>>).entries()]
    .map(([id, c]) => readComment(id, c))
    .sort((a, b) => a.ts - b.ts || byId(a.id, b.id));
}

/**
 * The anchor of an annotation map, or null while it has none: an update that
 * replaces the anchor can arrive before an update it depends on, and Yjs then
 * applies its deletion of the old anchor before it can integrate the new one.
 */
export function anchorOf(map: Y.Map<unknown>): Anchor | null {
  const anchor = map.get('anchor') as Anchor | undefined;
  return anchor && Array.isArray(anchor.channels) && typeof anchor.t === 'number' ? anchor : null;
}

/** One annotation map as a plain snapshot, or null while its anchor awaits a missing update. */
export function readAnnotationMap(id: string, map: Y.Map<unknown>): Annotation | null {
  const kind = map.get('kind') as AnnotationKind;
  const anchor = anchorOf(map);
  if (!anchor) return null;
  const body = map.get('body');
  return {
    id,
    kind: ANNOTATION_KINDS.includes(kind) ? kind : 'point',
    anchor: {
      ...anchor,
      channels: [...anchor.channels],
      ...(anchor.points ? { points: anchor.points.map((p) => ({ ...p })) } : {}),
    },
    title: str(map.get('title')),
    body: body instanceof Y.Text ? body.toString() : '',
    tags: readTags(map.get('tags')),
    style: { ...(map.get('style') as AnnotationStyle) },
    status: map.get('status') === 'approved' ? 'approved' : 'draft',
    author: str(map.get('author'), 'unknown'),
    createdAt: num(map.get('createdAt')),
    updatedAt: num(map.get('updatedAt')),
    comments: readComments(map.get('comments')),
    attachments: readAttachments(map.get('attachments')),
  };
}

/** Ids of the collection's annotations, sorted (creation order); read them one at a time with readAnnotation. */
export function annotationIds(doc: Y.Doc): string[] {
  return [...annotationsOf(doc).keys()].sort(byId);
}

/** Annotation `id` as a plain snapshot, or null when the collection does not hold it (yet). */
export function readAnnotation(doc: Y.Doc, id: string): Annotation | null {
  const map = annotationsOf(doc).get(id);
  return map instanceof Y.Map ? readAnnotationMap(id, map) : null;
}

/**
 * The whole collection as a plain snapshot (AnnotationCollectionSnapshotSchema).
 * An annotation whose anchor awaits a missing update is left out until it arrives.
 */
export function readAnnotationCollection(doc: Y.Doc): AnnotationCollectionSnapshot {
  const ids = annotationIds(doc);
  const name = metaOf(doc).get('name');
  return {
    schemaVersion: Math.max(1, schemaVersionOf(doc)),
    name: typeof name === 'string' ? name : '',
    annotations: ids.flatMap((id) => readAnnotationMap(id, annotationsOf(doc).get(id)!) ?? []),
  };
}
