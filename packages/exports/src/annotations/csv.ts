import type { Writable } from 'node:stream';
import { stringify } from 'csv-stringify';
import type { ExportContext, ExportSource } from '../source';
import { iso, writeChunk } from '../streams';
import { filteredAnnotations, nameCache } from './annotationStream';
import { ANNOTATION_COLUMNS, COMMENT_COLUMNS, annotationRow, commentRows, type Cell } from './rows';

/** Which file of the CSV export: the annotations, or their comments. */
export type CsvPart = 'annotations' | 'comments';

const cellText = (cell: Cell): string => {
  switch (cell.kind) {
    case 'time':
      return iso(cell.value);
    case 'number':
      return cell.value === null ? '' : String(cell.value);
    case 'bool':
      return cell.value ? 'true' : 'false';
    default:
      return cell.value;
  }
};

/**
 * Writes the filtered annotations (or their comments, one row per comment)
 * as RFC 4180 CSV: UTF-8 with a byte-order mark so spreadsheet apps read the
 * encoding right, CRLF line ends, a header row, times in ISO 8601 UTC.
 * Streams row by row with backpressure; `out` is ended when done.
 */
export async function writeAnnotationsCsv(
  source: ExportSource,
  ctx: ExportContext,
  out: Writable,
  part: CsvPart = 'annotations',
): Promise<void> {
  const columns = part === 'annotations' ? ANNOTATION_COLUMNS : COMMENT_COLUMNS;
  const csv = stringify({ bom: true, record_delimiter: 'windows', quoted_string: false });
  const piped = new Promise<void>((resolve, reject) => {
    csv.on('error', reject);
    out.on('error', reject);
    out.on('finish', resolve);
  });
  csv.pipe(out);
  const nameOf = nameCache(source);
  const put = (cells: string[]) => writeChunk(csv, cells);
  await put(columns.map((c) => c.header));
  for await (const item of filteredAnnotations(source, ctx.filter, ctx.signal)) {
    if (part === 'annotations') {
      await put(annotationRow(item, await nameOf(item.annotation.author)).map(cellText));
    } else {
      for (const row of await commentRows(item, nameOf)) await put(row.map(cellText));
    }
  }
  csv.end();
  await piped;
}
