import type { DocumentEntry } from '@fieldbook/shared';
import type { FolderNode, Tree } from './treeModel';

/** Where a row sits among its siblings (aria-posinset / aria-setsize). */
interface Place {
  readonly depth: number;
  readonly pos: number;
  readonly size: number;
}

/**
 * One line of the sidebar tree, in the order shown. A folder row's `end` is
 * the index after its last descendant row, so a window of rows can be drawn
 * inside the folders' nested lists.
 */
export type TreeRow =
  | (Place & {
      readonly kind: 'folder';
      readonly key: string;
      readonly node: FolderNode;
      readonly open: boolean;
      readonly end: number;
    })
  | (Place & { readonly kind: 'doc'; readonly key: string; readonly d: DocumentEntry })
  | (Place & { readonly kind: 'empty'; readonly key: string });

/** The rows of `tree` with closed folders' contents left out; folders first, as listed. */
export function treeRows(tree: Tree, isOpen: (folderId: string) => boolean): TreeRow[] {
  const rows: TreeRow[] = [];
  const add = (folders: readonly FolderNode[], docs: readonly DocumentEntry[], depth: number) => {
    const size = folders.length + docs.length;
    folders.forEach((node, i) => {
      const open = isOpen(node.folder.id);
      const at = rows.length;
      rows.push({
        kind: 'folder',
        key: node.folder.id,
        node,
        open,
        end: 0,
        depth,
        pos: i + 1,
        size,
      });
      if (open && node.folders.length + node.docs.length === 0) {
        rows.push({
          kind: 'empty',
          key: `${node.folder.id}:empty`,
          depth: depth + 1,
          pos: 1,
          size: 1,
        });
      } else if (open) add(node.folders, node.docs, depth + 1);
      rows[at] = { ...(rows[at] as TreeRow & { kind: 'folder' }), end: rows.length };
    });
    docs.forEach((d, i) =>
      rows.push({ kind: 'doc', key: d.id, d, depth, pos: folders.length + i + 1, size }),
    );
  };
  add(tree.folders, tree.docs, 0);
  return rows;
}
