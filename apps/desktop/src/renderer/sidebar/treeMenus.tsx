import type { DocumentEntry, Folder } from '@fieldbook/shared';
import {
  ExternalLink,
  FilePlus,
  FolderInput,
  FolderPlus,
  FolderUp,
  LineChart,
  Pencil,
  Trash2,
} from 'lucide-react';
import type { ShellActions } from '../actions';
import type { Access } from '../shell/access';
import type { ConfirmOptions, MenuEntry } from '../ui';
import { moveTargets } from './treeModel';

const I = 16;

/** What a tree item's menus need. */
export interface TreeMenuContext {
  readonly actions: ShellActions;
  readonly access: Access;
  readonly folders: readonly Folder[];
  readonly startRename: (kind: 'doc' | 'folder', id: string) => void;
  readonly confirm: (options: ConfirmOptions) => Promise<boolean>;
  readonly newFolderIn: (parentId: string | null) => void;
}

function moveEntries(
  folders: readonly Folder[],
  current: string | null,
  move: (to: string | null) => void,
): MenuEntry[] {
  const entries: MenuEntry[] = folders
    .filter((f) => f.id !== current)
    .map((f) => ({ label: f.name, onSelect: () => move(f.id) }));
  if (current !== null) {
    entries.unshift({
      label: 'Top level',
      icon: <FolderUp size={I} />,
      onSelect: () => move(null),
    });
  }
  return entries.length > 0
    ? entries
    : [{ label: 'No other folder', disabled: true, onSelect: () => {} }];
}

/** The menu of a document row ("…" button and right-click). */
export function documentMenu(d: DocumentEntry, ctx: TreeMenuContext): MenuEntry[] {
  const { actions, access } = ctx;
  const entries: MenuEntry[] = [
    {
      label: 'Open',
      icon: <ExternalLink size={I} />,
      onSelect: () => actions.navigate({ kind: 'doc', docId: d.id }),
    },
  ];
  if (access.may('document.edit', d.createdBy)) {
    entries.push(
      {
        label: 'Rename',
        icon: <Pencil size={I} />,
        shortcut: 'F2',
        onSelect: () => ctx.startRename('doc', d.id),
      },
      {
        label: 'Move to',
        icon: <FolderInput size={I} />,
        children: moveEntries(
          ctx.folders,
          d.folderId,
          (to) => void actions.docs.moveToFolder(d.id, to),
        ),
      },
    );
  }
  if (access.may('document.trash', d.createdBy)) {
    entries.push('separator', {
      label: 'Move to trash',
      icon: <Trash2 size={I} />,
      danger: true,
      onSelect: () => void actions.docs.trash(d.id),
    });
  }
  return entries;
}

/** The menu of a folder row. */
export function folderMenu(f: Folder, ctx: TreeMenuContext, count: number): MenuEntry[] {
  const { actions, access } = ctx;
  const entries: MenuEntry[] = [];
  if (access.may('document.create')) {
    entries.push(
      {
        label: 'New note here',
        icon: <FilePlus size={I} />,
        onSelect: () => void actions.docs.createNote(f.id),
      },
      {
        label: 'New chart here',
        icon: <LineChart size={I} />,
        onSelect: () => void actions.docs.createChart(f.id),
      },
      {
        label: 'New folder inside',
        icon: <FolderPlus size={I} />,
        onSelect: () => ctx.newFolderIn(f.id),
      },
    );
  }
  if (access.may('document.edit', '')) {
    if (entries.length) entries.push('separator');
    entries.push(
      {
        label: 'Rename',
        icon: <Pencil size={I} />,
        shortcut: 'F2',
        onSelect: () => ctx.startRename('folder', f.id),
      },
      {
        label: 'Move to',
        icon: <FolderInput size={I} />,
        children: moveEntries(
          moveTargets(ctx.folders, f.id),
          f.parentId,
          (to) => void actions.docs.moveFolder(f.id, to),
        ),
      },
    );
  }
  if (access.may('document.trash', '')) {
    entries.push('separator', {
      label: 'Delete folder…',
      icon: <Trash2 size={I} />,
      danger: true,
      onSelect: () =>
        void ctx
          .confirm({
            title: `Delete “${f.name}”?`,
            description:
              count > 0
                ? `The folder and its sub-folders are deleted. The ${count} document${count === 1 ? '' : 's'} inside move${count === 1 ? 's' : ''} to the trash, where ${count === 1 ? 'it' : 'they'} can be restored.`
                : 'The folder and its sub-folders are deleted. They hold no documents.',
            confirmLabel: 'Delete folder',
            destructive: true,
          })
          .then((ok) => {
            if (ok) void actions.docs.deleteFolder(f.id);
          }),
    });
  }
  return entries;
}
