import { isFieldbookError } from '@fieldbook/shared';
import type { ProgressEvent } from '../common/ipcChannels';
import type { AppStateStore } from './appState';
import { call, onProgress } from './bridgeClient';

const NEW_NOTE_TITLE = 'Untitled note';

function describeProgress(e: ProgressEvent): string {
  const verb = e.operation === 'export' ? 'Exporting' : 'Importing';
  return e.phase === 'finishing'
    ? `${verb}: finishing…`
    : `${verb} ${e.phase} ${e.done}/${e.total}`;
}

/** The user actions of the shell; each updates the state store and reports failures in words. */
export class ShellActions {
  constructor(private readonly store: AppStateStore) {}

  private async run(work: () => Promise<void>): Promise<void> {
    try {
      await work();
      this.store.update({ error: null });
    } catch (err) {
      const message = isFieldbookError(err) ? err.message : 'Something went wrong.';
      this.store.update({ error: message, activity: null });
      if (!isFieldbookError(err)) console.error(err);
    }
  }

  /** Loads app info and the workspace list, opens the first workspace, follows progress. */
  start(): Promise<void> {
    onProgress((e) =>
      this.store.update({ activity: { text: describeProgress(e), fraction: e.done / e.total } }),
    );
    return this.run(async () => {
      const info = await call('app:info', undefined);
      this.store.update({ appVersion: info.version });
      await this.refreshWorkspaces();
      const first = this.store.get().workspaces[0];
      if (first) await this.openWorkspace(first.id);
    });
  }

  private async refreshWorkspaces(): Promise<void> {
    this.store.update({ workspaces: await call('workspaces:list', undefined) });
  }

  /** Opens a workspace: its document list, nothing selected. */
  openWorkspace(workspaceId: string): Promise<void> {
    return this.run(async () => {
      const documents = await call('documents:list', { workspaceId });
      const workspace = this.store.get().workspaces.find((w) => w.id === workspaceId) ?? null;
      this.store.update({ workspace, documents, selectedDocId: null, openNote: null });
    });
  }

  /** Creates a workspace and opens it. */
  createWorkspace(name: string): Promise<void> {
    return this.run(async () => {
      const created = await call('workspaces:create', { name });
      await this.refreshWorkspaces();
      await this.openWorkspace(created.id);
    });
  }

  /** Creates a note in the open workspace and opens it. */
  createNote(): Promise<void> {
    return this.run(async () => {
      const workspace = this.store.get().workspace;
      if (!workspace) return;
      const { id } = await call('notes:create', {
        workspaceId: workspace.id,
        title: NEW_NOTE_TITLE,
      });
      const documents = await call('documents:list', { workspaceId: workspace.id });
      this.store.update({ documents });
      await this.selectDocument(id);
    });
  }

  /** Shows a document in the main area. */
  selectDocument(docId: string): Promise<void> {
    return this.run(async () => {
      const entry = this.store.get().documents.find((d) => d.id === docId);
      const openNote = entry?.kind === 'note' ? await call('notes:read', { docId }) : null;
      this.store.update({ selectedDocId: docId, openNote });
    });
  }

  /** Exports the open workspace to a file the user picks. */
  exportWorkspace(): Promise<void> {
    return this.run(async () => {
      const workspace = this.store.get().workspace;
      if (!workspace) return;
      const done = await call('workspaceFile:export', { workspaceId: workspace.id });
      this.store.update({
        activity: done
          ? { text: `Exported ${done.documents} documents to ${done.fileName}` }
          : null,
      });
    });
  }

  /** Imports a workspace file the user picks and opens its workspace. */
  importWorkspace(): Promise<void> {
    return this.run(async () => {
      const done = await call('workspaceFile:import', undefined);
      if (!done) {
        this.store.update({ activity: null });
        return;
      }
      await this.refreshWorkspaces();
      await this.openWorkspace(done.workspaceId);
      const what = done.created ? 'Imported a new workspace' : 'Merged the workspace file';
      this.store.update({
        activity: {
          text: `${what}: ${done.documentsAdded} new, ${done.documentsMerged} updated documents`,
        },
      });
    });
  }
}
