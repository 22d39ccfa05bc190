import { removeAnnotationAttachment, type ModelOrigin } from '@fieldbook/crdt-model';
import { isFieldbookError, type Annotation, type Attachment } from '@fieldbook/shared';
import { Paperclip, Plus } from 'lucide-react';
import { useRef, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import { attachmentBlob, onUploadChange, uploadStateOf } from '../files/attachments';
import { saveBlob, sizeText } from '../files/transfer';
import { Button, Chip, toast } from '../ui';

function UploadNote({ hash }: { hash: string }) {
  const state = useSyncExternalStore(onUploadChange, () => uploadStateOf(hash));
  if (!state || state.state === 'uploaded') return null;
  if (state.state === 'failed')
    return (
      <span className="attachment__error" role="alert">
        {state.message}
      </span>
    );
  return <span className="muted">{state.state === 'waiting' ? 'waiting' : 'uploading'}</span>;
}

async function save(a: Attachment) {
  try {
    saveBlob(await attachmentBlob(a.hash), a.name);
  } catch (err) {
    toast({
      title: `${a.name} could not be downloaded`,
      description: isFieldbookError(err) ? err.message : undefined,
      tone: 'danger',
    });
  }
}

/**
 * The files attached to an annotation, as chips (click: download; kept on
 * this device once fetched), and, when the user may edit it, a picker and
 * removal. Files dropped onto the annotation detail arrive through `onAdd`.
 */
export function AnnotationFiles(props: {
  doc: Y.Doc;
  annotation: Annotation;
  origin: ModelOrigin;
  /** Null when the user may not attach here (role, approved, no upload right). */
  onAdd: ((files: File[]) => void) | null;
}) {
  const { annotation: a, doc, origin, onAdd } = props;
  const picker = useRef<HTMLInputElement>(null);
  if (a.attachments.length === 0 && !onAdd) return null;
  return (
    <div className="annotation-detail__section">
      <h4 className="annotation-detail__heading">Files</h4>
      {a.attachments.length > 0 && (
        <div className="annotation-detail__tags" aria-label="Attached files" role="list">
          {a.attachments.map((f) => (
            <span role="listitem" key={f.hash} className="annotation-file">
              <Chip
                title={`Download ${f.name} (${sizeText(f.size)})`}
                onClick={() => void save(f)}
                onRemove={
                  onAdd
                    ? () => removeAnnotationAttachment(doc, { id: a.id, hash: f.hash }, origin)
                    : undefined
                }
                removeLabel={`Remove ${f.name}`}
              >
                <Paperclip size={12} aria-hidden="true" />
                <span className="annotation-file__name">{f.name}</span>
              </Chip>
              <UploadNote hash={f.hash} />
            </span>
          ))}
        </div>
      )}
      {onAdd && (
        <div className="annotation-files__add">
          <Button size="sm" icon={<Plus size={14} />} onClick={() => picker.current?.click()}>
            Attach files
          </Button>
          <span className="muted">or drop them onto the annotation</span>
          <input
            ref={picker}
            type="file"
            multiple
            hidden
            aria-label="Files to attach to the annotation"
            onChange={(e) => {
              onAdd([...(e.target.files ?? [])]);
              e.target.value = '';
            }}
          />
        </div>
      )}
    </div>
  );
}
