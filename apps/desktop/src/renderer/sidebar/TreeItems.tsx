import type { DocumentEntry } from '@fieldbook/shared';
import {
  ChevronRight,
  FileText,
  Folder as FolderIcon,
  FolderOpen,
  Highlighter,
  LineChart,
  MoreHorizontal,
} from 'lucide-react';
import { useState, type KeyboardEvent } from 'react';
import { formatLocation } from '../shell/route';
import {
  ContextMenu,
  ContextMenuEntriesContent,
  ContextMenuTrigger,
  IconButton,
  Menu,
  MenuEntriesContent,
  MenuTrigger,
  type MenuEntry,
} from '../ui';
import { dropTarget, startDrag, type Dragged } from './dragAndDrop';
import { RenameField } from './RenameField';
import type { FolderNode } from './treeModel';
import type { TreeState } from './DocumentTree';

const KIND_ICON = { note: FileText, view: LineChart, annotations: Highlighter } as const;
const KIND_NAME = { note: 'Note', view: 'Chart', annotations: 'Annotations' } as const;

function RowMenu({ entries, label }: { entries: MenuEntry[]; label: string }) {
  if (entries.length === 0) return null;
  return (
    <Menu>
      <MenuTrigger asChild>
        <IconButton
          className="tree-row__more"
          size="sm"
          label={label}
          icon={<MoreHorizontal size={16} />}
          noTooltip
        />
      </MenuTrigger>
      <MenuEntriesContent entries={entries} align="start" />
    </Menu>
  );
}

/** A document row: a link to it, its "…" menu, its right-click menu, draggable into folders. */
export function TreeDoc({ d, depth, tree }: { d: DocumentEntry; depth: number; tree: TreeState }) {
  const { state, actions, access, menus } = tree;
  const selected = state.route.kind === 'doc' && state.route.docId === d.id;
  const here = state.peers.filter((p) => p.docId === d.id);
  const Icon = KIND_ICON[d.kind];
  const title = d.title || 'Untitled';
  const entries = menus.document(d);
  const movable = access.may('document.edit', d.createdBy);
  if (tree.renaming?.id === d.id) {
    return (
      <li className="tree-row tree-row--editing" style={{ paddingLeft: 8 + depth * 16 }}>
        <RenameField
          initial={d.title}
          label="Document title"
          onDone={(name) => {
            tree.setRenaming(null);
            if (name) void actions.docs.rename(d.id, name);
          }}
        />
      </li>
    );
  }
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'F2' && movable) {
      e.preventDefault();
      tree.setRenaming({ kind: 'doc', id: d.id });
    }
  };
  return (
    <li>
      <ContextMenu>
        <ContextMenuTrigger asChild disabled={entries.length === 0}>
          <div
            className={`tree-row${selected ? ' tree-row--selected' : ''}`}
            style={{ paddingLeft: 8 + depth * 16 }}
            draggable={movable}
            onDragStart={(e) => startDrag(e, { kind: 'doc', id: d.id })}
          >
            <a
              className="tree-row__main"
              href={formatLocation({
                workspaceId: state.workspace?.id ?? null,
                route: { kind: 'doc', docId: d.id },
              })}
              aria-current={selected ? 'page' : undefined}
              title={`${KIND_NAME[d.kind]}: ${title}`}
              onClick={(e) => {
                e.preventDefault();
                actions.navigate({ kind: 'doc', docId: d.id });
              }}
              onKeyDown={onKey}
            >
              <Icon size={15} className="tree-row__icon" aria-hidden="true" />
              <span className="tree-row__label">{title}</span>
            </a>
            {here.length > 0 && (
              <span
                role="img"
                className="tree-row__peers"
                style={{ background: here[0]!.color }}
                aria-label={`${here.map((p) => p.name).join(', ')} here`}
                title={`${here.map((p) => p.name).join(', ')} here`}
              />
            )}
            <RowMenu entries={entries} label={`More for ${title}`} />
          </div>
        </ContextMenuTrigger>
        <ContextMenuEntriesContent entries={entries} />
      </ContextMenu>
    </li>
  );
}

/** A folder row that opens and closes, takes dropped items, and lists what it holds. */
export function TreeFolder({
  node,
  depth,
  tree,
}: {
  node: FolderNode;
  depth: number;
  tree: TreeState;
}) {
  const { folder } = node;
  const { actions, access } = tree;
  const [over, setOver] = useState(false);
  const open = tree.isOpen(folder.id);
  const count = countDocs(node);
  const entries = tree.menus.folder(folder, count);
  const editable = access.may('document.edit', '');
  const onDrop = (item: Dragged) => {
    if (item.kind === 'doc') void actions.docs.moveToFolder(item.id, folder.id);
    else if (item.id !== folder.id) void actions.docs.moveFolder(item.id, folder.id);
    tree.setOpen(folder.id, true);
  };
  const FolderGlyph = open ? FolderOpen : FolderIcon;
  return (
    <li>
      {tree.renaming?.id === folder.id ? (
        <div className="tree-row tree-row--editing" style={{ paddingLeft: 8 + depth * 16 }}>
          <RenameField
            initial={folder.name}
            label="Folder name"
            onDone={(name) => {
              tree.setRenaming(null);
              if (name) void actions.docs.renameFolder(folder.id, name);
            }}
          />
        </div>
      ) : (
        <ContextMenu>
          <ContextMenuTrigger asChild disabled={entries.length === 0}>
            <div
              className={`tree-row tree-row--folder${over ? ' tree-row--drop' : ''}`}
              style={{ paddingLeft: 4 + depth * 16 }}
              draggable={editable}
              onDragStart={(e) => startDrag(e, { kind: 'folder', id: folder.id })}
              {...(editable ? dropTarget(onDrop, setOver) : {})}
            >
              <button
                type="button"
                className="tree-row__main"
                aria-expanded={open}
                onClick={() => tree.setOpen(folder.id, !open)}
                onKeyDown={(e) => {
                  if (e.key === 'F2' && editable) {
                    e.preventDefault();
                    tree.setRenaming({ kind: 'folder', id: folder.id });
                  } else if (e.key === 'ArrowRight' && !open) tree.setOpen(folder.id, true);
                  else if (e.key === 'ArrowLeft' && open) tree.setOpen(folder.id, false);
                }}
              >
                <ChevronRight
                  size={14}
                  className={`tree-row__chevron${open ? ' tree-row__chevron--open' : ''}`}
                  aria-hidden="true"
                />
                <FolderGlyph size={15} className="tree-row__icon" aria-hidden="true" />
                <span className="tree-row__label">{folder.name}</span>
              </button>
              <RowMenu entries={entries} label={`More for folder ${folder.name}`} />
            </div>
          </ContextMenuTrigger>
          <ContextMenuEntriesContent entries={entries} />
        </ContextMenu>
      )}
      {open && (
        <ul role="group" aria-label={folder.name} className="tree-list">
          {node.folders.map((child) => (
            <TreeFolder key={child.folder.id} node={child} depth={depth + 1} tree={tree} />
          ))}
          {node.docs.map((d) => (
            <TreeDoc key={d.id} d={d} depth={depth + 1} tree={tree} />
          ))}
          {node.folders.length === 0 && node.docs.length === 0 && (
            <li className="tree-empty" style={{ paddingLeft: 30 + depth * 16 }}>
              Empty folder
            </li>
          )}
        </ul>
      )}
    </li>
  );
}

function countDocs(node: FolderNode): number {
  return node.docs.length + node.folders.reduce((n, f) => n + countDocs(f), 0);
}
