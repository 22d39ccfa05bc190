// The kinds of change the generated write matrix (writeMatrix.test.ts) sends
// as each role: per document kind, a seed made by the server and one change
// made by the sender's stock client through crdt-model, with the permission the
// matrix says it needs (own: relative to the sender) or 'never' (forgeries,
// locked content) whatever the role.
import type * as Y from 'yjs';
import * as M from '@fieldbook/crdt-model';
import type { Action, DocKind } from '@fieldbook/shared';
import { ANNOTATION_CASES } from './writeMatrixAnnotationCases';

/** Who makes a change. */
export type Origin = ReturnType<typeof M.actorOrigin>;
/** Ids the seed made, for the change. */
export type Seeded = Record<string, string>;

/** One kind of change. */
export interface WriteCase {
  name: string;
  kind: DocKind;
  /** Writes the document's starting content on the server (unchecked), as `bob` and as the sender `me`. */
  seed?(doc: Y.Doc, me: Origin, bob: Origin): Seeded;
  change(doc: Y.Doc, me: Origin, ids: Seeded, bob: Origin): void;
  needs: { action: Action; own?: boolean } | 'never';
}

function workspace(doc: Y.Doc, me: Origin, bob: Origin): Seeded {
  M.createWorkspaceIndex(doc, { name: 'Lab' }, bob);
  return {
    mine: M.createDocumentEntry(doc, { kind: 'note', title: 'mine' }, me),
    other: M.createDocumentEntry(doc, { kind: 'note', title: 'bobs' }, bob),
    folder: M.createFolder(doc, { name: 'Runs' }, bob),
  };
}

const note = (doc: Y.Doc, _me: Origin, bob: Origin): Seeded => {
  M.createNote(doc, { title: 'Log', text: 'hello' }, bob);
  return {};
};

const view = (doc: Y.Doc, _me: Origin, bob: Origin): Seeded => {
  M.createTelemetryView(doc, { title: 'Rover' }, bob);
  return { panel: M.addPanel(doc, { title: 'Temps' }, bob) };
};

/** Every kind of change the matrix sends, per document kind. */
export const WRITE_CASES: WriteCase[] = [
  // workspace index
  {
    name: 'list a new document',
    kind: 'workspace',
    seed: workspace,
    change: (d, me) => M.createDocumentEntry(d, { kind: 'note', title: 'n' }, me),
    needs: { action: 'document.create' },
  },
  {
    name: 'list a document as someone else',
    kind: 'workspace',
    seed: workspace,
    change: (d, _me, _i, bob) => M.createDocumentEntry(d, { kind: 'note', title: 'n' }, bob),
    needs: 'never',
  },
  {
    name: 'rename own document',
    kind: 'workspace',
    seed: workspace,
    change: (d, me, i) => M.renameDocument(d, { id: i.mine!, title: 'x' }, me),
    needs: { action: 'document.edit', own: true },
  },
  {
    name: "rename another's document",
    kind: 'workspace',
    seed: workspace,
    change: (d, me, i) => M.renameDocument(d, { id: i.other!, title: 'x' }, me),
    needs: { action: 'document.edit', own: false },
  },
  {
    name: 'trash own document',
    kind: 'workspace',
    seed: workspace,
    change: (d, me, i) => M.trashDocument(d, { id: i.mine! }, me),
    needs: { action: 'document.trash', own: true },
  },
  {
    name: "trash another's document",
    kind: 'workspace',
    seed: workspace,
    change: (d, me, i) => M.trashDocument(d, { id: i.other! }, me),
    needs: { action: 'document.trash', own: false },
  },
  {
    name: 'purge a document',
    kind: 'workspace',
    seed: workspace,
    change: (d, _me, i) => d.getMap('documents').delete(i.other!),
    needs: { action: 'document.delete' },
  },
  {
    name: 'make a folder',
    kind: 'workspace',
    seed: workspace,
    change: (d, me) => M.createFolder(d, { name: 'New' }, me),
    needs: { action: 'document.create' },
  },
  {
    name: 'rename a folder',
    kind: 'workspace',
    seed: workspace,
    change: (d, me, i) => M.renameFolder(d, { id: i.folder!, name: 'Old' }, me),
    needs: { action: 'document.edit', own: false },
  },
  {
    name: 'file own document in a folder',
    kind: 'workspace',
    seed: workspace,
    change: (d, me, i) => M.moveDocument(d, { id: i.mine!, folderId: i.folder! }, me),
    needs: { action: 'document.edit', own: true },
  },
  {
    name: "file another's document in a folder",
    kind: 'workspace',
    seed: workspace,
    change: (d, me, i) => M.moveDocument(d, { id: i.other!, folderId: i.folder! }, me),
    needs: { action: 'document.edit', own: false },
  },
  {
    name: 'delete a folder',
    kind: 'workspace',
    seed: workspace,
    change: (d, me, i) => M.deleteFolder(d, { id: i.folder! }, me),
    needs: { action: 'document.trash', own: false },
  },
  {
    name: 'rename the workspace',
    kind: 'workspace',
    seed: workspace,
    change: (d, me) => M.renameWorkspace(d, { name: 'Mine' }, me),
    needs: { action: 'workspace.update' },
  },
  // note
  {
    name: 'create a note',
    kind: 'note',
    change: (d, me) => M.createNote(d, { title: 'New' }, me),
    needs: { action: 'document.create' },
  },
  {
    name: 'type in a note',
    kind: 'note',
    seed: note,
    change: (d, me) => M.editNoteText(d, { index: 5, insert: '!' }, me),
    needs: { action: 'document.editContent' },
  },
  {
    name: 'retitle a note',
    kind: 'note',
    seed: note,
    change: (d, me) => M.renameNote(d, { title: 'Mine' }, me),
    needs: { action: 'document.editContent' },
  },
  {
    name: 'tag a note',
    kind: 'note',
    seed: note,
    change: (d, me) => M.tagNote(d, { add: ['x'] }, me),
    needs: { action: 'document.editContent' },
  },
  {
    name: 'attach a file to a note',
    kind: 'note',
    seed: note,
    change: (d, me) =>
      M.addNoteAttachment(
        d,
        { hash: 'a'.repeat(64), name: 'scan.png', mimeType: 'image/png', size: 10 },
        me,
      ),
    needs: { action: 'document.editContent' },
  },
  {
    name: 'write outside the note schema',
    kind: 'note',
    seed: note,
    change: (d) => d.getMap('secret').set('k', 1),
    needs: 'never',
  },
  {
    name: 'turn a note into a view',
    kind: 'note',
    seed: note,
    change: (d) => d.getMap('meta').set('kind', 'view'),
    needs: 'never',
  },
  ...ANNOTATION_CASES,
  // view
  {
    name: 'add a panel',
    kind: 'view',
    seed: view,
    change: (d, me) => M.addPanel(d, { title: 'P' }, me),
    needs: { action: 'document.editContent' },
  },
  {
    name: 'rename a panel',
    kind: 'view',
    seed: view,
    change: (d, me, i) => M.renamePanel(d, { panelId: i.panel!, title: 'Q' }, me),
    needs: { action: 'document.editContent' },
  },
  {
    name: 'remove a panel',
    kind: 'view',
    seed: view,
    change: (d, me, i) => M.removePanel(d, { panelId: i.panel! }, me),
    needs: { action: 'document.editContent' },
  },
  {
    name: 'retitle a view',
    kind: 'view',
    seed: view,
    change: (d, me) => M.renameView(d, { title: 'Mine' }, me),
    needs: { action: 'document.editContent' },
  },
];
