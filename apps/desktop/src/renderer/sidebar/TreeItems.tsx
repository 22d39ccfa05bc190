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
import { memo, useContext, useState, type KeyboardEvent, type MouseEvent } from 'react';
import type { Peer } from '../appState';
import { formatLocation } from '../shell/route';
import { IconButton, Menu, MenuEntriesContent, MenuTrigger, type MenuEntry } from '../ui';
import { dropTarget, startDrag, type Dragged } from './dragAndDrop';
import { RenameField } from './RenameField';
import { TreeContext } from './treeContext';
import type { FolderNode } from './treeModel';

const KIND_ICON = { note: FileText, view: LineChart, annotations: Highlighter } as const;
const KIND_NAME = { note: 'Note', view: 'Chart', annotations: 'Annotations' } as const;

/**
 * A row's "…" menu, also opened by right-click or the context-menu key. Its
 * Radix menu is only mounted once asked for, so a tree of a thousand rows
 * stays light.
 */
function useRowMenu() {
  const [open, setOpen] = useState(false);
  const [mounted, setMounted] = useState(false);
  const show = () => {
    setMounted(true);
    setOpen(true);
  };
  const onContextMenu = (e: MouseEvent) => {
    e.preventDefault();
    show();
  };
  return { open, setOpen, mounted, show, onContextMenu };
}

function RowMenu({
  menu,
  entries,
  label,
}: {
  menu: ReturnType<typeof useRowMenu>;
  entries: () => MenuEntry[];
  label: string;
}) {
  const button = (
    <IconButton
      className="tree-row__more"
      size="sm"
      label={label}
      icon={<MoreHorizontal size={16} />}
      noTooltip
      aria-haspopup="menu"
      onClick={menu.mounted ? undefined : menu.show}
    />
  );
  if (!menu.mounted) return button;
  return (
    <Menu open={menu.open} onOpenChange={menu.setOpen}>
      <MenuTrigger asChild>{button}</MenuTrigger>
      <MenuEntriesContent entries={entries()} align="start" />
    </Menu>
  );
}

/** Where a row is drawn in the virtualised tree, and its place among its siblings. */
export interface RowPlace {
  /** The row's index in the tree's rows (data-index, for the keyboard and the virtualiser). */
  readonly index: number;
  /** Its offset from the top of the tree's list, in px. */
  readonly top: number;
  /**
   * Drawn apart from the rows in view (the focused row, scrolled away): placed
   * at `top` instead of in the flow of its list.
   */
  readonly floating: boolean;
  readonly depth: number;
  readonly pos: number;
  readonly size: number;
}

/** Props that place a row (see VirtualTree) indented by `indent` px. */
function placed(at: RowPlace, indent?: number) {
  return {
    'data-index': at.index,
    'data-floating': at.floating || undefined,
    style: { transform: at.floating ? `translateY(${at.top}px)` : undefined, paddingLeft: indent },
  };
}

/** A list item's place among its siblings, for a list only partly in the DOM. */
export const listPlace = (at: Pick<RowPlace, 'pos' | 'size'>) => ({
  'aria-posinset': at.pos,
  'aria-setsize': at.size,
});

const samePlace = (a: RowPlace, b: RowPlace) =>
  a.index === b.index &&
  a.top === b.top &&
  a.floating === b.floating &&
  a.depth === b.depth &&
  a.pos === b.pos &&
  a.size === b.size;

/** A document row: a link to it, its menu (button or right-click), draggable into folders. */
export const TreeDoc = memo(TreeDocRow, sameRow);

/** Rows re-render only when what they show changed (index snapshots are new objects each time). */
function sameRow(
  a: Parameters<typeof TreeDocRow>[0],
  b: Parameters<typeof TreeDocRow>[0],
): boolean {
  return (
    samePlace(a.at, b.at) &&
    a.selected === b.selected &&
    a.here === b.here &&
    a.d.id === b.d.id &&
    a.d.title === b.d.title &&
    a.d.kind === b.d.kind &&
    a.d.createdBy === b.d.createdBy
  );
}

function TreeDocRow({
  d,
  at,
  selected,
  here,
}: {
  d: DocumentEntry;
  at: RowPlace;
  selected: boolean;
  /** Other people in this document. */
  here: readonly Peer[] | undefined;
}) {
  const tree = useContext(TreeContext)!;
  const { actions, access, menus } = tree;
  const menu = useRowMenu();
  const Icon = KIND_ICON[d.kind];
  const title = d.title || 'Untitled';
  const movable = access.may('document.edit', d.createdBy);
  const depth = at.depth;
  if (tree.renaming?.id === d.id) {
    return (
      <li
        className="tree-doc tree-row tree-row--editing"
        {...placed(at, 8 + depth * 16)}
        {...listPlace(at)}
      >
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
  const names = here?.map((p) => p.name).join(', ');
  return (
    <li className="tree-doc" {...placed(at)} {...listPlace(at)}>
      <div
        className={`tree-row${selected ? ' tree-row--selected' : ''}`}
        style={{ paddingLeft: 8 + depth * 16 }}
        draggable={movable}
        onDragStart={(e) => startDrag(e, { kind: 'doc', id: d.id })}
        onContextMenu={menu.onContextMenu}
      >
        <a
          className="tree-row__main"
          href={formatLocation({
            workspaceId: tree.workspaceId,
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
        {here && here.length > 0 && (
          <span
            role="img"
            className="tree-row__peers"
            style={{ background: here[0]!.color }}
            aria-label={`${names} here`}
            title={`${names} here`}
          />
        )}
        <RowMenu menu={menu} entries={() => menus.document(d)} label={`More for ${title}`} />
      </div>
    </li>
  );
}

/** A folder row that opens and closes and takes dropped items; its contents are rows of their own. */
export function TreeFolder({ node, at, open }: { node: FolderNode; at: RowPlace; open: boolean }) {
  const tree = useContext(TreeContext)!;
  const { folder } = node;
  const { actions, access } = tree;
  const [over, setOver] = useState(false);
  const menu = useRowMenu();
  const editable = access.may('document.edit', '');
  const depth = at.depth;
  const onDrop = (item: Dragged) => {
    if (item.kind === 'doc') void actions.docs.moveToFolder(item.id, folder.id);
    else if (item.id !== folder.id) void actions.docs.moveFolder(item.id, folder.id);
    tree.setOpen(folder.id, true);
  };
  const FolderGlyph = open ? FolderOpen : FolderIcon;
  if (tree.renaming?.id === folder.id) {
    return (
      <div className="tree-row tree-row--editing" {...placed(at, 8 + depth * 16)}>
        <RenameField
          initial={folder.name}
          label="Folder name"
          onDone={(name) => {
            tree.setRenaming(null);
            if (name) void actions.docs.renameFolder(folder.id, name);
          }}
        />
      </div>
    );
  }
  return (
    <div
      className={`tree-row tree-row--folder${over ? ' tree-row--drop' : ''}`}
      {...placed(at, 4 + depth * 16)}
      draggable={editable}
      onDragStart={(e) => startDrag(e, { kind: 'folder', id: folder.id })}
      onContextMenu={menu.onContextMenu}
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
      <RowMenu
        menu={menu}
        entries={() => tree.menus.folder(folder, tree.documentsIn(folder.id))}
        label={`More for folder ${folder.name}`}
      />
    </div>
  );
}

/** The line an open, empty folder shows. */
export function EmptyFolderRow({ at }: { at: RowPlace }) {
  return (
    <li className="tree-empty" {...placed(at, 14 + at.depth * 16)} {...listPlace(at)}>
      Empty folder
    </li>
  );
}
