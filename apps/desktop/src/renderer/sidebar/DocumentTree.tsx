import type { DocumentEntry, Folder } from '@fieldbook/shared';
import { newId } from '@fieldbook/shared';
import { FolderPlus, X } from 'lucide-react';
import { useMemo, useState } from 'react';
import type { ShellActions } from '../actions';
import type { AppState } from '../appState';
import { useAccess, type Access } from '../shell/access';
import { displayTag } from '../tags/tagNames';
import { IconButton, Spinner, useConfirm, type MenuEntry } from '../ui';
import { dropTarget, type Dragged } from './dragAndDrop';
import { TreeDoc, TreeFolder } from './TreeItems';
import { documentMenu, folderMenu, type TreeMenuContext } from './treeMenus';
import { buildTree } from './treeModel';

/** What every row of the tree reads: app state, actions, permissions, rename and open state. */
export interface TreeState {
  readonly state: AppState;
  readonly actions: ShellActions;
  readonly access: Access;
  readonly renaming: { kind: 'doc' | 'folder'; id: string } | null;
  readonly setRenaming: (r: { kind: 'doc' | 'folder'; id: string } | null) => void;
  readonly isOpen: (folderId: string) => boolean;
  readonly setOpen: (folderId: string, open: boolean) => void;
  readonly menus: {
    document: (d: DocumentEntry) => MenuEntry[];
    folder: (f: Folder, count: number) => MenuEntry[];
  };
}

const closedKey = (workspaceId: string) => `fieldbook.closedFolders.${workspaceId}`;

function useClosedFolders(workspaceId: string) {
  const [closed, setClosed] = useState<Set<string>>(
    () => new Set(JSON.parse(localStorage.getItem(closedKey(workspaceId)) ?? '[]') as string[]),
  );
  const setOpen = (id: string, open: boolean) =>
    setClosed((prev) => {
      const next = new Set(prev);
      if (open) next.delete(id);
      else next.add(id);
      localStorage.setItem(closedKey(workspaceId), JSON.stringify([...next]));
      return next;
    });
  return { isOpen: (id: string) => !closed.has(id), setOpen };
}

/**
 * The workspace's documents as a tree of folders: open, rename (F2), move by
 * drag and drop or the "Move to" menu, trash; folders nest and delete (their
 * documents go to the trash, after a confirmation).
 */
export function DocumentTree({
  state,
  actions,
  text,
}: {
  state: AppState;
  actions: ShellActions;
  /** Words the title filter holds. */
  text: string;
}) {
  const access = useAccess();
  const confirm = useConfirm();
  const workspaceId = state.workspace?.id ?? '';
  const { isOpen, setOpen } = useClosedFolders(workspaceId);
  const [renaming, setRenaming] = useState<TreeState['renaming']>(null);
  const [rootOver, setRootOver] = useState(false);
  const { index, filter } = state;
  const tree = useMemo(
    () =>
      index
        ? buildTree(index, state.activity, {
            tag: filter.kind === 'tag' ? filter.tag : undefined,
            text,
          })
        : null,
    [index, state.activity, filter, text],
  );
  const newFolderIn = (parentId: string | null) => {
    const id = newId();
    void actions.docs.createFolder('New folder', parentId, id).then(() => {
      if (parentId) setOpen(parentId, true);
      setRenaming({ kind: 'folder', id });
    });
  };
  const menuContext: TreeMenuContext = {
    actions,
    access,
    folders: index?.folders ?? [],
    startRename: (kind, id) => setRenaming({ kind, id }),
    confirm,
    newFolderIn,
  };
  const treeState: TreeState = {
    state,
    actions,
    access,
    renaming,
    setRenaming,
    isOpen,
    setOpen,
    menus: {
      document: (d) => documentMenu(d, menuContext),
      folder: (f, count) => folderMenu(f, menuContext, count),
    },
  };
  const toRoot = (item: Dragged) => {
    if (item.kind === 'doc') void actions.docs.moveToFolder(item.id, null);
    else void actions.docs.moveFolder(item.id, null);
  };
  const canFile = access.may('document.edit', '');
  return (
    <section className="sidebar-section" aria-labelledby="documents-heading">
      <div
        className={`sidebar-section__head${rootOver ? ' tree-row--drop' : ''}`}
        {...(canFile ? dropTarget(toRoot, setRootOver) : {})}
      >
        <h2 id="documents-heading" className="sidebar-section__title">
          Documents
        </h2>
        {access.may('document.create') && index && (
          <IconButton
            size="sm"
            label="New folder"
            icon={<FolderPlus size={15} />}
            onClick={() => newFolderIn(null)}
          />
        )}
      </div>
      {filter.kind === 'tag' && (
        <div className="tree-filter" role="status">
          <span>
            Tagged <strong>{displayTag(filter.tag)}</strong>
          </span>
          <IconButton
            size="sm"
            label="Show all documents"
            icon={<X size={14} />}
            onClick={() => actions.setFilter({ kind: 'all' })}
          />
        </div>
      )}
      {!tree ? (
        <p className="tree-empty">
          <Spinner size={12} /> Loading the workspace…
        </p>
      ) : (
        <>
          <ul className="tree-list" aria-label="Documents">
            {tree.folders.map((node) => (
              <TreeFolder key={node.folder.id} node={node} depth={0} tree={treeState} />
            ))}
            {tree.docs.map((d) => (
              <TreeDoc key={d.id} d={d} depth={0} tree={treeState} />
            ))}
          </ul>
          {tree.count === 0 && tree.folders.length === 0 && (
            <p className="tree-empty">
              {text || filter.kind === 'tag' ? 'No document matches.' : 'Nothing here yet.'}
            </p>
          )}
          {canFile && (
            <div
              className={`tree-root-drop${rootOver ? ' tree-row--drop' : ''}`}
              aria-hidden="true"
              {...dropTarget(toRoot, setRootOver)}
            />
          )}
        </>
      )}
    </section>
  );
}
