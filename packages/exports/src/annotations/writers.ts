import type { Writable } from 'node:stream';
import type { ExportContext, ExportSource } from '../source';
import type { CsvPart } from './csv';

/** The formats of the annotation export. */
export type AnnotationFormat = 'json' | 'csv' | 'xlsx' | 'pdf';

/** Writes the filtered annotations of `source` to `out` in one format (`part` is CSV's only). */
export type AnnotationWriter = (
  source: ExportSource,
  ctx: ExportContext,
  out: Writable,
  part?: CsvPart,
) => Promise<void>;

/**
 * The writer of one format, its module loaded on first use: importing every
 * writer (exceljs, pdfkit, the chart canvas) costs a server about 67 MiB of
 * RSS, none of which a CSV export needs, and exceljs alone is 26 MiB.
 */
export async function annotationWriter(format: AnnotationFormat): Promise<AnnotationWriter> {
  switch (format) {
    case 'csv':
      return (await import('./csv')).writeAnnotationsCsv;
    case 'xlsx':
      return (await import('./xlsx')).writeAnnotationsXlsx;
    case 'pdf':
      return (await import('../pdf/report')).writeAnnotationsPdf;
    default:
      return (await import('./json')).writeAnnotationsJson;
  }
}
