// @fieldbook/crdt-model: the Yjs schemas of Fieldbook's four document kinds
// and the only code that mutates them. Every mutation is one
// `doc.transact(fn, origin)`; readers return plain snapshots that parse with
// the schemas of @fieldbook/shared.

export type { ModelOrigin } from './origin';
export { actorOf, actorOrigin } from './origin';
export { SCHEMA_VERSION, kindOf, schemaVersionOf } from './schemaVersion';
export type { Migration, MigrationResult } from './migrations';
export { MigrationRegistry, migrate, migrations } from './migrations';
export type { Ordered } from './fractionalIndex';
export { byOrder, isOrderKey, keyBetween, keyForIndex } from './fractionalIndex';
export { MAX_TAGS } from './sets';

// workspace index
export * from './workspaceIndex/documents';
export * from './workspaceIndex/folders';
export { readDocumentEntry, readWorkspaceIndex } from './workspaceIndex/reader';
export * from './workspaceIndex/lifecycle';
export { readDocumentActivity, type DocumentActivity } from './workspaceIndex/activity';

// note
export { noteBody } from './note/structure';
export * from './note/mutations';
export { collectBacklinks, noteLinks, notePlainText, readNote } from './note/reader';

// annotation collection
export * from './annotations/inputs';
export * from './annotations/mutations';
export * from './annotations/comments';
export * from './annotations/approval';
export { annotationIds, readAnnotation, readAnnotationCollection } from './annotations/reader';
export type { OverlapQuery } from './annotations/overlapIndex';
export { AnnotationIndex, OverlapQuerySchema } from './annotations/overlapIndex';

// telemetry view
export * from './view/panels';
export * from './view/channels';
export { readTelemetryView } from './view/reader';

// history: versions, summaries, diffs and restore from update logs
export * from './history/index';

// search
export type { SearchEntry } from './search/searchEntries';
export {
  annotationIdsOf,
  annotationSearchEntries,
  noteSearchEntry,
  searchEntriesOf,
} from './search/searchEntries';
export { touchedKeys } from './search/touchedKeys';
export type { SavedSearch } from './workspaceIndex/savedSearches';
export {
  SaveSearchInputSchema,
  deleteSavedSearch,
  readSavedSearches,
  saveSearch,
} from './workspaceIndex/savedSearches';

// authorization of updates by what they change
export type { CheckOptions, CheckResult, DocChange, WriteActor } from './authorize/types';
export { UpdateChecker, checkUpdate, refusalReason } from './authorize/updateChecker';
export { MAX_CLOCK_AHEAD_MS, MAX_OFFLINE_AGE_MS } from './authorize/timeRule';
export { malformedButDecodableUpdate } from './authorize/malformedUpdate';

// verifying a copy against the server
export { canonicalState, documentDigest, type DocDigest } from './digest';
