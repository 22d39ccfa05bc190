// @fieldbook/workspace-file: the `.fieldbook` workspace file (Node only), one
// implementation for the desktop app and the sync server: its manifest and
// checksum, the writer (temp file and rename) and the reader that validates
// everything before an importer merges anything.

export {
  ContentHasher,
  ManifestSchema,
  WORKSPACE_FILE_APP_ID,
  WORKSPACE_FILE_EXTENSION,
  WORKSPACE_FILE_FORMAT_VERSION,
  invalidFile,
  type FileAttachment,
  type FileDocument,
  type Manifest,
  type ProgressCallback,
  type WorkspaceFileProgress,
} from './format';
export { missingPart } from './mergeState';
export { readWorkspaceFile, type WorkspaceFileContents } from './readWorkspaceFile';
export { writeWorkspaceFile, type WorkspaceSource, type WriteRequest } from './writeWorkspaceFile';
