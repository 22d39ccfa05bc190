import { anchorSpan } from '@fieldbook/shared';
import type { ExportedAnnotation } from './annotationStream';

// The flat, spreadsheet shape of annotations and comments, shared by the CSV
// and XLSX exports so both carry the same columns in the same order.

/** A cell: text, number, time (epoch ms, typed as a date where the format can) or boolean. */
export type Cell =
  | { kind: 'text'; value: string }
  | { kind: 'number'; value: number | null }
  | { kind: 'time'; value: number | null }
  | { kind: 'bool'; value: boolean };

/** One column: header, the kind of its cells, and width (characters) for spreadsheets. */
export interface Column {
  header: string;
  type: Cell['kind'];
  width: number;
}

const text = (value: string): Cell => ({ kind: 'text', value });
const num = (value: number | undefined | null): Cell => ({ kind: 'number', value: value ?? null });
const time = (value: number | undefined | null): Cell => ({ kind: 'time', value: value ?? null });

export const ANNOTATION_COLUMNS: Column[] = [
  { header: 'Collection', type: 'text', width: 22 },
  { header: 'Collection ID', type: 'text', width: 38 },
  { header: 'Annotation ID', type: 'text', width: 38 },
  { header: 'Kind', type: 'text', width: 9 },
  { header: 'Title', type: 'text', width: 32 },
  { header: 'Status', type: 'text', width: 10 },
  { header: 'Author', type: 'text', width: 18 },
  { header: 'Author ID', type: 'text', width: 38 },
  { header: 'Tags', type: 'text', width: 20 },
  { header: 'Channels', type: 'text', width: 24 },
  { header: 'Start', type: 'time', width: 24 },
  { header: 'End', type: 'time', width: 24 },
  { header: 'Value', type: 'number', width: 12 },
  { header: 'Value 2', type: 'number', width: 12 },
  { header: 'Body', type: 'text', width: 48 },
  { header: 'Comments', type: 'number', width: 10 },
  { header: 'Attachments', type: 'text', width: 28 },
  { header: 'Created', type: 'time', width: 24 },
  { header: 'Updated', type: 'time', width: 24 },
];

/** One annotation as a row of ANNOTATION_COLUMNS. */
export function annotationRow({ collection, annotation: a }: ExportedAnnotation, author: string) {
  const [start, end] = anchorSpan(a.anchor);
  return [
    text(collection.name),
    text(collection.id),
    text(a.id),
    text(a.kind),
    text(a.title),
    text(a.status),
    text(author),
    text(a.author),
    text(a.tags.join('; ')),
    text(a.anchor.channels.join('; ')),
    time(start),
    time(end),
    num(a.anchor.y),
    num(a.anchor.y2),
    text(a.body),
    num(a.comments.length),
    text(a.attachments.map((f) => f.name).join('; ')),
    time(a.createdAt),
    time(a.updatedAt),
  ] satisfies Cell[];
}

export const COMMENT_COLUMNS: Column[] = [
  { header: 'Collection ID', type: 'text', width: 38 },
  { header: 'Annotation ID', type: 'text', width: 38 },
  { header: 'Annotation', type: 'text', width: 28 },
  { header: 'Comment ID', type: 'text', width: 38 },
  { header: 'Reply to', type: 'text', width: 38 },
  { header: 'Author', type: 'text', width: 18 },
  { header: 'Author ID', type: 'text', width: 38 },
  { header: 'Comment', type: 'text', width: 60 },
  { header: 'Posted', type: 'time', width: 24 },
  { header: 'Edited', type: 'time', width: 24 },
  { header: 'Resolved', type: 'bool', width: 10 },
];

/** The comments of an annotation as rows of COMMENT_COLUMNS (thread order: by time). */
export async function commentRows(
  { collection, annotation: a }: ExportedAnnotation,
  nameOf: (id: string) => Promise<string>,
): Promise<Cell[][]> {
  const rows: Cell[][] = [];
  for (const c of a.comments) {
    rows.push([
      text(collection.id),
      text(a.id),
      text(a.title),
      text(c.id),
      text(c.parentId ?? ''),
      text(await nameOf(c.author)),
      text(c.author),
      text(c.body),
      time(c.ts),
      time(c.editedAt),
      { kind: 'bool', value: c.resolved },
    ]);
  }
  return rows;
}
