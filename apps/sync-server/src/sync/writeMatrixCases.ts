// The kinds of change the generated write matrix (writeMatrix.test.ts) sends
// as each role: per document kind, a seed made by the server and one change
// made by the sender's stock client through crdt-model, with the permission the
// matrix says it needs (own: relative to the sender) or 'never' (forgeries,
// locked content) whatever the role.
import type * as Y from 'yjs';
import * as M from '@fieldbook/crdt-model';
import type { Action, DocKind } from '@fieldbook/shared';

type Origin = ReturnType<typeof M.actorOrigin>;
/** Ids the seed made, for the change. */
type Seeded = Record<string, string>;

/** One kind of change. */
export interface WriteCase {
  name: string;
  kind: DocKind;
  /** Writes the document's starting content on the server (unchecked), as `bob` and as the sender `me`. */
  seed?(doc: Y.Doc, me: Origin, bob: Origin): Seeded;
  change(doc: Y.Doc, me: Origin, ids: Seeded, bob: Origin): void;
  needs: { action: Action; own?: boolean } | 'never';
}

const point = { kind: 'point' as const, anchor: { channels: ['a'], t: 1, y: 1 } };
const rita = M.actorOrigin('rita');

function workspace(doc: Y.Doc, me: Origin, bob: Origin): Seeded {
  M.createWorkspaceIndex(doc, { name: 'Lab' }, bob);
  return {
    mine: M.createDocumentEntry(doc, { kind: 'note', title: 'mine' }, me),
    other: M.createDocumentEntry(doc, { kind: 'note', title: 'bobs' }, bob),
    folder: M.createFolder(doc, { name: 'Runs' }, bob),
  };
}

function collection(doc: Y.Doc, me: Origin, bob: Origin): Seeded {
  M.createAnnotationCollection(doc, { name: 'Events' }, bob);
  const mine = M.createAnnotation(doc, { ...point, title: 'mine' }, me);
  const other = M.createAnnotation(doc, { ...point, title: 'bobs' }, bob);
  const approved = M.createAnnotation(doc, { ...point, title: 'approved' }, bob);
  M.approveAnnotation(doc, { id: approved }, rita);
  return {
    mine,
    other,
    approved,
    myComment: M.addComment(doc, { annotationId: other, body: 'mine' }, me),
    bobsComment: M.addComment(doc, { annotationId: mine, body: 'bobs' }, bob),
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

const commentsOf = (doc: Y.Doc, id: string) =>
  doc.getMap<Y.Map<unknown>>('annotations').get(id)!.get('comments') as Y.Map<unknown>;

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
  // annotations
  {
    name: 'draw an annotation',
    kind: 'annotations',
    seed: collection,
    change: (d, me) => M.createAnnotation(d, point, me),
    needs: { action: 'annotation.create' },
  },
  {
    name: 'draw an annotation authored by someone else',
    kind: 'annotations',
    seed: collection,
    change: (d, _me, _i, bob) => M.createAnnotation(d, point, bob),
    needs: 'never',
  },
  {
    name: 'edit own annotation',
    kind: 'annotations',
    seed: collection,
    change: (d, me, i) => M.editAnnotation(d, { id: i.mine!, title: 't' }, me),
    needs: { action: 'annotation.edit', own: true },
  },
  {
    name: "retitle another's annotation",
    kind: 'annotations',
    seed: collection,
    change: (d, me, i) => M.editAnnotation(d, { id: i.other!, title: 't' }, me),
    needs: { action: 'annotation.edit', own: false },
  },
  {
    name: "move another's annotation",
    kind: 'annotations',
    seed: collection,
    change: (d, me, i) => M.moveAnnotation(d, { id: i.other!, dt: 5 }, me),
    needs: { action: 'annotation.edit', own: false },
  },
  {
    name: 'approve an annotation',
    kind: 'annotations',
    seed: collection,
    change: (d, me, i) => M.approveAnnotation(d, { id: i.other! }, me),
    needs: { action: 'annotation.approve' },
  },
  {
    name: 'edit an approved annotation',
    kind: 'annotations',
    seed: collection,
    change: (d, me, i) => M.editAnnotation(d, { id: i.approved!, body: 'later' }, me),
    needs: 'never',
  },
  {
    name: 'reopen an approved annotation',
    kind: 'annotations',
    seed: collection,
    change: (d, me, i) => M.reopenAnnotation(d, { id: i.approved! }, me),
    needs: { action: 'annotation.approve' },
  },
  {
    name: 'delete an annotation',
    kind: 'annotations',
    seed: collection,
    change: (d, me, i) => M.deleteAnnotation(d, { id: i.other! }, me),
    needs: { action: 'annotation.delete' },
  },
  {
    name: 'comment',
    kind: 'annotations',
    seed: collection,
    change: (d, me, i) => M.addComment(d, { annotationId: i.other!, body: 'hi' }, me),
    needs: { action: 'comment.create' },
  },
  {
    name: 'comment as someone else',
    kind: 'annotations',
    seed: collection,
    change: (d, _me, i, bob) => M.addComment(d, { annotationId: i.other!, body: 'hi' }, bob),
    needs: 'never',
  },
  {
    name: 'edit own comment',
    kind: 'annotations',
    seed: collection,
    change: (d, me, i) =>
      M.editComment(d, { annotationId: i.other!, commentId: i.myComment!, body: 'e' }, me),
    needs: { action: 'comment.edit', own: true },
  },
  {
    name: "edit another's comment",
    kind: 'annotations',
    seed: collection,
    change: (d, me, i) =>
      M.editComment(d, { annotationId: i.mine!, commentId: i.bobsComment!, body: 'e' }, me),
    needs: { action: 'comment.edit', own: false },
  },
  {
    name: "resolve another's comment",
    kind: 'annotations',
    seed: collection,
    change: (d, me, i) =>
      M.resolveComment(d, { annotationId: i.mine!, commentId: i.bobsComment! }, me),
    needs: { action: 'comment.resolve', own: false },
  },
  {
    name: "delete another's comment",
    kind: 'annotations',
    seed: collection,
    change: (d, _me, i) => commentsOf(d, i.mine!).delete(i.bobsComment!),
    needs: { action: 'comment.delete', own: false },
  },
  {
    name: 'delete own comment',
    kind: 'annotations',
    seed: collection,
    change: (d, _me, i) => commentsOf(d, i.other!).delete(i.myComment!),
    needs: { action: 'comment.delete', own: true },
  },
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
    name: 'retitle a view',
    kind: 'view',
    seed: view,
    change: (d, me) => M.renameView(d, { title: 'Mine' }, me),
    needs: { action: 'document.editContent' },
  },
];
