import { z } from 'zod';
import { DocKindSchema } from './documents';
import { text } from './text';

// History of a document in the document's own words: what each change did
// (ChangeSummary), entries grouping changes per person and session, versions
// (points of the log you can open) and diffs between two of them. crdt-model
// computes them; the server and the app exchange them.

const Count = z.number().int().nonnegative();

/** How many distinct things a change touched, naming the first few. */
export const IdListSchema = z.object({ count: Count, ids: z.array(z.string()).max(20) });
export type IdList = z.infer<typeof IdListSchema>;

/** What one change (or an entry of changes) did, in the terms of the document's kind. */
export const ChangeSummarySchema = z.object({
  /** Note body: characters inserted and deleted, and the headings they fall under. */
  text: z
    .object({ inserted: Count, deleted: Count, headings: z.array(z.string()).max(5) })
    .optional(),
  /** New title (note, view), name (collection, workspace). */
  renamed: z.object({ to: z.string() }).optional(),
  tags: z.object({ added: z.array(z.string()), removed: z.array(z.string()) }).optional(),
  attachments: z.object({ added: Count, removed: Count }).optional(),
  annotations: z
    .object({
      created: IdListSchema,
      moved: IdListSchema,
      edited: IdListSchema,
      approved: IdListSchema,
      reopened: IdListSchema,
      deleted: IdListSchema,
      /** Fields edited (title, body, style, tags, attachments, kind). */
      fields: z.array(z.string()),
    })
    .partial()
    .optional(),
  comments: z
    .object({
      added: Count,
      edited: Count,
      resolved: Count,
      deleted: Count,
      /** Annotations whose comments changed. */
      on: IdListSchema,
    })
    .partial()
    .optional(),
  panels: z
    .object({ added: IdListSchema, removed: IdListSchema, changed: IdListSchema })
    .partial()
    .optional(),
  channels: z
    .object({ added: z.array(z.string()), removed: z.array(z.string()) })
    .partial()
    .optional(),
  documents: z
    .object({
      created: IdListSchema,
      renamed: IdListSchema,
      moved: IdListSchema,
      trashed: IdListSchema,
      restored: IdListSchema,
      deleted: IdListSchema,
    })
    .partial()
    .optional(),
  folders: z
    .object({
      created: IdListSchema,
      renamed: IdListSchema,
      moved: IdListSchema,
      deleted: IdListSchema,
    })
    .partial()
    .optional(),
  /** Titles of the annotations, panels, documents and folders named above, as they were then. */
  labels: z.record(z.string(), z.string()).optional(),
  /** Changes to parts this summary has no words for. */
  other: Count.optional(),
});
export type ChangeSummary = z.infer<typeof ChangeSummarySchema>;

/** What kind of change an entry is: an edit, or something the server made on someone's behalf. */
export const ENTRY_KINDS = ['edit', 'restore', 'merge', 'fork', 'import'] as const;
export const EntryKindSchema = z.enum(ENTRY_KINDS);
export type EntryKind = z.infer<typeof EntryKindSchema>;

/**
 * One entry of a document's history: consecutive updates of one person in
 * one session within a short time window. `lastSeq` is the version you open
 * to see the document right after it.
 */
export const HistoryEntrySchema = z.object({
  /** The entry's first seq, as a string (stable: entries only ever grow at the end). */
  id: z.string(),
  firstSeq: z.number().int().positive(),
  lastSeq: z.number().int().positive(),
  actor: z.string(),
  actorName: z.string().nullable(),
  /** The session (connection) the updates came from. */
  session: z.string(),
  kind: EntryKindSchema,
  /** restore: the version restored; merge: the branch merged; fork: the source document. */
  ref: z.string().nullable(),
  startedAt: z.number().int(),
  endedAt: z.number().int(),
  updates: Count,
  bytes: Count,
  summary: ChangeSummarySchema,
});
export type HistoryEntry = z.infer<typeof HistoryEntrySchema>;

/** A point of the history that can be opened: a named version or an entry's end (automatic). */
export const VersionSchema = z.object({
  /** A named version's id (UUIDv7) or, for an automatic one, its seq as a string. */
  id: z.string(),
  seq: z.number().int().nonnegative(),
  name: z.string().nullable(),
  createdBy: z.string(),
  createdByName: z.string().nullable(),
  createdAt: z.number().int(),
});
export type Version = z.infer<typeof VersionSchema>;

/** A named version's name. */
export const VersionNameSchema = text().trim().min(1).max(200);

/** A field that differs between two versions. */
export const FieldChangeSchema = z.object({
  field: z.string(),
  from: z.unknown(),
  to: z.unknown(),
});
export type FieldChange = z.infer<typeof FieldChangeSchema>;

/** Items of a keyed list (annotations, comments, panels, documents, folders) that differ. */
export const KeyedDiffSchema = z.object({
  added: z.array(z.object({ id: z.string(), label: z.string(), value: z.unknown() })),
  removed: z.array(z.object({ id: z.string(), label: z.string(), value: z.unknown() })),
  changed: z.array(
    z.object({ id: z.string(), label: z.string(), fields: z.array(FieldChangeSchema) }),
  ),
});
export type KeyedDiff = z.infer<typeof KeyedDiffSchema>;

/** A run of a note's text: kept, inserted or deleted between two versions. */
export const TextSegmentSchema = z.object({
  op: z.enum(['equal', 'insert', 'delete']),
  text: z.string(),
});
export type TextSegment = z.infer<typeof TextSegmentSchema>;

/** What differs between two states of one document, in its kind's terms. */
export const DocDiffSchema = z.object({
  kind: DocKindSchema,
  /** Top-level fields (title, name, tags, time window, …). */
  fields: z.array(FieldChangeSchema),
  /** Note body, when it differs: the whole text as runs. */
  text: z.array(TextSegmentSchema).optional(),
  /** Keyed lists by name: annotations, panels, documents, folders. */
  lists: z.record(z.string(), KeyedDiffSchema),
});
export type DocDiff = z.infer<typeof DocDiffSchema>;
