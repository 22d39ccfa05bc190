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
import { getAttachment, pendingAttachments, putAttachment } from './attachmentCache';
import { sha256Of } from './attachmentHash';
import { download, upload, type FilesSource } from './transfer';

/** Where attachments go: this device's profile, the workspace's server (none offline-only), who attaches. */
export interface AttachmentContext {
  readonly profileId: string;
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
    const hash = await sha256Of(file);
    const meta: Attachment = {
      hash,
      name: file.name || 'pasted file',
      mimeType: file.type || 'application/octet-stream',
      size: file.size,
    };
    const known = await getAttachment(ctx.profileId, hash);
    await putAttachment(ctx.profileId, {
      hash,
      blob: file,
      name: meta.name,
      mimeType: meta.mimeType,
      uploaded: known?.uploaded ?? false,
    });
    if (!known?.uploaded) setUpload(hash, { state: 'waiting' });
    kept.push(meta);
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

/** Uploads every file kept here that the server does not have yet, one at a time. */
export function uploadPending(): Promise<void> {
  uploading ??= (async () => {
    const ctx = context;
    if (!ctx?.source) return;
    for (const a of await pendingAttachments(ctx.profileId)) {
      try {
        setUpload(a.hash, { state: 'uploading', fraction: 0 });
        await upload(
          ctx.source,
          'POST',
          `/workspaces/${ctx.source.workspaceId}/blobs?sha256=${a.hash}`,
          a.blob,
          (p) =>
            setUpload(a.hash, { state: 'uploading', fraction: p.total ? p.done / p.total : 0 }),
        );
        await putAttachment(ctx.profileId, { ...a, uploaded: true });
        setUpload(a.hash, { state: 'uploaded' });
      } catch (err) {
        setUpload(a.hash, {
          state: 'failed',
          message: isFieldbookError(err) ? err.message : 'The upload failed',
        });
        if (isFieldbookError(err) && err.code === 'SERVICE_UNAVAILABLE') break;
      }
    }
  })().finally(() => (uploading = null));
  return uploading;
}

/**
 * The attachment's bytes from this device, or downloaded from the server
 * once and kept for offline use.
 */
export async function attachmentBlob(hash: string): Promise<Blob> {
  const ctx = context;
  if (!ctx) throw new FieldbookError('MODEL_INVALID_OPERATION', 'Open a workspace first');
  const kept = await getAttachment(ctx.profileId, hash);
  if (kept) return kept.blob;
  if (!ctx.source)
    throw new FieldbookError('SERVICE_UNAVAILABLE', 'This file is not on this device yet');
  const { blob } = await download(
    ctx.source,
    `/workspaces/${ctx.source.workspaceId}/blobs/${hash}`,
    () => {},
  );
  await putAttachment(ctx.profileId, {
    hash,
    blob,
    name: hash,
    mimeType: blob.type,
    uploaded: true,
  });
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
