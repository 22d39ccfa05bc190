import {
  createDocumentEntry,
  createNote,
  editNoteText,
  emptyTrash,
  kindOf,
  moveDocument,
  purgeDocument,
  readNote,
  renameDocument,
  renameNote,
  setTrashedWithOwned,
  touchDocument,
  type ModelOrigin,
} from '@fieldbook/crdt-model';
import { FieldbookError, newId } from '@fieldbook/shared';
import type * as Y from 'yjs';
import { FilingActions } from './filingActions';
import { HOME } from './shell/route';
import type { DocReplica } from './sync/docReplica';
import type { WorkspaceSync } from './sync/workspaceSync';
import { createChartEntries, initChartView } from './telemetry/chartDocuments';
import { toast } from './ui';

const NEW_NOTE_TITLE = 'Untitled note';

/**
 * What the user does to documents and folders: create, open, rename, tag,
 * file, trash, restore, delete forever. Each is one crdt-model change on the
 * workspace index (and the note), made locally first and synced like any edit.
 * Tags, folders and saved searches come from FilingActions.
 */
export class DocumentActions extends FilingActions {
  /** Shows a document just made here: at once, with the replica still loading behind it. */
  private showNew(ws: WorkspaceSync, docId: string, replica: DocReplica): void {
    this.store.update({
      index: ws.snapshot(),
      route: { kind: 'doc', docId },
      openDocId: docId,
      openReplica: replica,
      openIsNew: true,
      filter: { kind: 'all' },
    });
  }

  /**
   * Creates a note (in `folderId`, else at the root) and opens it at once, its
   * title taking the keys typed next. A new document has no stored copy to
   * wait for, so the note is written into the replica straight away, into a
   * database opened ahead.
   */
  createNote(folderId: string | null = null): Promise<void> {
    return this.run(() => {
      const ws = this.index();
      if (!ws || !this.may('document.create')) return;
      const replica = ws.openNew();
      const id = replica.ref.docId;
      const origin = this.origin();
      createDocumentEntry(
        ws.index.doc,
        { id, kind: 'note', title: NEW_NOTE_TITLE, folderId },
        origin,
      );
      createNote(replica.doc, { title: NEW_NOTE_TITLE }, origin);
      this.showNew(ws, id, replica);
    });
  }

  /**
   * Creates a chart (a telemetry view with its own annotation collection) and
   * opens it; `fill` may then shape its view (channels, time window), e.g. a
   * run's chart from the instruments screen.
   */
  createChart(
    folderId: string | null = null,
    fill?: (view: { doc: Y.Doc; docId: string; origin: ModelOrigin }) => void,
  ): Promise<void> {
    return this.run(() => {
      const ws = this.index();
      if (!ws || !this.may('document.create')) return;
      const origin = this.origin();
      const replica = ws.openNew();
      const viewId = replica.ref.docId;
      const collectionId = createChartEntries(ws.index.doc, viewId, origin);
      if (folderId) moveDocument(ws.index.doc, { id: viewId, folderId }, origin);
      initChartView(replica.doc, collectionId, origin);
      fill?.({ doc: replica.doc, docId: viewId, origin });
      this.showNew(ws, viewId, replica);
    });
  }

  /**
   * Creates notes from imported files (title and Markdown), all or none: each
   * is first written on this device only, unlisted and unsynced; then one
   * index change lists them all, and they sync like any edit. A cancel
   * (`signal`) or a failure before that drops what was written. Opens the first.
   */
  async importNotes(
    notes: readonly { title: string; text: string }[],
    signal?: AbortSignal,
  ): Promise<void> {
    const ws = this.index();
    if (!ws) throw new FieldbookError('SERVICE_UNAVAILABLE', 'The workspace has not loaded yet');
    if (!this.may('document.create')) {
      throw new FieldbookError('AUTH_INSUFFICIENT_PERMISSIONS', 'Your role may not create notes');
    }
    const origin = this.origin();
    const staged: { id: string; title: string }[] = [];
    try {
      for (const note of notes) {
        signal?.throwIfAborted();
        const id = newId();
        staged.push({ id, title: note.title });
        await ws.stageNew(id, (doc) => createNote(doc, note, origin));
      }
      signal?.throwIfAborted();
    } catch (err) {
      await Promise.all(staged.map(({ id }) => ws.discardStaged(id)));
      throw err;
    }
    if (staged.length === 0) return;
    ws.index.doc.transact(() => {
      for (const { id, title } of staged) {
        createDocumentEntry(ws.index.doc, { id, kind: 'note', title, folderId: null }, origin);
      }
    }, origin);
    await this.openNote(staged[0]!.id);
  }

  /** Opens a document: its pane at once, its content once the local copy is loaded. */
  openNote(docId: string): Promise<void> {
    return this.run(async () => {
      const ws = this.workspace();
      if (!ws) return;
      const route = { kind: 'doc', docId } as const;
      const { openDocId, openReplica } = this.store.get();
      if (openDocId === docId && openReplica) {
        this.store.update({ route });
        return;
      }
      this.store.update({ route, openDocId: docId, openReplica: null, openIsNew: false });
      const replica = ws.openNote(docId);
      await replica.ready;
      if (this.store.get().openDocId === docId) this.store.update({ openReplica: replica });
    });
  }

  /**
   * Opens a note and appends a paragraph of Markdown at its end, e.g. a link
   * to an instrument run ("Add to note"). Says so when the note has not
   * arrived on this device yet.
   */
  appendToNote(docId: string, markdown: string): Promise<void> {
    return this.run(async () => {
      await this.openNote(docId);
      const replica = this.store.get().openReplica;
      if (replica?.ref.docId !== docId || kindOf(replica.doc) !== 'note') {
        throw new FieldbookError('RESOURCE_NOT_FOUND', 'That note has not arrived here yet');
      }
      const text = readNote(replica.doc).text;
      const gap =
        text === '' ? '' : text.endsWith('\n\n') ? '' : text.endsWith('\n') ? '\n' : '\n\n';
      editNoteText(
        replica.doc,
        { index: text.length, insert: `${gap}${markdown}\n` },
        this.origin(),
      );
      this.touch(docId);
    });
  }

  /** Closes the open document; the main area goes back to the workspace's start page. */
  closeNote(): void {
    this.workspace()?.closeNote();
    const { route } = this.store.get();
    this.store.update({
      openDocId: null,
      openReplica: null,
      ...(route.kind === 'doc' ? { route: HOME } : {}),
    });
  }

  /** Renames a document in the tree, and the open note's own title with it. */
  rename(docId: string, title: string): Promise<void> {
    return this.run(() => {
      const ws = this.index();
      const clean = title.trim();
      if (!ws || !clean) return;
      const origin = this.origin();
      renameDocument(ws.index.doc, { id: docId, title: clean }, origin);
      const owned = [...this.store.get().activity].filter(([, a]) => a.ownerId === docId);
      for (const [id] of owned) {
        renameDocument(ws.index.doc, { id, title: `${clean} annotations` }, origin);
      }
      const open = ws.openReplica;
      if (open?.ref.docId === docId && kindOf(open.doc) === 'note') {
        renameNote(open.doc, { title: clean }, origin);
      }
    });
  }

  /**
   * Records that the user changed the document's content now (for "last
   * edited by") — unless their role no longer allows it: a role lowered while
   * typing must not send one last write the server would refuse.
   */
  touch(docId: string): void {
    const ws = this.index();
    if (!this.may('document.editContent')) return;
    if (ws?.snapshot()?.documents.some((d) => d.id === docId)) {
      touchDocument(ws.index.doc, { id: docId }, this.origin());
    }
  }

  /** Moves a document (and what it owns) to the trash, closes it if open, offers Undo. */
  trash(docId: string): Promise<void> {
    return this.run(() => {
      const ws = this.index();
      if (!ws) return;
      const title = ws.snapshot()?.documents.find((d) => d.id === docId)?.title ?? 'Document';
      setTrashedWithOwned(ws.index.doc, { id: docId, trashed: true }, this.origin());
      if (this.store.get().openDocId === docId) this.closeNote();
      toast({
        title: `“${title}” moved to the trash`,
        action: { label: 'Undo', onClick: () => void this.restore(docId, true) },
      });
    });
  }

  /** Brings a document (and what it owns) back from the trash; `reopen` opens it again. */
  restore(docId: string, reopen = false): Promise<void> {
    return this.run(async () => {
      const ws = this.index();
      if (!ws) return;
      setTrashedWithOwned(ws.index.doc, { id: docId, trashed: false }, this.origin());
      if (reopen) await this.openNote(docId);
    });
  }

  /** Removes a trashed document (and what it owns) from the workspace for good. */
  deleteForever(docId: string): Promise<void> {
    return this.run(() => {
      const ws = this.index();
      if (!ws) return;
      const origin = this.origin();
      const ids = [docId, ...this.ownedBy(docId)];
      const trashed = new Set(
        ws
          .snapshot()
          ?.documents.filter((d) => d.trashedAt !== null)
          .map((d) => d.id),
      );
      for (const id of ids) if (trashed.has(id)) purgeDocument(ws.index.doc, { id }, origin);
    });
  }

  /** Removes every trashed document for good. */
  emptyTrash(): Promise<void> {
    return this.run(() => {
      const ws = this.index();
      if (ws) emptyTrash(ws.index.doc, this.origin());
    });
  }

  private ownedBy(docId: string): string[] {
    return [...this.store.get().activity].filter(([, a]) => a.ownerId === docId).map(([id]) => id);
  }
}
