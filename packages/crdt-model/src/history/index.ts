// History of documents from their update logs: read any version (a
// Y.Snapshot of a `gc: false` history doc), summarise what each update did,
// diff two versions, and restore one as a forward change.

export type { DeleteSet, YType } from './snapshots';
export { advanceSnapshot, mapValueAt, newHistoryDoc, visibleRuns } from './snapshots';
export type { KindSnapshot } from './snapshotView';
export { MapAt, TextAt, docAt, kindAt, readKindAt, textAt } from './snapshotView';
export type { ItemChange } from './changes';
export { changesOf, deletedAlready, locate } from './changes';
export { headingAbove } from './headings';
export { SummaryBuilder } from './summary';
export type { VersionDiffOptions } from './diff';
export { diffSnapshots, diffVersions, textRuns } from './diff';
export type { TimelineEntry, TimelinePoint } from './timeline';
export { AnnotationTimeline } from './timeline';
export type { RestoreInput } from './restore';
export { restoreVersion } from './restore';
export type { GroupedEntry, LoggedMeta, LoggedRow } from './entries';
export {
  ENTRY_GAP_MS,
  ENTRY_SPAN_MS,
  IMPORT_CLIENT,
  OpenEntry,
  continuesEntry,
  entryKindOf,
  serverClient,
} from './entries';
