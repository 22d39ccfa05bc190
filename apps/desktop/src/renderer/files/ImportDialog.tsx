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
  workspaceId: string;
  documentsAdded: number;
  documentsMerged: number;
  documentsUnchanged: number;
  attachmentsAdded: number;
}

type Mode = 'workspace' | 'new-workspace' | 'markdown';

const HINTS: Record<Mode, string> = {
  workspace: 'A .fieldbook file exported from this workspace; edits on both sides are kept',
  'new-workspace': 'A .fieldbook file of any workspace; you become the new workspace’s admin',
  markdown: 'Titles come from front matter, the first heading or the file name',
};

/**
 * File → Import: a workspace file of this workspace (from another server,
 * device or a USB stick) merged into it, CRDT-style — nothing is
 * overwritten, and a damaged or foreign file changes nothing and says why,
 * with upload progress and Cancel; or such a file (of any workspace) as a
 * new workspace, which then opens; or Markdown files, each a new note, all
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
    { value: 'new-workspace' as const, label: 'A workspace file (.fieldbook), as a new workspace' },
    ...(access.may('document.create')
      ? [{ value: 'markdown' as const, label: 'Markdown files, each as a new note' }]
      : []),
  ];
  const [mode, setMode] = useState<Mode>(modes[0]?.value ?? 'markdown');
  const [files, setFiles] = useState<File[]>([]);
  const [name, setName] = useState('');
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

  const newWorkspace = (file: File) =>
    transfer.start(async (onProgress, signal) => {
      const query = name.trim() ? `?name=${encodeURIComponent(name.trim())}` : '';
      const r = await upload<ImportResult>(
        source,
        'POST',
        `/workspaces/import${query}`,
        file,
        onProgress,
        signal,
      );
      await actions.joinWorkspace(r.workspaceId);
      toast({
        title: `Imported ${file.name} as a new workspace`,
        description: `${r.documentsAdded} documents, ${r.attachmentsAdded} attachments.`,
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
    const ok = await (mode === 'workspace'
      ? mergeWorkspace(files[0]!)
      : mode === 'new-workspace'
        ? newWorkspace(files[0]!)
        : importMarkdown(files));
    if (ok) onDone();
  };

  return (
    <DialogContent
      title="Import"
      description="Bring records made elsewhere into this workspace, or into a new one."
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
        <Field label={mode === 'markdown' ? 'Markdown files' : 'Workspace file'} hint={HINTS[mode]}>
          {(ids) => (
            <Input
              {...ids}
              key={mode}
              type="file"
              multiple={mode === 'markdown'}
              accept={mode === 'markdown' ? '.md,.markdown,.txt,text/markdown' : '.fieldbook'}
              onChange={(e) => {
                setFiles([...(e.target.files ?? [])]);
                transfer.reset();
              }}
            />
          )}
        </Field>
        {mode === 'new-workspace' && (
          <Field label="Name" hint="Leave empty to keep the name the file holds">
            {(ids) => (
              <Input
                {...ids}
                value={name}
                maxLength={200}
                onChange={(e) => setName(e.target.value)}
              />
            )}
          </Field>
        )}
        <TransferStatus state={transfer.state} verb="Importing" />
      </div>
    </DialogContent>
  );
}
