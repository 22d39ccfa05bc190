import { newId } from '@fieldbook/shared';
import { FolderPlus, X } from 'lucide-react';
import { useMemo, useState } from 'react';
import type { ShellActions } from '../actions';
import type { AppState, Peer } from '../appState';
import { useAccess } from '../shell/access';
import { displayTag } from '../tags/tagNames';
import { IconButton, Spinner, useConfirm } from '../ui';
import { dropTarget, type Dragged } from './dragAndDrop';
import { TreeContext, type TreeState } from './treeContext';
import { documentMenu, folderMenu, type TreeMenuContext } from './treeMenus';
import { buildTree, moveTargets } from './treeModel';
import { treeRows } from './treeRows';
import { VirtualTree } from './VirtualTree';

const closedKey = (workspaceId: string) => `fieldbook.closedFolders.${workspaceId}`;

function useClosedFolders(workspaceId: string) {
  const [closed, setClosed] = useState<Set<string>>(
    () => new Set(JSON.parse(localStorage.getItem(closedKey(workspaceId)) ?? '[]') as string[]),
  );
  const setOpen = (id: string, open: boolean) =>
    setClosed((prev) => {
      if (open === !prev.has(id)) return prev;
      const next = new Set(prev);
      if (open) next.delete(id);
      else next.add(id);
      localStorage.setItem(closedKey(workspaceId), JSON.stringify([...next]));
      return next;
    });
  return { closed, setOpen };
}

/**
 * The workspace's documents as a tree of folders: open, rename (F2), move by
 * drag and drop or the "Move to" menu, trash; folders nest and delete (their
 * documents go to the trash, after a confirmation). Only the rows in view are
 * drawn (VirtualTree), memoized, with their menus mounted only when asked, so
 * large workspaces stay quick.
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
  const workspaceId = state.workspace?.id ?? null;
  const { closed, setOpen } = useClosedFolders(workspaceId ?? '');
  const [renaming, setRenaming] = useState<TreeState['renaming']>(null);
  const [rootOver, setRootOver] = useState(false);
  const { index, filter, activity } = state;
  const tag = filter.kind === 'tag' ? filter.tag : undefined;
  const tree = useMemo(
    () => (index ? buildTree(index, activity, { tag, text }) : null),
    [index, activity, tag, text],
  );
  const rows = useMemo(() => (tree ? treeRows(tree, (id) => !closed.has(id)) : []), [tree, closed]);
  const peersByDoc = useMemo(() => {
    const map = new Map<string, Peer[]>();
    for (const p of state.peers) if (p.docId) map.set(p.docId, [...(map.get(p.docId) ?? []), p]);
    return map;
  }, [state.peers]);
  const treeState = useMemo<TreeState>(() => {
    const folders = index?.folders ?? [];
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
      folders,
      startRename: (kind, id) => setRenaming({ kind, id }),
      confirm,
      newFolderIn,
    };
    return {
      actions,
      access,
      workspaceId,
      renaming,
      setRenaming,
      setOpen,
      documentsIn: (folderId) => {
        const inside = new Set(
          folders.filter((f) => !moveTargets(folders, folderId).includes(f)).map((f) => f.id),
        );
        return (index?.documents ?? []).filter(
          (d) => d.trashedAt === null && d.folderId !== null && inside.has(d.folderId),
        ).length;
      },
      menus: {
        document: (d) => documentMenu(d, menuContext),
        folder: (f, count) => folderMenu(f, menuContext, count),
      },
    };
    // setOpen is recreated each render but only closes over setClosed, so it is left out.
  }, [actions, access, confirm, index, workspaceId, renaming]);
  const newFolder = () => {
    const id = newId();
    void actions.docs
      .createFolder('New folder', null, id)
      .then(() => setRenaming({ kind: 'folder', id }));
  };
  const toRoot = (item: Dragged) => {
    if (item.kind === 'doc') void actions.docs.moveToFolder(item.id, null);
    else void actions.docs.moveFolder(item.id, null);
  };
  const canFile = access.may('document.edit', '');
  const selectedId = state.route.kind === 'doc' ? state.route.docId : null;
  return (
    <TreeContext.Provider value={treeState}>
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
              onClick={newFolder}
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
            <VirtualTree rows={rows} selectedId={selectedId} peersByDoc={peersByDoc} />
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
    </TreeContext.Provider>
  );
}
