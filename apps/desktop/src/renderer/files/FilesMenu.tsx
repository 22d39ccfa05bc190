import { ArrowDownUp, Download, FileDown, Upload } from 'lucide-react';
import { useMemo, useRef, useState } from 'react';
import { useAccess } from '../shell/access';
import type { TopBarItemProps } from '../shell/registry';
import { Dialog, IconButton, Menu, MenuContent, MenuItem, MenuSeparator, MenuTrigger } from '../ui';
import { ExportDialog } from './ExportDialog';
import type { ExportKind } from './exportTargets';
import { ImportDialog } from './ImportDialog';
import type { FilesSource } from './transfer';
import { useAttachmentContext } from './useAttachmentContext';
import './files.css';

type Open = { dialog: 'export'; kind: ExportKind } | { dialog: 'import' } | null;

/**
 * The top bar's Export / Import menu (signed in to a server): annotations,
 * notes as Markdown, .eln and the workspace file out; a workspace file in.
 */
export function FilesMenu({ state, actions }: TopBarItemProps) {
  const access = useAccess();
  useAttachmentContext(state);
  const [open, setOpen] = useState<Open>(null);
  const sessionRef = useRef(state.session);
  sessionRef.current = state.session;
  const session = state.session?.kind === 'server' ? state.session : null;
  const workspaceId = state.workspace?.id ?? null;
  const source = useMemo<FilesSource | null>(
    () =>
      session && workspaceId
        ? {
            serverUrl: session.serverUrl,
            workspaceId,
            accessToken: () => {
              const s = sessionRef.current;
              return s?.kind === 'server' ? s.tokens.accessToken : '';
            },
          }
        : null,
    [session?.serverUrl, workspaceId],
  );
  if (!source || !access.may('workspace.export')) return null;
  const noteOpen = state.index?.documents.some(
    (d) => d.id === state.openDocId && d.kind === 'note',
  );
  const close = () => setOpen(null);
  return (
    <>
      <Menu>
        <MenuTrigger asChild>
          <IconButton label="Export and import" icon={<ArrowDownUp size={16} />} />
        </MenuTrigger>
        <MenuContent align="end">
          <MenuItem
            icon={<FileDown size={16} />}
            onSelect={() => setOpen({ dialog: 'export', kind: 'annotations' })}
          >
            Export annotations…
          </MenuItem>
          {noteOpen && (
            <MenuItem
              icon={<FileDown size={16} />}
              onSelect={() => setOpen({ dialog: 'export', kind: 'note' })}
            >
              Export this note as Markdown…
            </MenuItem>
          )}
          <MenuItem
            icon={<Download size={16} />}
            onSelect={() => setOpen({ dialog: 'export', kind: 'markdown' })}
          >
            Export workspace…
          </MenuItem>
          <MenuSeparator />
          <MenuItem icon={<Upload size={16} />} onSelect={() => setOpen({ dialog: 'import' })}>
            Import…
          </MenuItem>
        </MenuContent>
      </Menu>
      <Dialog open={open !== null} onOpenChange={(o) => !o && close()}>
        {open?.dialog === 'export' && (
          <ExportDialog state={state} source={source} initialKind={open.kind} onDone={close} />
        )}
        {open?.dialog === 'import' && (
          <ImportDialog source={source} actions={actions} onDone={close} />
        )}
      </Dialog>
    </>
  );
}
