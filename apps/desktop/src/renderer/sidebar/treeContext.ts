import type { DocumentEntry, Folder } from '@fieldbook/shared';
import { createContext } from 'react';
import type { ShellActions } from '../actions';
import type { Access } from '../shell/access';
import type { MenuEntry } from '../ui';

/** What every row of the sidebar tree reads; changes only with what rows show. */
export interface TreeState {
  readonly actions: ShellActions;
  readonly access: Access;
  readonly workspaceId: string | null;
  readonly renaming: { kind: 'doc' | 'folder'; id: string } | null;
  readonly setRenaming: (r: { kind: 'doc' | 'folder'; id: string } | null) => void;
  readonly setOpen: (folderId: string, open: boolean) => void;
  /** How many live documents a folder and its sub-folders hold. */
  readonly documentsIn: (folderId: string) => number;
  readonly menus: {
    document: (d: DocumentEntry) => MenuEntry[];
    folder: (f: Folder, count: number) => MenuEntry[];
  };
}

/** The tree's shared state, provided by DocumentTree. */
export const TreeContext = createContext<TreeState | null>(null);
