import { Upload } from 'lucide-react';
import { useState } from 'react';
import type { ShellActions } from '../actions';
import { useAccess } from '../shell/access';
import { Button, DialogClose, DialogContent, Field, Input, Select, toast } from '../ui';
import { readMarkdownFiles } from './markdownFiles';
import { upload, type FilesSource } from './transfer';
import { TransferStatus } from './TransferStatus';
import { useTransfer } from './useTransfer';

interface ImportResult {
  documentsAdded: number;
  documentsMerged: number;
  documentsUnchanged: number;
  attachmentsAdded: number;
}

type Mode = 'workspace' | 'markdown';

/**
 * File → Import: a workspace file of this workspace (from another server,
 * device or a USB stick) merged into it, CRDT-style — nothing is
 * overwritten, and a damaged or foreign file changes nothing and says why,
 * with upload progress and Cancel; or Markdown files, each a new note, all
 * or none: a file that is not Markdown text is named and nothing is created.
 */
export function ImportDialog({
  source,
  actions,
  onDone,
}: {
  source: FilesSource;
  actions: ShellActions;
  onDone(): void;
}) {
  const access = useAccess();
  const modes = [
    ...(access.may('workspace.import')
      ? [
          {
            value: 'workspace' as const,
            label: 'A workspace file (.fieldbook), merged into this one',
          },
        ]
      : []),
    ...(access.may('document.create')
      ? [{ value: 'markdown' as const, label: 'Markdown files, each as a new note' }]
      : []),
  ];
  const [mode, setMode] = useState<Mode>(modes[0]?.value ?? 'markdown');
  const [files, setFiles] = useState<File[]>([]);
  const transfer = useTransfer();
  const running = transfer.state.phase === 'running';

  const mergeWorkspace = (file: File) =>
    transfer.start(async (onProgress, signal) => {
      const r = await upload<ImportResult>(
        source,
        'POST',
        `/workspaces/${source.workspaceId}/import`,
        file,
        onProgress,
        signal,
      );
      toast({
        title: `Merged ${file.name}`,
        description: `${r.documentsAdded} new, ${r.documentsMerged} updated, ${r.documentsUnchanged} unchanged documents; ${r.attachmentsAdded} new attachments.`,
        tone: 'success',
      });
    }, 'The import failed.');

  const importMarkdown = (chosen: File[]) =>
    transfer.start(async (_onProgress, signal) => {
      const notes = await readMarkdownFiles(chosen, signal);
      await actions.docs.importNotes(notes, signal);
      toast({
        title: `Imported ${notes.length} note${notes.length === 1 ? '' : 's'}`,
        tone: 'success',
      });
    }, 'The notes could not be created. Nothing was imported.');

  const run = async () => {
    if (files.length === 0) return;
    const ok = await (mode === 'workspace' ? mergeWorkspace(files[0]!) : importMarkdown(files));
    if (ok) onDone();
  };

  return (
    <DialogContent
      title="Import"
      description="Bring records made elsewhere into this workspace."
      footer={
        <>
          {running ? (
            <Button onClick={transfer.cancel}>Cancel import</Button>
          ) : (
            <DialogClose asChild>
              <Button>Close</Button>
            </DialogClose>
          )}
          <Button
            variant="primary"
            icon={<Upload size={15} />}
            loading={running}
            disabled={files.length === 0}
            onClick={() => void run()}
          >
            Import
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
              value={mode}
              onValueChange={(v) => {
                setMode(v as Mode);
                setFiles([]);
                transfer.reset();
              }}
              options={modes}
            />
          )}
        </Field>
        <Field
          label={mode === 'workspace' ? 'Workspace file' : 'Markdown files'}
          hint={
            mode === 'workspace'
              ? 'A .fieldbook file exported from this workspace; edits on both sides are kept'
              : 'Titles come from front matter, the first heading or the file name'
          }
        >
          {(ids) => (
            <Input
              {...ids}
              key={mode}
              type="file"
              multiple={mode === 'markdown'}
              accept={mode === 'workspace' ? '.fieldbook' : '.md,.markdown,.txt,text/markdown'}
              onChange={(e) => {
                setFiles([...(e.target.files ?? [])]);
                transfer.reset();
              }}
            />
          )}
        </Field>
        <TransferStatus state={transfer.state} verb="Importing" />
      </div>
    </DialogContent>
  );
}
