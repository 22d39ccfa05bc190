import type * as Y from 'yjs';
import { z } from 'zod';
import {
  AttachmentSchema,
  NoteSnapshotSchema,
  TagSchema,
  text as userText,
} from '@fieldbook/shared';
import type { ModelOrigin } from '../origin';
import { beginChange, beginCreate, metaOf, writeMeta } from '../schemaVersion';
import { MAX_TAGS, applyTags, putAttachment, tagCountAfter } from '../sets';
import { replaceText } from '../text';
import { invalidOperation, notFound, parseInput } from '../validate';
import { noteAttachmentsOf, noteBody, noteTagsOf } from './structure';

const Tags = z.array(TagSchema).max(MAX_TAGS);
const Title = NoteSnapshotSchema.shape.title;
/** The longest note body accepted (characters). */
export const MAX_NOTE_LENGTH = 5_000_000;

/** Input of createNote. */
export const CreateNoteInputSchema = z.strictObject({
  title: Title,
  text: userText().max(MAX_NOTE_LENGTH).default(''),
  tags: Tags.default([]),
});

/** Makes an empty document into a note with a title and optional Markdown text and tags. */
export function createNote(
  doc: Y.Doc,
  input: z.input<typeof CreateNoteInputSchema>,
  origin: ModelOrigin,
): void {
  beginCreate(doc, 'note', origin);
  const { title, text, tags } = parseInput(CreateNoteInputSchema, input, 'note');
  doc.transact(() => {
    writeMeta(doc, 'note', { title });
    if (text) noteBody(doc).insert(0, text);
    applyTags(noteTagsOf(doc), tags, []);
  }, origin);
}

/** Gives the note a new title. */
export function renameNote(doc: Y.Doc, input: { title: string }, origin: ModelOrigin): void {
  beginChange(doc, 'note', origin);
  const { title } = parseInput(z.strictObject({ title: Title }), input, 'note title');
  doc.transact(() => metaOf(doc).set('title', title), origin);
}

/** Input of editNoteText: one splice of the Markdown body. */
export const EditNoteTextInputSchema = z.strictObject({
  index: z.number().int().nonnegative(),
  deleteCount: z.number().int().nonnegative().default(0),
  insert: userText().max(MAX_NOTE_LENGTH).default(''),
});

/**
 * Splices the Markdown body (delete `deleteCount` characters at `index`, then
 * insert). For programmatic edits — the editor binding edits the body itself.
 */
export function editNoteText(
  doc: Y.Doc,
  input: z.input<typeof EditNoteTextInputSchema>,
  origin: ModelOrigin,
): void {
  beginChange(doc, 'note', origin);
  const { index, deleteCount, insert } = parseInput(EditNoteTextInputSchema, input, 'note edit');
  const body = noteBody(doc);
  if (index + deleteCount > body.length) {
    throw invalidOperation(
      `The edit reaches past the end of the note (${body.length} characters)`,
      {
        index,
        deleteCount,
        length: body.length,
      },
    );
  }
  if (body.length - deleteCount + insert.length > MAX_NOTE_LENGTH) {
    throw invalidOperation(`A note holds at most ${MAX_NOTE_LENGTH} characters`);
  }
  if (deleteCount === 0 && insert === '') return;
  doc.transact(() => {
    if (deleteCount > 0) body.delete(index, deleteCount);
    if (insert) body.insert(index, insert);
  }, origin);
}

/** Sets the whole Markdown body, writing only the changed middle so concurrent edits merge. */
export function replaceNoteText(doc: Y.Doc, input: { text: string }, origin: ModelOrigin): void {
  beginChange(doc, 'note', origin);
  const { text } = parseInput(
    z.strictObject({ text: userText().max(MAX_NOTE_LENGTH) }),
    input,
    'note text',
  );
  if (noteBody(doc).toString() === text) return;
  doc.transact(() => replaceText(noteBody(doc), text), origin);
}

/** Adds and removes tags of the note. */
export function tagNote(
  doc: Y.Doc,
  input: { add?: string[]; remove?: string[] },
  origin: ModelOrigin,
): void {
  beginChange(doc, 'note', origin);
  const { add, remove } = parseInput(
    z.strictObject({ add: Tags.default([]), remove: Tags.default([]) }),
    input,
    'note tags',
  );
  if (tagCountAfter(noteTagsOf(doc), add, remove) > MAX_TAGS) {
    throw invalidOperation(`A note carries at most ${MAX_TAGS} tags`);
  }
  doc.transact(() => applyTags(noteTagsOf(doc), add, remove), origin);
}

/** Attaches a file (stored elsewhere by its sha256) to the note. */
export function addNoteAttachment(
  doc: Y.Doc,
  input: z.input<typeof AttachmentSchema>,
  origin: ModelOrigin,
): void {
  beginChange(doc, 'note', origin);
  const attachment = parseInput(AttachmentSchema.strict(), input, 'attachment');
  doc.transact(() => putAttachment(noteAttachmentsOf(doc), attachment), origin);
}

/** Detaches the file with content hash `hash` from the note. */
export function removeNoteAttachment(
  doc: Y.Doc,
  input: { hash: string },
  origin: ModelOrigin,
): void {
  beginChange(doc, 'note', origin);
  const { hash } = parseInput(
    z.strictObject({ hash: AttachmentSchema.shape.hash }),
    input,
    'attachment hash',
  );
  if (!noteAttachmentsOf(doc).has(hash)) throw notFound('attachment', hash);
  doc.transact(() => noteAttachmentsOf(doc).delete(hash), origin);
}
