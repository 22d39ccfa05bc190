// A `.fieldbook` file into the server: merged into the workspace it was
// exported from, or made into a new workspace of the importer's tenant.
import { actorOrigin, kindOf, renameWorkspace } from '@fieldbook/crdt-model';
import {
  invalidFile,
  missingPart,
  readWorkspaceFile,
  type WorkspaceFileContents,
} from '@fieldbook/workspace-file';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FieldbookError } from '@fieldbook/shared';
import * as Y from 'yjs';
import { IMPORT_CLIENT } from '@fieldbook/crdt-model';
import type { BlobService } from '../../blobs/blobService';
import { sniffMimeType } from '../../blobs/sniff';
import type { DocKey, DocStore, UpdateEntry } from '../../storage/docStore';
import { scratchDir, storedState } from './workspaceFileStore';

/** The name refusals give an uploaded file. */
const UPLOAD_NAME = 'The uploaded file';

/** What an import did. */
export interface ImportSummary {
  documentsAdded: number;
  documentsMerged: number;
  documentsUnchanged: number;
  attachmentsAdded: number;
  attachmentsPresent: number;
}

/** Where an import goes and who makes it. */
export interface ImportTarget {
  tenantId: string;
  workspaceId: string;
  principalId: string;
  reloadLoaded(key: DocKey): void;
}

/**
 * Reads and validates an uploaded `.fieldbook` file as a whole (integrity,
 * checksum, format version); refused with WORKSPACE_FILE_INVALID.
 */
export function readUpload(bytes: Uint8Array): WorkspaceFileContents {
  const scratch = scratchDir();
  try {
    const path = join(scratch.dir, 'upload.fieldbook');
    writeFileSync(path, bytes);
    return readWorkspaceFile(path, UPLOAD_NAME);
  } finally {
    scratch.remove();
  }
}

/**
 * Merges an uploaded `.fieldbook` file into the workspace: the whole file is
 * validated first (see readUpload, and that it is this workspace's file),
 * then what each of the workspace's documents lacks is appended in one
 * transaction, as sync appends updates; a refused file changes nothing.
 */
export async function importWorkspace(
  store: DocStore,
  blobs: BlobService,
  bytes: Uint8Array,
  target: ImportTarget,
): Promise<ImportSummary> {
  const contents = readUpload(bytes);
  if (contents.manifest.workspaceId !== target.workspaceId) {
    throw invalidFile(UPLOAD_NAME, 'it is the file of another workspace', {
      fileWorkspaceId: contents.manifest.workspaceId,
    });
  }
  await checkQuota(blobs, target.tenantId, target.workspaceId, contents);
  return mergeContents(store, blobs, contents, target);
}

/**
 * The name a new workspace made from `contents` takes when none is given:
 * the one its index holds, else a plain one.
 */
export function fileWorkspaceName(contents: WorkspaceFileContents): string {
  const index = contents.documents.find((d) => d.id === contents.manifest.workspaceId);
  if (!index) return 'Imported workspace';
  const doc = new Y.Doc();
  Y.applyUpdate(doc, index.state);
  const name = doc.getMap('meta').get('name');
  return typeof name === 'string' && name.trim() ? name : 'Imported workspace';
}

/**
 * A validated file's documents as the first content of a new, empty
 * workspace (`target.workspaceId`): its index becomes that workspace's index
 * (renamed to `name`), every other document keeps its id. Call
 * `checkQuota` before making the workspace, so that only a storage failure
 * can stop this part way.
 */
export function importAsNewWorkspace(
  store: DocStore,
  blobs: BlobService,
  contents: WorkspaceFileContents,
  target: ImportTarget & { name: string },
): Promise<ImportSummary> {
  const from = contents.manifest.workspaceId;
  const documents = contents.documents.map((d) =>
    d.id === from
      ? { ...d, id: target.workspaceId, state: renamed(d.state, target.name, target.principalId) }
      : d,
  );
  return mergeContents(store, blobs, { ...contents, documents }, target);
}

/** An index state with the workspace's name set to `name` (unchanged when it holds no workspace yet). */
function renamed(state: Uint8Array, name: string, actor: string): Uint8Array {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  if (kindOf(doc) !== 'workspace' || doc.getMap('meta').get('name') === name) return state;
  const before = Y.encodeStateVector(doc);
  renameWorkspace(doc, { name }, actorOrigin(actor));
  return Y.mergeUpdates([state, Y.encodeStateAsUpdate(doc, before)]);
}

/**
 * Appends what each document of `target.workspaceId` lacks from `contents`
 * in one transaction. Documents open in a hub are reloaded so their clients
 * receive the merge; documents are keyed by workspace, so only this
 * workspace's documents are reached. Attachments it lacks are stored first
 * and referenced only after the documents are appended.
 */
async function mergeContents(
  store: DocStore,
  blobs: BlobService,
  contents: WorkspaceFileContents,
  target: ImportTarget,
): Promise<ImportSummary> {
  const { tenantId, workspaceId } = target;
  const missing = [];
  for (const att of contents.attachments)
    if (!(await blobs.index.find(tenantId, workspaceId, att.hash))) missing.push(att);
  const stored = [];
  for (const att of missing) {
    const blob = await blobs.store.write([att.bytes]);
    stored.push({ ...blob, mimeType: await sniffMimeType(blob.head) });
  }
  const known = new Map<string, Uint8Array>();
  for (const doc of contents.documents) {
    const state = await storedState(store, { workspaceId, docId: doc.id });
    if (state) known.set(doc.id, state);
  }
  const entries: UpdateEntry[] = [];
  const ts = Date.now();
  for (const doc of contents.documents) {
    const local = known.get(doc.id);
    const update = local ? missingPart(local, doc.state) : doc.state;
    if (update) {
      entries.push({
        workspaceId,
        docId: doc.id,
        update,
        actor: target.principalId,
        client: IMPORT_CLIENT,
        ts,
      });
    }
  }
  for (const entry of entries) {
    if (known.has(entry.docId)) continue;
    await store.ensureDocument({ tenantId, workspaceId, docId: entry.docId }, target.principalId);
  }
  if (entries.length > 0) await store.appendUpdates(entries);
  for (const blob of stored) {
    await blobs.index.add({
      tenantId,
      workspaceId,
      sha256: blob.sha256,
      size: blob.size,
      mimeType: blob.mimeType,
      createdBy: target.principalId,
      createdAt: ts,
    });
  }
  for (const entry of entries) target.reloadLoaded(entry);
  const added = entries.filter((e) => !known.has(e.docId)).length;
  return {
    documentsAdded: added,
    documentsMerged: entries.length - added,
    documentsUnchanged: contents.documents.length - entries.length,
    attachmentsAdded: stored.length,
    attachmentsPresent: contents.attachments.length - stored.length,
  };
}

/**
 * Refuses (QUOTA_EXCEEDED, nothing written) when the attachments of
 * `contents` the workspace lacks would pass the tenant's quota.
 */
export async function checkQuota(
  blobs: BlobService,
  tenantId: string,
  workspaceId: string | null,
  contents: WorkspaceFileContents,
): Promise<void> {
  let extra = 0;
  for (const att of contents.attachments) {
    if (workspaceId && (await blobs.index.find(tenantId, workspaceId, att.hash))) continue;
    if (!(await blobs.index.tenantHas(tenantId, att.hash))) extra += att.bytes.byteLength;
  }
  const usage = await blobs.index.tenantUsage(tenantId);
  if (extra > 0 && usage + extra > blobs.limits.tenantQuotaBytes) {
    throw new FieldbookError(
      'QUOTA_EXCEEDED',
      `The file's attachments would pass your organization's attachment storage of ${blobs.limits.tenantQuotaBytes} bytes. Nothing was changed.`,
      { quota: blobs.limits.tenantQuotaBytes, usage, incoming: extra },
    );
  }
}
