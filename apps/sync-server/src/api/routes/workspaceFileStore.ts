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
import * as Y from 'yjs';
import { IMPORT_CLIENT } from '../../audit/auditedDocStore';
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
 * each as its durable merged state.
 */
export async function exportWorkspace(
  store: DocStore,
  target: { workspaceId: string; exportedBy: string },
): Promise<ExportedFile> {
  const { workspaceId } = target;
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
        attachmentHashes: async () => [],
        attachment: async () => null,
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
  attachmentsSkipped: number;
}

/**
 * Merges an uploaded `.fieldbook` file into the workspace: the whole file is
 * validated first (integrity, checksum, format version, that it is this
 * workspace's file), then what each of the workspace's documents lacks is
 * appended in one transaction, as sync appends updates; a refused file
 * changes nothing. Documents open in a hub are reloaded so their clients
 * receive the merge. Documents are keyed by workspace, so a file can only
 * ever reach this workspace's documents.
 */
export async function importWorkspace(
  store: DocStore,
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
  for (const entry of entries) target.reloadLoaded(entry);
  const added = entries.filter((e) => !known.has(e.docId)).length;
  return {
    documentsAdded: added,
    documentsMerged: entries.length - added,
    documentsUnchanged: contents.documents.length - entries.length,
    attachmentsSkipped: contents.attachments.length,
  };
}
