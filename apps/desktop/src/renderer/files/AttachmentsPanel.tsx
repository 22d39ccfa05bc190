import { kindOf, readNote } from '@fieldbook/crdt-model';
import { INLINE_MIME_TYPES, isFieldbookError, type Attachment } from '@fieldbook/shared';
import { Download, Eye, FileText, Paperclip, Plus } from 'lucide-react';
import { useEffect, useRef, useState, useSyncExternalStore, type DragEvent } from 'react';
import { useAccess } from '../shell/access';
import type { PanelProps } from '../shell/registry';
import { Button, Dialog, DialogContent, EmptyState, IconButton, Progress, toast } from '../ui';
import {
  appendAttachments,
  attachmentBlob,
  attachmentObjectUrl,
  onUploadChange,
  uploadStateOf,
} from './attachments';
import { saveBlob, sizeText } from './transfer';
import './files.css';

function UploadBadge({ hash }: { hash: string }) {
  const state = useSyncExternalStore(onUploadChange, () => uploadStateOf(hash));
  if (!state || state.state === 'uploaded') return null;
  if (state.state === 'uploading')
    return (
      <Progress value={state.fraction} label={`Uploading: ${Math.round(state.fraction * 100)}%`} />
    );
  if (state.state === 'waiting') return <span className="muted">Waiting to upload</span>;
  return (
    <span className="attachment__error" role="alert">
      {state.message}
    </span>
  );
}

function Thumbnail({ a }: { a: Attachment }) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    if (a.mimeType.startsWith('image/')) attachmentObjectUrl(a.hash).then(setSrc, () => {});
  }, [a.hash, a.mimeType]);
  if (src) return <img className="attachment__thumb" src={src} alt="" />;
  return (
    <span className="attachment__thumb attachment__thumb--icon" aria-hidden="true">
      <FileText size={18} />
    </span>
  );
}

function Preview({ a, onClose }: { a: Attachment; onClose(): void }) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    attachmentObjectUrl(a.hash).then(setSrc, () => {});
  }, [a.hash]);
  return (
    <Dialog open onOpenChange={(o) => !o && onClose()}>
      <DialogContent title={a.name} description={`${a.mimeType}, ${sizeText(a.size)}`} size="lg">
        {!src ? (
          <p className="muted">Loading…</p>
        ) : a.mimeType === 'application/pdf' ? (
          <iframe className="attachment__preview" src={src} title={`Preview of ${a.name}`} />
        ) : (
          <img className="attachment__preview" src={src} alt={a.name} />
        )}
      </DialogContent>
    </Dialog>
  );
}

/**
 * The open note's attachments beside it: add by picker or by dropping files
 * here (also onto the note, or pasting), upload progress, preview of images
 * and PDFs, download. Files are kept on this device and uploaded when online.
 */
export default function AttachmentsPanel({ entry, state }: PanelProps) {
  const access = useAccess();
  const replica = state.openReplica?.ref.docId === entry.id ? state.openReplica : null;
  const doc = replica?.doc ?? null;
  const read = () => (doc && kindOf(doc) === 'note' ? readNote(doc).attachments : []);
  const [attachments, setAttachments] = useState<Attachment[]>(read);
  const [previewing, setPreviewing] = useState<Attachment | null>(null);
  const picker = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (!doc) return;
    const update = () => setAttachments(kindOf(doc) === 'note' ? readNote(doc).attachments : []);
    update();
    doc.on('update', update);
    return () => doc.off('update', update);
  }, [doc]);
  const mayAdd =
    access.may('document.edit', entry.createdBy) &&
    access.may('attachment.upload') &&
    entry.trashedAt === null;

  const add = async (files: File[]) => {
    if (!doc || files.length === 0) return;
    try {
      await appendAttachments(doc, files);
    } catch (err) {
      toast({
        title: 'The file could not be attached',
        description: isFieldbookError(err) ? err.message : undefined,
        tone: 'danger',
      });
    }
  };
  const save = async (a: Attachment) => {
    try {
      saveBlob(await attachmentBlob(a.hash), a.name);
    } catch (err) {
      toast({
        title: `${a.name} could not be downloaded`,
        description: isFieldbookError(err) ? err.message : undefined,
        tone: 'danger',
      });
    }
  };
  const onDrop = (e: DragEvent) => {
    if (!mayAdd || e.dataTransfer.files.length === 0) return;
    e.preventDefault();
    void add([...e.dataTransfer.files]);
  };

  return (
    <div className="attachments" onDragOver={(e) => mayAdd && e.preventDefault()} onDrop={onDrop}>
      {mayAdd && (
        <>
          <Button size="sm" icon={<Plus size={14} />} onClick={() => picker.current?.click()}>
            Add files
          </Button>
          <input
            ref={picker}
            type="file"
            multiple
            hidden
            aria-label="Files to attach"
            onChange={(e) => {
              void add([...(e.target.files ?? [])]);
              e.target.value = '';
            }}
          />
        </>
      )}
      {attachments.length === 0 ? (
        <EmptyState icon={<Paperclip size={24} />} title="No attachments" headingLevel={3}>
          <p>Drop files here or onto the note, or paste an image into it.</p>
        </EmptyState>
      ) : (
        <ul className="attachments__list" aria-label="Attachments">
          {attachments.map((a) => (
            <li key={a.hash} className="attachment">
              <Thumbnail a={a} />
              <div className="attachment__text">
                <span className="attachment__name">{a.name}</span>
                <span className="muted">{sizeText(a.size)}</span>
                <UploadBadge hash={a.hash} />
              </div>
              {INLINE_MIME_TYPES.includes(a.mimeType) && (
                <IconButton
                  size="sm"
                  label={`Preview ${a.name}`}
                  icon={<Eye size={15} />}
                  onClick={() => setPreviewing(a)}
                />
              )}
              <IconButton
                size="sm"
                label={`Download ${a.name}`}
                icon={<Download size={15} />}
                onClick={() => void save(a)}
              />
            </li>
          ))}
        </ul>
      )}
      {previewing && <Preview a={previewing} onClose={() => setPreviewing(null)} />}
    </div>
  );
}
