import {
  addAnnotationAttachment,
  addNoteAttachment,
  editNoteText,
  readNote,
  type ModelOrigin,
} from '@fieldbook/crdt-model';
import {
  FieldbookError,
  attachmentMarkdown,
  isFieldbookError,
  type Attachment,
} from '@fieldbook/shared';
import type * as Y from 'yjs';
import type { AttachmentStore, KeptFile } from '../../common/localStore/attachmentStore';
import { download, upload, type FilesSource } from './transfer';

/**
 * Where attachments go: this device's store (IndexedDB in a browser, main's
 * SQLite on the desktop), the open workspace, its server (none offline-only),
 * who attaches.
 */
export interface AttachmentContext {
  readonly store: AttachmentStore;
  readonly workspaceId: string;
  readonly source: FilesSource | null;
  readonly origin: ModelOrigin;
}

/** Where one attachment stands on its way to the server. */
export type UploadState =
  | { readonly state: 'waiting' }
  | { readonly state: 'uploading'; readonly fraction: number }
  | { readonly state: 'uploaded' }
  | { readonly state: 'failed'; readonly message: string };

let context: AttachmentContext | null = null;
const uploads = new Map<string, UploadState>();
const listeners = new Set<() => void>();
const urls = new Map<string, Promise<string>>();
let uploading: Promise<void> | null = null;
let uploadAgain = false;

function setUpload(hash: string, state: UploadState): void {
  uploads.set(hash, state);
  for (const l of listeners) l();
}

/** Sets who attaches where (the shell calls it when the session or workspace changes); uploads what waits. */
export function setAttachmentContext(next: AttachmentContext | null): void {
  context = next;
  urls.clear();
  void uploadPending();
}

/** The upload state of an attachment, as far as this device knows (null: not attached here). */
export function uploadStateOf(hash: string): UploadState | null {
  return uploads.get(hash) ?? null;
}

/** Calls `listener` whenever an upload state changes; returns the unsubscribe. */
export function onUploadChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * Keeps files on this device at once (so they work offline) and queues them
 * for upload; returns their attachment records, for a note or an annotation.
 */
async function keepFiles(files: readonly File[]): Promise<Attachment[]> {
  const ctx = context;
  if (!ctx) throw new FieldbookError('MODEL_INVALID_OPERATION', 'Open a workspace first');
  const kept: Attachment[] = [];
  for (const file of files) {
    const record = await ctx.store.keepFile({
      workspaceId: ctx.workspaceId,
      bytes: new Uint8Array(await file.arrayBuffer()),
      name: file.name || 'pasted file',
      mimeType: mimeTypeOf(file.type),
      uploaded: false,
    });
    const { hash, name, mimeType, size } = record;
    if (!record.uploaded) setUpload(hash, { state: 'waiting' });
    kept.push({ hash, name, mimeType, size });
  }
  return kept;
}

/**
 * Attaches files to a note: each is kept on this device at once (so it works
 * offline), recorded in the note's attachments, and uploaded when the server
 * can be reached. Returns the Markdown that shows them, one per line.
 */
export async function attachFiles(doc: Y.Doc, files: readonly File[]): Promise<string> {
  const kept = await keepFiles(files);
  for (const meta of kept) addNoteAttachment(doc, meta, context!.origin);
  void uploadPending();
  return kept.map(attachmentMarkdown).join('\n');
}

/**
 * Attaches files to an annotation of a collection `doc`, the way notes keep
 * theirs: on this device at once, in the annotation's attachments, uploaded
 * to the same blob store when online.
 */
export async function attachToAnnotation(
  doc: Y.Doc,
  annotationId: string,
  files: readonly File[],
): Promise<void> {
  const kept = await keepFiles(files);
  for (const attachment of kept) {
    addAnnotationAttachment(doc, { id: annotationId, attachment }, context!.origin);
  }
  void uploadPending();
}

/** Attaches files (as attachFiles) and shows them at the end of the note. */
export async function appendAttachments(doc: Y.Doc, files: readonly File[]): Promise<void> {
  const markdown = await attachFiles(doc, files);
  const text = readNote(doc).text;
  const gap = text === '' || text.endsWith('\n') ? '' : '\n';
  editNoteText(doc, { index: text.length, insert: `${gap}${markdown}\n` }, context!.origin);
}

/** A file's type without parameters ("text/csv; charset=utf-8" → "text/csv"), or octet-stream. */
function mimeTypeOf(type: string): string {
  const base = type.split(';')[0]!.trim().toLowerCase();
  return /^[\w.+-]+\/[\w.+-]+$/.test(base) ? base : 'application/octet-stream';
}

function blobOf(file: KeptFile): Blob {
  return new Blob([file.bytes as Uint8Array<ArrayBuffer>], { type: file.mimeType });
}

/**
 * Uploads every file kept here that the server does not have yet, one at a
 * time. Called while a round is running, it asks for another round after it:
 * a file kept meanwhile (a paste right after a drop) was not in the list the
 * running round read.
 */
export function uploadPending(): Promise<void> {
  if (uploading) {
    uploadAgain = true;
    return uploading;
  }
  uploading = (async () => {
    do {
      uploadAgain = false;
      if (!(await uploadRound())) return;
    } while (uploadAgain);
  })().finally(() => (uploading = null));
  return uploading;
}

/** One pass over the files waiting for upload; false when the server cannot be reached. */
async function uploadRound(): Promise<boolean> {
  const ctx = context;
  if (!ctx?.source) return false;
  for (const a of await ctx.store.pendingUploads()) {
    try {
      setUpload(a.hash, { state: 'uploading', fraction: 0 });
      await upload(
        ctx.source,
        'POST',
        `/workspaces/${ctx.source.workspaceId}/blobs?sha256=${a.hash}`,
        blobOf((await ctx.store.keptFile(a.hash))!),
        (p) => setUpload(a.hash, { state: 'uploading', fraction: p.total ? p.done / p.total : 0 }),
      );
      await ctx.store.markUploaded(a.hash);
      setUpload(a.hash, { state: 'uploaded' });
    } catch (err) {
      setUpload(a.hash, {
        state: 'failed',
        message: isFieldbookError(err) ? err.message : 'The upload failed',
      });
      if (isFieldbookError(err) && err.code === 'SERVICE_UNAVAILABLE') return false;
    }
  }
  return true;
}

/**
 * The attachment's bytes from this device, or downloaded from the server
 * once and kept for offline use.
 */
export async function attachmentBlob(hash: string): Promise<Blob> {
  const ctx = context;
  if (!ctx) throw new FieldbookError('MODEL_INVALID_OPERATION', 'Open a workspace first');
  const kept = await ctx.store.keptFile(hash);
  if (kept) return blobOf(kept);
  if (!ctx.source)
    throw new FieldbookError('SERVICE_UNAVAILABLE', 'This file is not on this device yet');
  const { blob } = await download(
    ctx.source,
    `/workspaces/${ctx.source.workspaceId}/blobs/${hash}`,
    () => {},
  );
  // Kept for offline use; a failure to keep it must not keep the user from the file.
  await ctx.store
    .keepFile({
      workspaceId: ctx.workspaceId,
      bytes: new Uint8Array(await blob.arrayBuffer()),
      name: hash,
      mimeType: mimeTypeOf(blob.type),
      uploaded: true,
    })
    .catch((err: unknown) => console.warn('Keeping a downloaded file failed', err));
  return blob;
}

/** An object URL of the attachment (for an image or a preview), made once per hash. */
export function attachmentObjectUrl(hash: string): Promise<string> {
  let url = urls.get(hash);
  if (!url) {
    url = attachmentBlob(hash).then((b) => URL.createObjectURL(b));
    url.catch(() => urls.delete(hash));
    urls.set(hash, url);
  }
  return url;
}

window.addEventListener('online', () => void uploadPending());
