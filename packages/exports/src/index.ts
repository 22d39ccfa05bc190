// @fieldbook/exports: records out of Fieldbook (Node only), for the sync
// server's export routes and the desktop app alike. Every writer streams to a
// Writable and reads documents one at a time from an ExportSource.

export type { ChainHead, ExportContext, ExportSource } from './source';
export {
  collectionsOf,
  filteredAnnotations,
  type ExportedAnnotation,
} from './annotations/annotationStream';
export { ANNOTATIONS_JSON_FORMAT, writeAnnotationsJson } from './annotations/json';
export { writeAnnotationsCsv, type CsvPart } from './annotations/csv';
export { writeAnnotationsXlsx } from './annotations/xlsx';
export { writeAnnotationsPdf } from './pdf/report';
export { renderAnnotationChart, chartWindow } from './pdf/chart';
export {
  exportNoteMarkdown,
  writeNoteBundle,
  writeNotesZip,
  type NoteMarkdown,
} from './notes/markdownExport';
export { safeName } from './notes/paths';
export { ELN_MEDIA_TYPE, writeEln, type ElnSource, type RunRecord } from './eln/elnExport';
export { RO_CRATE_CONTEXT, RO_CRATE_SPEC, slug } from './eln/crate';
