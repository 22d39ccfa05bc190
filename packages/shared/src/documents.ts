import { z } from 'zod';
import { IdSchema } from './ids';
import { text } from './text';

// Plain snapshots of the four document kinds. crdt-model's readers return
// these; everything else (server, UI, exports) consumes them. Every string a
// person writes is `text()`: no NUL, no lone surrogates (see text.ts).

export const DOC_KINDS = ['workspace', 'note', 'annotations', 'view'] as const;
export const DocKindSchema = z.enum(DOC_KINDS);
export type DocKind = z.infer<typeof DocKindSchema>;

const EpochMs = z.number().int().nonnegative();
const Title = text().max(500);
export const TagSchema = text().trim().min(1).max(64);
const Tags = z.array(TagSchema).max(64);
const Hex = /^#[0-9a-f]{6}$/i;

/** A file stored by content hash (sha256, hex) beside the documents. */
export const AttachmentSchema = z.object({
  hash: z.string().regex(/^[0-9a-f]{64}$/, 'expected a sha256 hex digest'),
  name: text().min(1).max(255),
  mimeType: text().min(1).max(255),
  size: z.number().int().nonnegative(),
});
export type Attachment = z.infer<typeof AttachmentSchema>;

// ---- workspace index -------------------------------------------------------

export const DocumentEntrySchema = z.object({
  id: IdSchema,
  kind: z.enum(['note', 'annotations', 'view']),
  title: Title,
  tags: Tags,
  folderId: IdSchema.nullable(),
  createdBy: text().min(1),
  createdAt: EpochMs,
  updatedAt: EpochMs,
  trashedAt: EpochMs.nullable(),
});
export type DocumentEntry = z.infer<typeof DocumentEntrySchema>;

export const FolderSchema = z.object({
  id: IdSchema,
  name: text().min(1).max(200),
  parentId: IdSchema.nullable(),
});
export type Folder = z.infer<typeof FolderSchema>;

export const WorkspaceIndexSnapshotSchema = z.object({
  schemaVersion: z.number().int().positive(),
  name: text().max(200),
  /** Sorted by createdAt, then id. */
  documents: z.array(DocumentEntrySchema),
  /** Sorted by name, then id. */
  folders: z.array(FolderSchema),
  tagColors: z.record(TagSchema, z.string().regex(Hex)),
});
export type WorkspaceIndexSnapshot = z.infer<typeof WorkspaceIndexSnapshotSchema>;

// ---- note ------------------------------------------------------------------

export const NoteSnapshotSchema = z.object({
  schemaVersion: z.number().int().positive(),
  title: Title,
  /** The body as Markdown, exactly as the editor binding holds it. */
  text: text(),
  tags: Tags,
  attachments: z.array(AttachmentSchema),
  /** Ids of documents this note links to, derived from the text. */
  links: z.array(IdSchema),
});
export type NoteSnapshot = z.infer<typeof NoteSnapshotSchema>;

// ---- annotation collection -------------------------------------------------

export const ANNOTATION_KINDS = [
  'point',
  'range',
  'line',
  'arrow',
  'rect',
  'text',
  'polygon',
] as const;
export const AnnotationKindSchema = z.enum(ANNOTATION_KINDS);
export type AnnotationKind = z.infer<typeof AnnotationKindSchema>;

const Value = z.number().finite();
const Channels = z.array(text().min(1).max(200)).min(1).max(64);

/** Where an annotation sits, in data coordinates: channels, time (epoch ms), value. */
export const AnchorSchema = z.object({
  channels: Channels,
  t: Value,
  t2: Value.optional(),
  y: Value.optional(),
  y2: Value.optional(),
  points: z
    .array(z.object({ t: Value, y: Value }))
    .max(1000)
    .optional(),
});
export type Anchor = z.infer<typeof AnchorSchema>;

/** Which anchor fields each annotation kind needs. */
export const ANCHOR_FIELDS: Record<AnnotationKind, readonly ('t2' | 'y' | 'y2' | 'points')[]> = {
  point: ['y'],
  range: ['t2'],
  line: ['y', 't2', 'y2'],
  arrow: ['y', 't2', 'y2'],
  rect: ['y', 't2', 'y2'],
  text: ['y'],
  polygon: ['points'],
};

/** Checks that an anchor carries what its kind needs (ranges ordered, polygons closed over 3+ points). */
export function anchorProblem(kind: AnnotationKind, anchor: Anchor): string | null {
  for (const field of ANCHOR_FIELDS[kind]) {
    if (anchor[field] === undefined) return `a ${kind} annotation needs anchor.${field}`;
  }
  if (kind === 'range' && anchor.t2! < anchor.t) return 'a range must end at or after its start';
  if (kind === 'rect' && anchor.t2! < anchor.t) return 'a rect must end at or after its start';
  if (kind === 'polygon' && anchor.points!.length < 3) return 'a polygon needs at least 3 points';
  return null;
}

/** The time span [start, end] an anchor covers, used by the overlap index. */
export function anchorSpan(anchor: Anchor): [number, number] {
  let lo = anchor.t;
  let hi = anchor.t;
  if (anchor.t2 !== undefined) {
    lo = Math.min(lo, anchor.t2);
    hi = Math.max(hi, anchor.t2);
  }
  for (const p of anchor.points ?? []) {
    lo = Math.min(lo, p.t);
    hi = Math.max(hi, p.t);
  }
  return [lo, hi];
}

export const AnnotationStyleSchema = z.object({
  color: z.string().regex(Hex).optional(),
  fill: z.string().regex(Hex).optional(),
  lineWidth: z.number().min(0.5).max(20).optional(),
  dash: z.boolean().optional(),
});
export type AnnotationStyle = z.infer<typeof AnnotationStyleSchema>;

export const CommentSchema = z.object({
  id: IdSchema,
  parentId: IdSchema.nullable(),
  author: text().min(1),
  body: text().min(1).max(20_000),
  ts: EpochMs,
  editedAt: EpochMs.nullable(),
  resolved: z.boolean(),
});
export type Comment = z.infer<typeof CommentSchema>;

export const AnnotationStatusSchema = z.enum(['draft', 'approved']);
export type AnnotationStatus = z.infer<typeof AnnotationStatusSchema>;

export const AnnotationSchema = z
  .object({
    id: IdSchema,
    kind: AnnotationKindSchema,
    anchor: AnchorSchema,
    title: Title,
    body: text(),
    tags: Tags,
    style: AnnotationStyleSchema,
    status: AnnotationStatusSchema,
    author: text().min(1),
    createdAt: EpochMs,
    updatedAt: EpochMs,
    /** Sorted by ts, then id. */
    comments: z.array(CommentSchema),
    attachments: z.array(AttachmentSchema),
  })
  .superRefine((a, ctx) => {
    const problem = anchorProblem(a.kind, a.anchor);
    if (problem) ctx.addIssue({ code: 'custom', path: ['anchor'], message: problem });
  });
export type Annotation = z.infer<typeof AnnotationSchema>;

export const AnnotationCollectionSnapshotSchema = z.object({
  schemaVersion: z.number().int().positive(),
  name: text().max(200),
  /** Sorted by id (creation order). */
  annotations: z.array(AnnotationSchema),
});
export type AnnotationCollectionSnapshot = z.infer<typeof AnnotationCollectionSnapshotSchema>;

// ---- telemetry view --------------------------------------------------------

export const TimeWindowSchema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('live'), lastMs: z.number().int().positive() }),
  z.object({ mode: z.literal('fixed'), from: Value, to: Value }).refine((w) => w.to > w.from, {
    message: 'a fixed window must end after it starts',
  }),
]);
export type TimeWindow = z.infer<typeof TimeWindowSchema>;

export const YAxisSchema = z.object({
  id: text().min(1).max(64),
  label: text().max(200),
  min: Value.nullable(),
  max: Value.nullable(),
});
export type YAxis = z.infer<typeof YAxisSchema>;

export const PanelChannelSchema = z.object({
  channelId: text().min(1).max(200),
  axisId: text().min(1).max(64),
  color: z.string().regex(Hex).nullable(),
});
export type PanelChannel = z.infer<typeof PanelChannelSchema>;

export const OverlaySchema = z.object({ collectionId: IdSchema, tags: Tags });
export type Overlay = z.infer<typeof OverlaySchema>;

export const PanelSchema = z.object({
  id: IdSchema,
  title: Title,
  /** In display order. */
  channels: z.array(PanelChannelSchema),
  yAxes: z.array(YAxisSchema),
  timeWindow: TimeWindowSchema,
  overlays: z.array(OverlaySchema),
});
export type Panel = z.infer<typeof PanelSchema>;

export const TelemetryViewSnapshotSchema = z.object({
  schemaVersion: z.number().int().positive(),
  title: Title,
  /** In display order. */
  panels: z.array(PanelSchema),
});
export type TelemetryViewSnapshot = z.infer<typeof TelemetryViewSnapshotSchema>;

/**
 * What `GET /workspaces/:ws/documents/:doc/digest` answers: the server's
 * state vector of a document (base64) and the sha256 (hex) of its canonical
 * encoded state, so a client can tell whether its copy is identical.
 */
export const DocumentDigestSchema = z.object({
  stateVector: z.string(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type DocumentDigest = z.infer<typeof DocumentDigestSchema>;
