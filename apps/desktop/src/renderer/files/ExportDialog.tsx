import type { AnnotationFilter } from '@fieldbook/shared';
import { Download } from 'lucide-react';
import { useState } from 'react';
import type { AppState } from '../appState';
import { useWorkspaceAccess } from '../telemetry/workspaceGrant';
import { Button, Checkbox, DialogClose, DialogContent, Field, Input, Select, toast } from '../ui';
import {
  exportPath,
  fallbackName,
  type AnnotationFormat,
  type ExportKind,
  type ExportRequest,
} from './exportTargets';
import { download, saveBlob, sizeText, type FilesSource } from './transfer';
import { TransferStatus } from './TransferStatus';
import { useTransfer } from './useTransfer';

const ANY = 'any';
const KINDS: { value: ExportKind; label: string }[] = [
  { value: 'annotations', label: 'Annotations (JSON, CSV, Excel, PDF report)' },
  { value: 'markdown', label: 'Notes as Markdown (ZIP)' },
  { value: 'eln', label: 'ELN file (.eln, RO-Crate) for other lab notebooks' },
  { value: 'fieldbook', label: 'Workspace file (.fieldbook)' },
];
const FORMATS: { value: AnnotationFormat; label: string }[] = [
  { value: 'xlsx', label: 'Excel workbook (.xlsx)' },
  { value: 'csv', label: 'CSV (.csv)' },
  { value: 'pdf', label: 'PDF report with charts (.pdf)' },
  { value: 'json', label: 'JSON (.json)' },
];

const epoch = (local: string) => (local ? new Date(local).getTime() : undefined);

/**
 * File → Export: the workspace's annotations (format and the annotation
 * panel's filters), its notes as Markdown, an .eln crate, the workspace
 * file, or the open note; streamed from the server with progress, cancellable,
 * saved as a file; errors stay in the dialog.
 */
export function ExportDialog({
  state,
  source,
  initialKind,
  onDone,
}: {
  state: AppState;
  source: FilesSource;
  initialKind: ExportKind;
  onDone(): void;
}) {
  const docs = state.index?.documents ?? [];
  const openNote = docs.find((d) => d.id === state.openDocId && d.kind === 'note') ?? null;
  const [kind, setKind] = useState<ExportKind>(initialKind);
  const [format, setFormat] = useState<AnnotationFormat>('xlsx');
  const [collection, setCollection] = useState(ANY);
  const [author, setAuthor] = useState(ANY);
  const [status, setStatus] = useState(ANY);
  const [tags, setTags] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [folder, setFolder] = useState(ANY);
  const [withAttachments, setWithAttachments] = useState(false);
  const { names } = useWorkspaceAccess(state.session, source.workspaceId);
  const transfer = useTransfer();
  const running = transfer.state.phase === 'running';

  const collections = docs.filter((d) => d.kind === 'annotations' && d.trashedAt === null);
  const kinds = openNote
    ? [...KINDS, { value: 'note' as const, label: `This note as Markdown (“${openNote.title}”)` }]
    : KINDS;

  const run = async () => {
    const filter: AnnotationFilter = {
      collections: collection === ANY ? undefined : [collection],
      tags: tags
        .split(',')
        .map((t) => t.trim())
        .filter(Boolean),
      author: author === ANY ? undefined : author,
      status: status === ANY ? undefined : (status as AnnotationFilter['status']),
      from: epoch(from),
      to: epoch(to),
    };
    const request: ExportRequest = {
      kind,
      format,
      filter,
      folderId: folder === ANY ? null : folder,
      docId: openNote?.id ?? null,
      withAttachments,
    };
    const ok = await transfer.start(async (onProgress, signal) => {
      const got = await download(
        source,
        exportPath(source.workspaceId, request),
        onProgress,
        signal,
      );
      const name = got.fileName ?? fallbackName(request, state.workspace?.name ?? '');
      saveBlob(got.blob, name);
      toast({ title: `Exported ${name}`, description: sizeText(got.blob.size), tone: 'success' });
    }, 'The export failed.');
    if (ok) onDone();
  };

  return (
    <DialogContent
      title="Export"
      description="Files to read elsewhere or to carry this workspace to another Fieldbook."
      size="lg"
      footer={
        <>
          {running ? (
            <Button onClick={transfer.cancel}>Cancel export</Button>
          ) : (
            <DialogClose asChild>
              <Button>Close</Button>
            </DialogClose>
          )}
          <Button
            variant="primary"
            icon={<Download size={15} />}
            loading={running}
            onClick={() => void run()}
          >
            Export
          </Button>
        </>
      }
    >
      <div className="files-form">
        <Field label="What">
          {(ids) => (
            <Select
              {...ids}
              aria-label="What"
              value={kind}
              onValueChange={(v) => setKind(v as ExportKind)}
              options={kinds}
            />
          )}
        </Field>
        {kind === 'annotations' && (
          <>
            <Field label="Format">
              {(ids) => (
                <Select
                  {...ids}
                  aria-label="Format"
                  value={format}
                  onValueChange={(v) => setFormat(v as AnnotationFormat)}
                  options={FORMATS}
                />
              )}
            </Field>
            <div className="files-form__grid">
              <Field label="Chart">
                {(ids) => (
                  <Select
                    {...ids}
                    aria-label="Chart"
                    value={collection}
                    onValueChange={setCollection}
                    options={[
                      { value: ANY, label: 'All charts' },
                      ...collections.map((c) => ({ value: c.id, label: c.title || 'Untitled' })),
                    ]}
                  />
                )}
              </Field>
              <Field label="Author">
                {(ids) => (
                  <Select
                    {...ids}
                    aria-label="Author"
                    value={author}
                    onValueChange={setAuthor}
                    options={[
                      { value: ANY, label: 'Anyone' },
                      ...Object.entries(names).map(([id, name]) => ({ value: id, label: name })),
                    ]}
                  />
                )}
              </Field>
              <Field label="Status">
                {(ids) => (
                  <Select
                    {...ids}
                    aria-label="Status"
                    value={status}
                    onValueChange={setStatus}
                    options={[
                      { value: ANY, label: 'Any status' },
                      { value: 'draft', label: 'Draft' },
                      { value: 'approved', label: 'Approved' },
                    ]}
                  />
                )}
              </Field>
              <Field label="Tags" hint="Any of these, comma-separated">
                {(ids) => <Input {...ids} value={tags} onChange={(e) => setTags(e.target.value)} />}
              </Field>
              <Field label="From">
                {(ids) => (
                  <Input
                    {...ids}
                    type="datetime-local"
                    value={from}
                    onChange={(e) => setFrom(e.target.value)}
                  />
                )}
              </Field>
              <Field label="To">
                {(ids) => (
                  <Input
                    {...ids}
                    type="datetime-local"
                    value={to}
                    onChange={(e) => setTo(e.target.value)}
                  />
                )}
              </Field>
            </div>
          </>
        )}
        {kind === 'markdown' && (
          <Field label="Folder">
            {(ids) => (
              <Select
                {...ids}
                aria-label="Folder"
                value={folder}
                onValueChange={setFolder}
                options={[
                  { value: ANY, label: 'The whole workspace' },
                  ...(state.index?.folders ?? []).map((f) => ({ value: f.id, label: f.name })),
                ]}
              />
            )}
          </Field>
        )}
        {kind === 'note' && (
          <Checkbox
            checked={withAttachments}
            onCheckedChange={setWithAttachments}
            label="With its attachments (a ZIP)"
          />
        )}
        {kind === 'fieldbook' && (
          <p className="muted">
            Every document of the workspace with its history and attachments; import it into this
            workspace on another server or device to merge the two.
          </p>
        )}
        <TransferStatus state={transfer.state} verb="Exporting" />
      </div>
    </DialogContent>
  );
}
