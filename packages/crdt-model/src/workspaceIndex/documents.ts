import * as Y from 'yjs';
import { z } from 'zod';
import { DocumentEntrySchema, FieldbookError, IdSchema, TagSchema, newId } from '@fieldbook/shared';
import type { ModelOrigin } from '../origin';
import { beginChange } from '../schemaVersion';
import { MAX_TAGS, applyTags, tagCountAfter, tagSet, unique } from '../sets';
import { invalidOperation, parseInput } from '../validate';
import { documentsOf, requireEntry, requireFolder, touched } from './structure';

const Tags = z.array(TagSchema).max(MAX_TAGS);

/** Input of createDocumentEntry. The id is made by the client (documents are born offline). */
export const CreateDocumentEntryInputSchema = z.strictObject({
  id: IdSchema.optional(),
  kind: DocumentEntrySchema.shape.kind,
  title: DocumentEntrySchema.shape.title,
  folderId: IdSchema.nullable().optional(),
  tags: Tags.optional(),
  /** The document this one belongs to (a chart's annotation collection: the chart's id). */
  ownerId: IdSchema.nullable().optional(),
});
/** Input of createDocumentEntry, as callers write it. */
export type CreateDocumentEntryInput = z.input<typeof CreateDocumentEntryInputSchema>;

/** Lists a new document (note, annotation collection or view) in the workspace; returns its id. */
export function createDocumentEntry(
  doc: Y.Doc,
  input: CreateDocumentEntryInput,
  origin: ModelOrigin,
): string {
  const now = beginChange(doc, 'workspace', origin);
  const {
    id = newId(now),
    kind,
    title,
    folderId = null,
    tags = [],
    ownerId = null,
  } = parseInput(CreateDocumentEntryInputSchema, input, 'document entry');
  if (documentsOf(doc).has(id)) {
    throw new FieldbookError('CONFLICT', `A document with id ${id} is already listed`, { id });
  }
  if (folderId !== null) requireFolder(doc, folderId);
  doc.transact(() => {
    const entry = new Y.Map<unknown>();
    documentsOf(doc).set(id, entry);
    entry.set('id', id);
    entry.set('kind', kind);
    entry.set('title', title);
    entry.set('folderId', folderId);
    entry.set('createdBy', origin.actor);
    entry.set('createdAt', now);
    touched(entry, now, origin);
    entry.set('trashedAt', null);
    entry.set('tags', tagSet(unique(tags)));
    if (ownerId !== null) entry.set('ownerId', ownerId);
  }, origin);
  return id;
}

const IdInput = z.strictObject({ id: IdSchema });

/** Input of renameDocument. */
export const RenameDocumentInputSchema = IdInput.extend({
  title: DocumentEntrySchema.shape.title,
});

/** Gives a listed document a new title. */
export function renameDocument(
  doc: Y.Doc,
  input: z.input<typeof RenameDocumentInputSchema>,
  origin: ModelOrigin,
): void {
  const now = beginChange(doc, 'workspace', origin);
  const { id, title } = parseInput(RenameDocumentInputSchema, input, 'document rename');
  const entry = requireEntry(doc, id);
  doc.transact(() => {
    entry.set('title', title);
    touched(entry, now, origin);
  }, origin);
}

/** Input of moveDocument (folderId null = workspace root). */
export const MoveDocumentInputSchema = IdInput.extend({ folderId: IdSchema.nullable() });

/** Moves a listed document into a folder, or to the root with folderId null. */
export function moveDocument(
  doc: Y.Doc,
  input: z.input<typeof MoveDocumentInputSchema>,
  origin: ModelOrigin,
): void {
  const now = beginChange(doc, 'workspace', origin);
  const { id, folderId } = parseInput(MoveDocumentInputSchema, input, 'document move');
  const entry = requireEntry(doc, id);
  if (folderId !== null) requireFolder(doc, folderId);
  doc.transact(() => {
    entry.set('folderId', folderId);
    touched(entry, now, origin);
  }, origin);
}

/** Input of tagDocument: tags to add and tags to remove. */
export const TagDocumentInputSchema = IdInput.extend({
  add: Tags.default([]),
  remove: Tags.default([]),
});

/** Adds and removes tags of a listed document (tags merge across replicas as a set). */
export function tagDocument(
  doc: Y.Doc,
  input: z.input<typeof TagDocumentInputSchema>,
  origin: ModelOrigin,
): void {
  const now = beginChange(doc, 'workspace', origin);
  const { id, add, remove } = parseInput(TagDocumentInputSchema, input, 'document tags');
  const tags = requireEntry(doc, id).get('tags') as Y.Map<unknown>;
  if (tagCountAfter(tags, add, remove) > MAX_TAGS) {
    throw invalidOperation(`A document carries at most ${MAX_TAGS} tags`, { id });
  }
  doc.transact(() => {
    applyTags(tags, add, remove);
    touched(requireEntry(doc, id), now, origin);
  }, origin);
}

/** Moves a listed document to the trash (it stays restorable). */
export function trashDocument(doc: Y.Doc, input: { id: string }, origin: ModelOrigin): void {
  const now = beginChange(doc, 'workspace', origin);
  const { id } = parseInput(IdInput, input, 'document id');
  const entry = requireEntry(doc, id);
  if (entry.get('trashedAt') !== null) {
    throw invalidOperation('This document is already in the trash', { id });
  }
  doc.transact(() => {
    entry.set('trashedAt', now);
    touched(entry, now, origin);
  }, origin);
}

/** Brings a trashed document back. */
export function restoreDocument(doc: Y.Doc, input: { id: string }, origin: ModelOrigin): void {
  const now = beginChange(doc, 'workspace', origin);
  const { id } = parseInput(IdInput, input, 'document id');
  const entry = requireEntry(doc, id);
  if (entry.get('trashedAt') === null) {
    throw invalidOperation('This document is not in the trash', { id });
  }
  doc.transact(() => {
    entry.set('trashedAt', null);
    touched(entry, now, origin);
  }, origin);
}

/** Removes a trashed document from the list for good (emptying the trash). */
export function purgeDocument(doc: Y.Doc, input: { id: string }, origin: ModelOrigin): void {
  beginChange(doc, 'workspace', origin);
  const { id } = parseInput(IdInput, input, 'document id');
  const entry = requireEntry(doc, id);
  if (entry.get('trashedAt') === null) {
    throw invalidOperation('Only a trashed document can be purged; trash it first', { id });
  }
  doc.transact(() => documentsOf(doc).delete(id), origin);
}
