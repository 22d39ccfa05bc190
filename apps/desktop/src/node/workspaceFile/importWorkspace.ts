import { FieldbookError } from '@fieldbook/shared';
import { missingPart, readWorkspaceFile, type ProgressCallback } from '@fieldbook/workspace-file';
import type { LocalDocStore, UpdateToAppend } from '../../common/localStore/localDocStore';

/** What an import did. */
export interface ImportResult {
  readonly workspaceId: string;
  /** True when the workspace did not exist in the store before. */
  readonly created: boolean;
  /** Documents the store did not have. */
  readonly documentsAdded: number;
  /** Known documents that gained changes from the file. */
  readonly documentsMerged: number;
  /** Known documents the file had nothing new for. */
  readonly documentsUnchanged: number;
  readonly attachmentsAdded: number;
}

/**
 * Imports a `.fieldbook` file into the store: the workspace it carries is
 * merged into the local copy of that workspace, or created when the store has
 * none. Every document is a CRDT merge (never a replacement), so two copies
 * edited apart and swapped both ways converge, and importing the same file
 * twice changes nothing. The file is checked completely before anything is
 * written and all documents are appended in one transaction: a refused file
 * leaves the store exactly as it was. Merged changes go to the outbox, so the
 * server learns them at the next sync.
 */
export async function importWorkspaceFile(
  store: LocalDocStore,
  path: string,
  onProgress: ProgressCallback = () => undefined,
): Promise<ImportResult> {
  const { manifest, documents, attachments } = readWorkspaceFile(path);
  const { workspaceId } = manifest;
  const known = new Map((await store.listDocs()).map((d) => [d.docId, d.workspaceId]));
  const elsewhere = documents.filter((d) => known.has(d.id) && known.get(d.id) !== workspaceId);
  if (elsewhere.length > 0) {
    throw new FieldbookError(
      'CONFLICT',
      `The file's documents already belong to another workspace here. Nothing was changed.`,
      { docIds: elsewhere.map((d) => d.id) },
    );
  }
  const created = !(await store.listWorkspaces()).includes(workspaceId);
  const appends: UpdateToAppend[] = [];
  let added = 0;
  let unchanged = 0;
  for (const [i, doc] of documents.entries()) {
    const local = known.has(doc.id) ? await store.loadDoc(doc.id) : null;
    const update = local ? missingPart(local.state, doc.state) : doc.state;
    if (!local) added++;
    if (update) appends.push({ docId: doc.id, workspaceId, update, source: 'local' });
    else unchanged++;
    onProgress({ phase: 'documents', done: i + 1, total: documents.length });
  }
  if (appends.length > 0) await store.appendUpdates(appends);
  const before = new Set(await store.listAttachments(workspaceId));
  for (const [i, att] of attachments.entries()) {
    await store.putAttachment(workspaceId, att.bytes, att.mimeType);
    onProgress({ phase: 'attachments', done: i + 1, total: attachments.length });
  }
  onProgress({ phase: 'finishing', done: 1, total: 1 });
  return {
    workspaceId,
    created,
    documentsAdded: added,
    documentsMerged: documents.length - added - unchanged,
    documentsUnchanged: unchanged,
    attachmentsAdded: attachments.filter((a) => !before.has(a.hash)).length,
  };
}
