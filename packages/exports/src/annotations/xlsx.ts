import { once } from 'node:events';
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { ExportContext, ExportSource } from '../source';
import { filteredAnnotations, nameCache } from './annotationStream';
import {
  ANNOTATION_COLUMNS,
  COMMENT_COLUMNS,
  annotationRow,
  commentRows,
  type Cell,
  type Column,
} from './rows';

const TIME_FORMAT = 'yyyy-mm-dd hh:mm:ss.000';

const cellValue = (cell: Cell): string | number | boolean | Date | null => {
  if (cell.kind === 'time') return cell.value === null ? null : new Date(cell.value);
  return cell.value;
};

/** Adds a sheet with a bold, frozen header row; time columns show dates (UTC). */
function addSheet(book: ExcelJS.stream.xlsx.WorkbookWriter, name: string, columns: Column[]) {
  const sheet = book.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c, i) => ({
    header: c.type === 'time' ? `${c.header} (UTC)` : c.header,
    key: String(i),
    width: c.width,
    ...(c.type === 'time' ? { style: { numFmt: TIME_FORMAT } } : {}),
  }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.commit();
  return sheet;
}

/** A stream of readable-stream 2 (archiver's), which predates `writableNeedDrain`. */
interface LegacyWritable extends NodeJS.EventEmitter {
  _writableState?: { needDrain?: boolean };
}

/**
 * Waits until the ZIP writer has taken in a sheet's XML so far and the
 * output is not backed up. exceljs hands each committed row's XML to the ZIP
 * entry of its sheet without heeding that entry's backpressure, so rows
 * written faster than they are compressed pile up uncompressed in memory
 * (75 MiB for 100,000 rows); the entry's input is the only place that shows it.
 */
async function keepPace(sheet: ExcelJS.Worksheet, out: Writable): Promise<void> {
  const entry = (sheet as unknown as { stream?: { pipes?: LegacyWritable[] } }).stream?.pipes?.[0];
  if (entry?._writableState?.needDrain) await once(entry, 'drain');
  if (out.writableNeedDrain) await once(out, 'drain');
}

/**
 * Writes the filtered annotations as an XLSX workbook through exceljs's
 * streaming writer: an "Annotations" sheet (one row per annotation) and a
 * "Comments" sheet (one row per comment), typed cells (numbers as numbers,
 * times as dates), frozen header rows. Rows are committed as they are
 * written; the comments are a second pass over the workspace, since a
 * streamed workbook writes its sheets one after the other. `out` is ended.
 */
export async function writeAnnotationsXlsx(
  source: ExportSource,
  ctx: ExportContext,
  out: Writable,
): Promise<void> {
  const finished = new Promise<void>((resolve, reject) => {
    out.on('finish', resolve);
    out.on('error', reject);
  });
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  book.creator = ctx.exportedBy;
  book.created = new Date(ctx.exportedAt);
  const nameOf = nameCache(source);
  const annotations = addSheet(book, 'Annotations', ANNOTATION_COLUMNS);
  let n = 0;
  for await (const item of filteredAnnotations(source, ctx.filter, ctx.signal)) {
    annotations
      .addRow(annotationRow(item, await nameOf(item.annotation.author)).map(cellValue))
      .commit();
    if (++n % 200 === 0) await keepPace(annotations, out);
  }
  annotations.commit();
  const comments = addSheet(book, 'Comments', COMMENT_COLUMNS);
  for await (const item of filteredAnnotations(source, ctx.filter, ctx.signal)) {
    for (const row of await commentRows(item, nameOf)) comments.addRow(row.map(cellValue)).commit();
    if (++n % 200 === 0) await keepPace(comments, out);
  }
  comments.commit();
  await book.commit();
  await finished;
}
