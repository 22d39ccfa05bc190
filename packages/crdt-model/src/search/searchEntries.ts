import * as Y from 'yjs';
import {
  anchorSpan,
  type Annotation,
  type AnnotationStatus,
  type DocumentEntry,
  type SearchKind,
} from '@fieldbook/shared';
import { readAnnotationMap } from '../annotations/reader';
import { annotationsOf } from '../annotations/structure';
import { notePlainText, readNote } from '../note/reader';
import { kindOf } from '../schemaVersion';

/**
 * What search indexes of one note, annotation or comment: the plain text to
 * match and the fields to filter and show. The server index and the offline
 * index both build their rows with these functions, so both find the same.
 */
export interface SearchEntry {
  kind: SearchKind;
  documentId: string;
  annotationId: string | null;
  commentId: string | null;
  title: string;
  /** Plain text (a note's Markdown without its syntax; an annotation's or comment's body). */
  body: string;
  tags: string[];
  author: string;
  status: AnnotationStatus | null;
  channels: string[];
  from: number | null;
  to: number | null;
  updatedAt: number;
}

/** The note as one entry; `listed` is its workspace-index entry (title, tags, creator, time). */
export function noteSearchEntry(
  doc: Y.Doc,
  documentId: string,
  listed: DocumentEntry | null,
): SearchEntry {
  const note = readNote(doc);
  return {
    kind: 'note',
    documentId,
    annotationId: null,
    commentId: null,
    title: listed?.title || note.title,
    body: notePlainText(note.text),
    tags: [...new Set([...(listed?.tags ?? []), ...note.tags])].sort(),
    author: listed?.createdBy ?? '',
    status: null,
    channels: [],
    from: null,
    to: null,
    updatedAt: listed?.updatedAt ?? 0,
  };
}

function annotationEntries(documentId: string, a: Annotation): SearchEntry[] {
  const [from, to] = anchorSpan(a.anchor);
  const shared = {
    documentId,
    annotationId: a.id,
    title: a.title,
    tags: a.tags,
    status: a.status,
    channels: a.anchor.channels,
    from,
    to,
  };
  return [
    {
      ...shared,
      kind: 'annotation',
      commentId: null,
      body: a.body,
      author: a.author,
      updatedAt: a.updatedAt,
    },
    ...a.comments.map((c): SearchEntry => ({
      ...shared,
      kind: 'comment',
      commentId: c.id,
      body: c.body,
      author: c.author,
      updatedAt: c.editedAt ?? c.ts,
    })),
  ];
}

/**
 * Annotation `annotationId` of a collection and its comments as entries;
 * none when the collection no longer holds it (deleted) or its anchor
 * awaits a missing update.
 */
export function annotationSearchEntries(
  doc: Y.Doc,
  documentId: string,
  annotationId: string,
): SearchEntry[] {
  const map = annotationsOf(doc).get(annotationId);
  const annotation = map instanceof Y.Map ? readAnnotationMap(annotationId, map) : null;
  return annotation ? annotationEntries(documentId, annotation) : [];
}

/** Ids of the annotations a collection holds. */
export function annotationIdsOf(doc: Y.Doc): string[] {
  return [...annotationsOf(doc).keys()];
}

/**
 * Every entry of a document: a note's one entry, a collection's annotations
 * and comments; nothing for other kinds (index, views) or an empty document.
 */
export function searchEntriesOf(
  doc: Y.Doc,
  documentId: string,
  listed: DocumentEntry | null,
): SearchEntry[] {
  const kind = kindOf(doc);
  if (kind === 'note') return [noteSearchEntry(doc, documentId, listed)];
  if (kind === 'annotations')
    return annotationIdsOf(doc).flatMap((id) => annotationSearchEntries(doc, documentId, id));
  return [];
}
