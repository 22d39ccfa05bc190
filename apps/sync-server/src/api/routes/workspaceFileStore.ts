// The server side of workspace files: a workspace's documents out of the
// DocStore into a `.fieldbook` file, and a file merged back in as new updates.
import {
  invalidFile,
  missingPart,
  readWorkspaceFile,
  writeWorkspaceFile,
  type Manifest,
} from '@fieldbook/workspace-file';
import { createReadStream, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FieldbookError } from '@fieldbook/shared';
import { buffer } from 'node:stream/consumers';
import * as Y from 'yjs';
import { IMPORT_CLIENT } from '../../audit/auditedDocStore';
import type { BlobService } from '../../blobs/blobService';
import { sniffMimeType } from '../../blobs/sniff';
import type { DocKey, DocStore, UpdateEntry } from '../../storage/docStore';

/** The name refusals give an uploaded file. */
const UPLOAD_NAME = 'The uploaded file';

function scratchDir(): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'fieldbook-wsfile-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The durable merged state of a document, or null when the store has never had an update of it. */
async function storedState(store: DocStore, key: DocKey): Promise<Uint8Array | null> {
  const { snapshot, updates } = await store.load(key);
  if (!snapshot && updates.length === 0) return null;
  return Y.mergeUpdates([...(snapshot ? [snapshot.state] : []), ...updates.map((u) => u.update)]);
}

/** The ids listed in a workspace index state (its `documents` map). */
function listedIds(indexState: Uint8Array | null): string[] {
  if (!indexState) return [];
  const doc = new Y.Doc();
  Y.applyUpdate(doc, indexState);
  return [...doc.getMap('documents').keys()];
}

/** A written export, to stream once and then remove. */
export interface ExportedFile {
  manifest: Manifest;
  size: number;
  open(): NodeJS.ReadableStream;
  remove(): void;
}

/**
 * Writes the workspace's documents to a `.fieldbook` file in a scratch
 * directory: its index document (id = workspace id; empty when never synced)
 * and every document the index lists that the store holds in this workspace,
 * each as its durable merged state, and every attachment the workspace
 * references, with its bytes.
 */
export async function exportWorkspace(
  store: DocStore,
  blobs: BlobService,
  target: { tenantId: string; workspaceId: string; exportedBy: string },
): Promise<ExportedFile> {
  const { workspaceId, tenantId } = target;
  const refs = new Map(
    (await blobs.index.listWorkspace(tenantId, workspaceId)).map((r) => [r.sha256, r]),
  );
  const states = new Map<string, Uint8Array>();
  const index = await storedState(store, { workspaceId, docId: workspaceId });
  states.set(workspaceId, index ?? Y.encodeStateAsUpdate(new Y.Doc()));
  for (const id of listedIds(index)) {
    if (states.has(id)) continue;
    const state = await storedState(store, { workspaceId, docId: id });
    if (state) states.set(id, state);
  }
  const scratch = scratchDir();
  try {
    const path = join(scratch.dir, 'export.fieldbook');
    const manifest = await writeWorkspaceFile(
      {
        documentIds: async () => [...states.keys()],
        documentState: async (id) => states.get(id) ?? null,
        attachmentHashes: async () => [...refs.keys()],
        attachment: async (hash) => {
          const found = await blobs.open(tenantId, workspaceId, hash);
          if (!found) return null;
          return { hash, mimeType: found.ref.mimeType, bytes: await buffer(found.stream) };
        },
      },
      { workspaceId, exportedBy: target.exportedBy.slice(0, 200), path },
    );
    return {
      manifest,
      size: statSync(path).size,
      open: () => createReadStream(path),
      remove: scratch.remove,
    };
  } catch (err) {
    scratch.remove();
    throw err;
  }
}

/** What an import did. */
export interface ImportSummary {
  documentsAdded: number;
  documentsMerged: number;
  documentsUnchanged: number;
  attachmentsAdded: number;
  attachmentsPresent: number;
}

/**
 * Merges an uploaded `.fieldbook` file into the workspace: the whole file is
 * validated first (integrity, checksum, format version, that it is this
 * workspace's file), then what each of the workspace's documents lacks is
 * appended in one transaction, as sync appends updates; a refused file
 * changes nothing. Documents open in a hub are reloaded so their clients
 * receive the merge. Documents are keyed by workspace, so a file can only
 * ever reach this workspace's documents. Attachments the workspace lacks are
 * stored first (checked against the tenant quota before anything is
 * written) and referenced only after the documents are appended.
 */
export async function importWorkspace(
  store: DocStore,
  blobs: BlobService,
  bytes: Uint8Array,
  target: {
    tenantId: string;
    workspaceId: string;
    principalId: string;
    reloadLoaded(key: DocKey): void;
  },
): Promise<ImportSummary> {
  const { tenantId, workspaceId } = target;
  const scratch = scratchDir();
  let contents: ReturnType<typeof readWorkspaceFile>;
  try {
    const path = join(scratch.dir, 'upload.fieldbook');
    writeFileSync(path, bytes);
    contents = readWorkspaceFile(path, UPLOAD_NAME);
  } finally {
    scratch.remove();
  }
  if (contents.manifest.workspaceId !== workspaceId) {
    throw invalidFile(UPLOAD_NAME, 'it is the file of another workspace', {
      fileWorkspaceId: contents.manifest.workspaceId,
    });
  }
  const missing = [];
  for (const att of contents.attachments)
    if (!(await blobs.index.find(tenantId, workspaceId, att.hash))) missing.push(att);
  await checkQuota(blobs, tenantId, missing);
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

/** Refuses (QUOTA_EXCEEDED, nothing written) when the file's new attachments would pass the tenant's quota. */
async function checkQuota(
  blobs: BlobService,
  tenantId: string,
  incoming: { hash: string; bytes: Uint8Array }[],
) {
  let extra = 0;
  for (const att of incoming)
    if (!(await blobs.index.tenantHas(tenantId, att.hash))) extra += att.bytes.byteLength;
  const usage = await blobs.index.tenantUsage(tenantId);
  if (extra > 0 && usage + extra > blobs.limits.tenantQuotaBytes) {
    throw new FieldbookError(
      'QUOTA_EXCEEDED',
      `The file's attachments would pass your organization's attachment storage of ${blobs.limits.tenantQuotaBytes} bytes. Nothing was changed.`,
      { quota: blobs.limits.tenantQuotaBytes, usage, incoming: extra },
    );
  }
}
