// The server side of workspace files: a workspace's documents out of the
// DocStore into a `.fieldbook` file (imports: workspaceFileImport.ts).
import { writeWorkspaceFile, type Manifest } from '@fieldbook/workspace-file';
import { createReadStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buffer } from 'node:stream/consumers';
import * as Y from 'yjs';
import type { BlobService } from '../../blobs/blobService';
import type { DocKey, DocStore } from '../../storage/docStore';

/** A scratch directory for one file, and its removal. */
export function scratchDir(): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'fieldbook-wsfile-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The durable merged state of a document, or null when the store has never had an update of it. */
export async function storedState(store: DocStore, key: DocKey): Promise<Uint8Array | null> {
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
