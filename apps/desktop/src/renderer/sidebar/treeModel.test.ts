import type { DocumentEntry, Folder, WorkspaceIndexSnapshot } from '@fieldbook/shared';
import { describe, expect, it } from 'vitest';
import { buildTree, folderPath, moveTargets } from './treeModel';

let n = 0;
const id = () => `0190a1b2-c3d4-7e5f-8a9b-${String(++n).padStart(12, '0')}`;
const doc = (title: string, extra: Partial<DocumentEntry> = {}): DocumentEntry => ({
  id: id(),
  kind: 'note',
  title,
  tags: [],
  folderId: null,
  createdBy: 'ada',
  createdAt: 1000,
  updatedAt: 1000,
  trashedAt: null,
  ...extra,
});
const folder = (name: string, parentId: string | null = null): Folder => ({
  id: id(),
  name,
  parentId,
});
const index = (documents: DocumentEntry[], folders: Folder[] = []): WorkspaceIndexSnapshot => ({
  schemaVersion: 1,
  name: 'w',
  documents,
  folders,
  tagColors: {},
});

describe('sidebar tree', () => {
  it('nests folders, sorts by title and leaves out the trash', () => {
    const top = folder('Sol 12');
    const inner = folder('Drive', top.id);
    const docs = [
      doc('b note', { folderId: inner.id }),
      doc('Note 10'),
      doc('Note 9'),
      doc('gone', { trashedAt: 5 }),
    ];
    const tree = buildTree(index(docs, [top, inner]), new Map());
    expect(tree.docs.map((d) => d.title)).toEqual(['Note 9', 'Note 10']);
    expect(tree.folders[0]!.folder.name).toBe('Sol 12');
    expect(tree.folders[0]!.folders[0]!.docs.map((d) => d.title)).toEqual(['b note']);
    expect(tree.count).toBe(3);
  });

  it('lists a chart once: its annotation collection opens from the chart', () => {
    const chart = doc('Wheel currents', { kind: 'view' });
    const owned = doc('Wheel currents annotations', { kind: 'annotations' });
    const legacyChart = doc('Old chart', { kind: 'view', createdAt: 50 });
    const legacy = doc('Old chart annotations', { kind: 'annotations', createdAt: 50 });
    const standalone = doc('Field anomalies', { kind: 'annotations', createdAt: 90_000 });
    const activity = new Map([[owned.id, { updatedBy: null, ownerId: chart.id }]]);
    const tree = buildTree(index([chart, owned, legacyChart, legacy, standalone]), activity);
    expect(tree.docs.map((d) => d.title)).toEqual([
      'Field anomalies',
      'Old chart',
      'Wheel currents',
    ]);
  });

  it('filters by tag in any case and by title words, keeping only folders on the way', () => {
    const f = folder('Ops');
    const empty = folder('Empty');
    const docs = [
      doc('Drive log', { folderId: f.id, tags: ['Needs Review'] }),
      doc('Imaging plan', { tags: ['ops'] }),
    ];
    const byTag = buildTree(index(docs, [f, empty]), new Map(), { tag: 'needs review' });
    expect(byTag.folders.map((n) => n.folder.name)).toEqual(['Ops']);
    expect(byTag.docs).toEqual([]);
    const byText = buildTree(index(docs, [f, empty]), new Map(), { text: 'plan IMAG' });
    expect(byText.docs.map((d) => d.title)).toEqual(['Imaging plan']);
    expect(byText.folders).toEqual([]);
  });

  it('gives a folder path and where a folder may move', () => {
    const a = folder('a');
    const b = folder('b', a.id);
    const c = folder('c', b.id);
    const d = folder('d');
    expect(folderPath([a, b, c, d], c.id).map((f) => f.name)).toEqual(['a', 'b', 'c']);
    expect(moveTargets([a, b, c, d], b.id).map((f) => f.name)).toEqual(['a', 'd']);
  });
});
