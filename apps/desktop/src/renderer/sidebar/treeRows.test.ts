import type { DocumentEntry, Folder } from '@fieldbook/shared';
import { describe, expect, it } from 'vitest';
import type { FolderNode, Tree } from './treeModel';
import { treeRows } from './treeRows';

const doc = (id: string): DocumentEntry => ({
  id,
  kind: 'note',
  title: id,
  tags: [],
  folderId: null,
  createdBy: 'ada',
  createdAt: 1000,
  updatedAt: 1000,
  trashedAt: null,
});
const folder = (id: string, folders: FolderNode[], docs: DocumentEntry[]): FolderNode => ({
  folder: { id, name: id, parentId: null } satisfies Folder,
  folders,
  docs,
});

// Sol 12 { Drive { d1 }, Empty {}, d2 }, Closed { d3 }, d4, d5
const tree: Tree = {
  folders: [
    folder('Sol 12', [folder('Drive', [], [doc('d1')]), folder('Empty', [], [])], [doc('d2')]),
    folder('Closed', [], [doc('d3')]),
  ],
  docs: [doc('d4'), doc('d5')],
  count: 5,
};

describe('sidebar tree rows', () => {
  it('lists rows in order, closed folders without their contents, with depth and place', () => {
    const rows = treeRows(tree, (id) => id !== 'Closed');
    expect(rows.map((r) => [r.key, r.depth, r.pos, r.size])).toEqual([
      ['Sol 12', 0, 1, 4],
      ['Drive', 1, 1, 3],
      ['d1', 2, 1, 1],
      ['Empty', 1, 2, 3],
      ['Empty:empty', 2, 1, 1],
      ['d2', 1, 3, 3],
      ['Closed', 0, 2, 4],
      ['d4', 0, 3, 4],
      ['d5', 0, 4, 4],
    ]);
  });

  it('gives each folder the index after its last descendant, to draw a window inside it', () => {
    const rows = treeRows(tree, (id) => id !== 'Closed');
    const ends = rows.flatMap((r) => (r.kind === 'folder' ? [[r.key, r.end, r.open]] : []));
    expect(ends).toEqual([
      ['Sol 12', 6, true],
      ['Drive', 3, true],
      ['Empty', 5, true],
      ['Closed', 7, false],
    ]);
  });
});
