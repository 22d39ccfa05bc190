import * as Y from 'yjs';
import {
  documentDigest,
  kindOf,
  readDocumentEntry,
  readWorkspaceIndex,
  type DocDigest,
} from '@fieldbook/crdt-model';
import { FieldbookError, type DocKind, type DocumentEntry } from '@fieldbook/shared';
import type { DocKey, DocStore, DocumentRef } from '../storage/docStore';

/** A document as the documents API lists it. */
export interface DocumentInfo {
  id: string;
  /** Null while the document holds nothing yet (created, never edited). */
  kind: DocKind | null;
  title: string;
  createdBy: string;
  createdAt: number;
  updatedAt: number;
  /** Bytes stored: latest snapshot plus the updates after it. */
  size: number;
  trashed: boolean;
  trashedAt: number | null;
}

/** Where the listing reads documents: the store, and the hub's live doc when one is open. */
export interface ListingDeps {
  store: DocStore;
  liveDoc: (key: DocKey) => Y.Doc | null;
}

/** A document's state: the live doc of its hub, else built from the store (null when never stored). */
export async function stateOf(deps: ListingDeps, key: DocKey): Promise<Y.Doc | null> {
  const live = deps.liveDoc(key);
  if (live) return live;
  const { snapshot, updates } = await deps.store.load(key);
  if (!snapshot && updates.length === 0) return null;
  const doc = new Y.Doc();
  Y.transact(doc, () => {
    if (snapshot) Y.applyUpdate(doc, snapshot.state);
    for (const u of updates) Y.applyUpdate(doc, u.update);
  });
  return doc;
}

/** What a listing row is made from: an index entry, or the same fields read elsewhere. */
type Listed = Pick<
  DocumentEntry,
  'id' | 'title' | 'createdBy' | 'createdAt' | 'updatedAt' | 'trashedAt'
> & {
  kind: DocKind | null;
};

async function infoOf(deps: ListingDeps, key: DocKey, entry: Listed): Promise<DocumentInfo> {
  const footprint = await deps.store.footprint(key);
  return {
    id: entry.id,
    kind: entry.kind,
    title: entry.title,
    createdBy: entry.createdBy,
    createdAt: entry.createdAt,
    updatedAt: Math.max(entry.updatedAt, footprint.lastTs ?? 0),
    size: footprint.bytes,
    trashed: entry.trashedAt !== null,
    trashedAt: entry.trashedAt,
  };
}

/**
 * The documents of a workspace as its index lists them (oldest first), a
 * page after document `after`, with each one's stored size and last change.
 */
export async function listDocuments(
  deps: ListingDeps,
  workspaceId: string,
  page: { after?: string; limit: number },
): Promise<{ items: DocumentInfo[]; next: string | null }> {
  const index = await stateOf(deps, { workspaceId, docId: workspaceId });
  const entries = index ? readWorkspaceIndex(index).documents : [];
  const start = page.after ? entries.findIndex((e) => e.id === page.after) + 1 : 0;
  const slice = entries.slice(start, start + page.limit);
  const items = await Promise.all(slice.map((e) => infoOf(deps, { workspaceId, docId: e.id }, e)));
  const more = start + page.limit < entries.length;
  return { items, next: more ? slice.at(-1)!.id : null };
}

function notFound(): FieldbookError {
  return new FieldbookError('RESOURCE_NOT_FOUND', 'Document not found');
}

/**
 * One document's digest, for a client verifying that its copy is identical:
 * computed from the live doc of its hub when one is open (what clients sync
 * against), else from the store. RESOURCE_NOT_FOUND as in describeDocument.
 */
export async function digestDocument(deps: ListingDeps, ref: DocumentRef): Promise<DocDigest> {
  const record = await deps.store.findDocument(ref);
  if (!record || record.tenantId !== ref.tenantId) throw notFound();
  return documentDigest((await stateOf(deps, ref)) ?? new Y.Doc());
}

/**
 * One document's metadata: its index entry when listed, else what the store
 * and the document itself say. RESOURCE_NOT_FOUND when it does not exist in
 * the tenant (another tenant's id answers the same as a random one).
 */
export async function describeDocument(deps: ListingDeps, ref: DocumentRef): Promise<DocumentInfo> {
  const record = await deps.store.findDocument(ref);
  if (!record || record.tenantId !== ref.tenantId) throw notFound();
  const index = await stateOf(deps, { workspaceId: ref.workspaceId, docId: ref.workspaceId });
  const listed = index ? readDocumentEntry(index, ref.docId) : null;
  if (listed) return infoOf(deps, ref, listed);
  const doc = ref.docId === ref.workspaceId ? index : await stateOf(deps, ref);
  const kind = doc ? kindOf(doc) : null;
  const title = doc
    ? String(doc.getMap('meta').get(kind === 'note' || kind === 'view' ? 'title' : 'name') ?? '')
    : '';
  return infoOf(deps, ref, {
    id: ref.docId,
    kind,
    title,
    createdBy: record.createdBy,
    createdAt: record.createdAt,
    updatedAt: record.createdAt,
    trashedAt: null,
  });
}
