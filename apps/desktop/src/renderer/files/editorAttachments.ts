import { EditorView } from '@codemirror/view';
import { INLINE_MIME_TYPES, isFieldbookError } from '@fieldbook/shared';
import type * as Y from 'yjs';
import { toast } from '../ui';
import { attachFiles, attachmentBlob, attachmentObjectUrl } from './attachments';
import { saveBlob } from './transfer';

/** The content hash of an attachment URL, or null for any other URL. */
export function attachmentHashOf(url: string): string | null {
  const m = /^fieldbook:\/\/attachment\/([0-9a-f]{64})$/.exec(url);
  return m ? m[1]! : null;
}

async function insertFiles(view: EditorView, doc: Y.Doc, files: File[], at: number) {
  try {
    const markdown = await attachFiles(doc, files);
    const pos = Math.min(at, view.state.doc.length);
    const before = pos > 0 && view.state.doc.sliceString(pos - 1, pos) !== '\n' ? '\n' : '';
    view.dispatch({ changes: { from: pos, insert: `${before}${markdown}\n` } });
  } catch (err) {
    toast({
      title: 'The file could not be attached',
      description: isFieldbookError(err) ? err.message : undefined,
      tone: 'danger',
    });
  }
}

const filesOf = (list: FileList | null | undefined) => [...(list ?? [])];

/**
 * Files dropped on or pasted into the note become attachments: kept on this
 * device at once, uploaded when online, shown inline (images) or as a link
 * where they were dropped or pasted.
 */
export function attachmentDrops(doc: Y.Doc) {
  return EditorView.domEventHandlers({
    dragover(event, view) {
      if (view.state.readOnly || !event.dataTransfer?.types.includes('Files')) return false;
      event.preventDefault();
      return true;
    },
    drop(event, view) {
      const files = filesOf(event.dataTransfer?.files);
      if (files.length === 0 || view.state.readOnly) return false;
      event.preventDefault();
      const at = view.posAtCoords({ x: event.clientX, y: event.clientY });
      void insertFiles(view, doc, files, at ?? view.state.selection.main.head);
      return true;
    },
    paste(event, view) {
      const files = filesOf(event.clipboardData?.files);
      if (files.length === 0 || view.state.readOnly) return false;
      event.preventDefault();
      void insertFiles(view, doc, files, view.state.selection.main.head);
      return true;
    },
  });
}

/** Opens an attachment link: images and PDFs in a new tab, anything else saved as `name`. */
export async function openAttachment(hash: string, name: string): Promise<void> {
  try {
    const blob = await attachmentBlob(hash);
    if (INLINE_MIME_TYPES.includes(blob.type))
      window.open(await attachmentObjectUrl(hash), '_blank');
    else saveBlob(blob, name || 'attachment');
  } catch (err) {
    toast({
      title: 'The attachment could not be opened',
      description: isFieldbookError(err) ? err.message : undefined,
      tone: 'danger',
    });
  }
}

/** Points an <img> at an attachment's bytes (kept here, or fetched once); `onError` when it cannot. */
export function showAttachmentImage(
  img: HTMLImageElement,
  url: string,
  onError: () => void,
): boolean {
  const hash = attachmentHashOf(url);
  if (!hash) return false;
  attachmentObjectUrl(hash).then((src) => (img.src = src), onError);
  return true;
}
