import {
  actorOrigin,
  createDocumentEntry,
  createFolder,
  createNote,
  kindOf,
  moveDocument,
  renameDocument,
  renameNote,
  restoreDocument,
  setTagColor,
  tagDocument,
  trashDocument,
} from '@fieldbook/crdt-model';
import type { AppStateStore } from './appState';
import { actorId } from './session/session';
import type { DocReplica } from './sync/docReplica';
import type { WorkspaceSync } from './sync/workspaceSync';
import { createChartEntries, initChartView } from './telemetry/chartDocuments';

const NEW_NOTE_TITLE = 'Untitled note';

/**
 * What the user does to documents: create, open, rename, tag, file into
 * folders, trash and restore. Each is one crdt-model change on the workspace
 * index (and the note), made locally first and synced like any edit.
 */
export class DocumentActions {
  constructor(
    private readonly store: AppStateStore,
    private readonly workspace: () => WorkspaceSync | null,
    private readonly run: (work: () => Promise<void> | void) => Promise<void>,
  ) {}

  private origin() {
    const session = this.store.get().session;
    return actorOrigin(session ? actorId(session) : 'unknown');
  }

  private index() {
    const ws = this.workspace();
    return ws?.hasIndex ? ws : null;
  }

  /** Shows a document just made here: at once, with the replica still loading behind it. */
  private showNew(ws: WorkspaceSync, docId: string, replica: DocReplica): void {
    this.store.update({
      index: ws.snapshot(),
      openDocId: docId,
      openReplica: replica,
      openIsNew: true,
      filter: { kind: 'all' },
    });
  }

  /**
   * Creates a note and opens it at once, its title taking the keys typed next.
   * A new document has no stored copy to wait for, so the note is written into
   * the replica straight away, into a database opened ahead.
   */
  createNote(): Promise<void> {
    return this.run(() => {
      const ws = this.index();
      if (!ws) return;
      const replica = ws.openNew();
      const id = replica.ref.docId;
      const origin = this.origin();
      createDocumentEntry(ws.index.doc, { id, kind: 'note', title: NEW_NOTE_TITLE }, origin);
      createNote(replica.doc, { title: NEW_NOTE_TITLE }, origin);
      this.showNew(ws, id, replica);
    });
  }

  /** Creates a chart (a telemetry view overlaying a new annotation collection) and opens it. */
  createChart(): Promise<void> {
    return this.run(() => {
      const ws = this.index();
      if (!ws) return;
      const origin = this.origin();
      const replica = ws.openNew();
      const viewId = replica.ref.docId;
      const collectionId = createChartEntries(ws.index.doc, viewId, origin);
      initChartView(replica.doc, collectionId, origin);
      this.showNew(ws, viewId, replica);
    });
  }

  /** Opens a document in the editor: its pane at once, its content once the local copy is loaded. */
  openNote(docId: string): Promise<void> {
    return this.run(async () => {
      const ws = this.workspace();
      if (!ws) return;
      this.store.update({ openDocId: docId, openReplica: null, openIsNew: false });
      const replica = ws.openNote(docId);
      await replica.ready;
      if (this.store.get().openDocId === docId) this.store.update({ openReplica: replica });
    });
  }

  /** Closes the editor. */
  closeNote(): void {
    this.workspace()?.closeNote();
    this.store.update({ openDocId: null, openReplica: null });
  }

  /** Renames a document in the tree, and the open note's own title with it. */
  rename(docId: string, title: string): Promise<void> {
    return this.run(() => {
      const ws = this.index();
      const clean = title.trim();
      if (!ws || !clean) return;
      const origin = this.origin();
      renameDocument(ws.index.doc, { id: docId, title: clean }, origin);
      const open = ws.openReplica;
      if (open?.ref.docId === docId && kindOf(open.doc) === 'note') {
        renameNote(open.doc, { title: clean }, origin);
      }
    });
  }

  /** Moves a document to the trash (restorable); closes it if open. */
  trash(docId: string): Promise<void> {
    return this.run(() => {
      const ws = this.index();
      if (!ws) return;
      trashDocument(ws.index.doc, { id: docId }, this.origin());
      if (this.store.get().openDocId === docId) this.closeNote();
    });
  }

  /** Brings a document back from the trash. */
  restore(docId: string): Promise<void> {
    return this.run(() => {
      const ws = this.index();
      if (ws) restoreDocument(ws.index.doc, { id: docId }, this.origin());
    });
  }

  /** Adds a tag to a document. */
  addTag(docId: string, tag: string): Promise<void> {
    return this.run(() => {
      const ws = this.index();
      const clean = tag.trim().toLowerCase();
      if (ws && clean) tagDocument(ws.index.doc, { id: docId, add: [clean] }, this.origin());
    });
  }

  /** Sets the colour a tag is shown in across the workspace (charts, lists). */
  setTagColor(tag: string, color: string): Promise<void> {
    return this.run(() => {
      const ws = this.index();
      if (ws) setTagColor(ws.index.doc, { tag, color }, this.origin());
    });
  }

  /** Removes a tag from a document. */
  removeTag(docId: string, tag: string): Promise<void> {
    return this.run(() => {
      const ws = this.index();
      if (ws) tagDocument(ws.index.doc, { id: docId, remove: [tag] }, this.origin());
    });
  }

  /** Creates a folder at the root of the tree. */
  createFolder(name: string): Promise<void> {
    return this.run(() => {
      const ws = this.index();
      if (ws && name.trim()) createFolder(ws.index.doc, { name: name.trim() }, this.origin());
    });
  }

  /** Files a document into a folder (null: the root). */
  moveToFolder(docId: string, folderId: string | null): Promise<void> {
    return this.run(() => {
      const ws = this.index();
      if (ws) moveDocument(ws.index.doc, { id: docId, folderId }, this.origin());
    });
  }
}
