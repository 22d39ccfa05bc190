import {
  writeWorkspaceFile,
  type Manifest,
  type WorkspaceSource,
  type WriteRequest,
} from '@fieldbook/workspace-file';
import type { LocalDocStore } from '../../common/localStore/localDocStore';

/** What to export, by whom, and where. */
export type ExportRequest = WriteRequest;

/** The workspace `workspaceId` of a local store, as the file writer reads it. */
function localSource(store: LocalDocStore, workspaceId: string): WorkspaceSource {
  return {
    documentIds: async () => (await store.listDocs(workspaceId)).map((d) => d.docId),
    documentState: async (id) => (await store.loadDoc(id))?.state ?? null,
    attachmentHashes: () => store.listAttachments(workspaceId),
    attachment: (hash) => store.getAttachment(hash),
  };
}

/**
 * Writes the workspace's documents (each one's merged state) and attachments
 * from the local store to a `.fieldbook` file at `path`, atomically (a failed
 * export leaves no file and an older file as it was). Returns the manifest.
 */
export async function exportWorkspaceFile(
  store: LocalDocStore,
  request: ExportRequest,
): Promise<Manifest> {
  return writeWorkspaceFile(localSource(store, request.workspaceId), request);
}
