import { Upload } from 'lucide-react';
import { useState } from 'react';
import { Button, DialogClose, DialogContent, Field, Input, toast } from '../ui';
import { upload, type FilesSource } from './transfer';
import { TransferStatus } from './TransferStatus';
import { useTransfer } from './useTransfer';

interface ImportResult {
  documentsAdded: number;
  documentsMerged: number;
  documentsUnchanged: number;
  attachmentsAdded: number;
}

/**
 * File → Import: a workspace file of this workspace (from another server,
 * device or a USB stick) merged into it, CRDT-style: nothing is overwritten,
 * and a damaged or foreign file changes nothing and says why. Upload progress
 * shows and can be cancelled.
 */
export function ImportDialog({ source, onDone }: { source: FilesSource; onDone(): void }) {
  const [file, setFile] = useState<File | null>(null);
  const transfer = useTransfer();
  const running = transfer.state.phase === 'running';
  const run = async () => {
    if (!file) return;
    const ok = await transfer.start(async (onProgress, signal) => {
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
    if (ok) onDone();
  };
  return (
    <DialogContent
      title="Import a workspace file"
      description="Merges a .fieldbook file of this workspace into it. Nothing here is overwritten: edits from both sides are kept."
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
            disabled={!file}
            onClick={() => void run()}
          >
            Import
          </Button>
        </>
      }
    >
      <div className="files-form">
        <Field label="Workspace file" hint="A .fieldbook file exported from this workspace">
          {(ids) => (
            <Input
              {...ids}
              type="file"
              accept=".fieldbook"
              onChange={(e) => {
                setFile(e.target.files?.[0] ?? null);
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
