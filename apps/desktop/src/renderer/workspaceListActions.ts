import { isFieldbookError, newId } from '@fieldbook/shared';
import type { WorkspaceSummary } from '../common/ipcContract';
import { call } from './bridgeClient';
import type { SessionController } from './sessionController';
import type { Route } from './shell/route';
import {
  mergeWorkspaces,
  rememberWorkspaces,
  rememberedWorkspaces,
} from './session/workspaceDirectory';
import { ViewActions } from './viewActions';
import { exportWorkspaceFile, importWorkspaceFile } from './workspaceFileActions';

/**
 * The user's actions on the list of workspaces: keeping it up to date, and
 * creating, joining, leaving, importing and exporting workspaces. Opening and
 * closing one is the shell's (ShellActions), with its sync.
 */
export abstract class WorkspaceListActions extends ViewActions {
  /** The session the workspaces are listed for. */
  abstract readonly sessions: SessionController;

  /** Opens a workspace of the list, at `route` or where the user last was. */
  abstract openWorkspace(workspaceId: string, route?: Route): void;

  /** Closes the open workspace and its sync. */
  protected abstract closeWorkspace(): void;

  /** Brings the workspace list up to date from every source that can answer now. */
  protected async refreshWorkspaces(): Promise<void> {
    const session = this.store.get().session;
    if (!session) return;
    const lists: WorkspaceSummary[][] = [rememberedWorkspaces(session.profileId)];
    if (window.fieldbook) {
      try {
        lists.push(await call('workspaces:list', { profileId: session.profileId }));
      } catch (err) {
        // A damaged local database: carry on from this window's copies and offer a rebuild.
        if (!isFieldbookError(err, 'STORAGE_CORRUPT')) throw err;
        this.store.update({ storeDamage: err.message });
      }
    }
    const api = this.sessions.api();
    if (api && navigator.onLine) {
      try {
        lists.push(await api.listWorkspaces());
      } catch (err) {
        // Unreachable: work from what this machine holds. Token refused: renew once, or the
        // status bar already says the session has expired; local copies stay usable.
        const refused = isFieldbookError(err) && err.status === 401;
        if (refused && (await this.sessions.renew())) lists.push(await api.listWorkspaces());
        else if (!refused && !(isFieldbookError(err) && err.code === 'SERVICE_UNAVAILABLE')) {
          throw err;
        }
      }
    }
    const workspaces = mergeWorkspaces(...lists);
    rememberWorkspaces(session.profileId, workspaces);
    this.store.update({ workspaces });
  }

  /**
   * Forgets a workspace the user left (the server already agreed): it leaves
   * the list, and the app opens another workspace or the start screen.
   */
  leftWorkspace(workspaceId: string): void {
    const { session, workspace, workspaces } = this.store.get();
    if (!session) return;
    const rest = workspaces.filter((w) => w.id !== workspaceId);
    rememberWorkspaces(session.profileId, rest);
    this.store.update({ workspaces: rest });
    if (workspace?.id !== workspaceId) return;
    this.closeWorkspace();
    // Its sockets closed as the server let the user go: that is no refusal to report.
    this.store.update({ refusal: null });
    if (rest[0]) this.openWorkspace(rest[0].id);
  }

  /** Re-reads the workspace list (after joining one, or a rename) and opens `workspaceId`. */
  joinWorkspace(workspaceId: string): Promise<void> {
    return this.run(async () => {
      await this.refreshWorkspaces();
      this.openWorkspace(workspaceId);
    });
  }

  /** Creates a workspace (on the server when signed in) and opens it. */
  createWorkspace(name: string): Promise<void> {
    return this.run(async () => {
      const session = this.store.get().session;
      if (!session) return;
      const api = this.sessions.api();
      const created = api
        ? await api.createWorkspace(name.trim())
        : { id: newId(), name: name.trim() };
      const workspaces = mergeWorkspaces(this.store.get().workspaces, [created]);
      rememberWorkspaces(session.profileId, workspaces);
      this.store.update({ workspaces });
      this.openWorkspace(created.id);
    });
  }

  /** Desktop: exports the open workspace to a file the user picks. */
  exportWorkspace(): Promise<void> {
    return this.run(async () => {
      const { workspace, session } = this.store.get();
      if (!workspace || !session || !window.fieldbook) return;
      this.store.update({ progress: await exportWorkspaceFile(session.profileId, workspace.id) });
    });
  }

  /** Desktop: imports a workspace file the user picks and opens its workspace. */
  importWorkspace(): Promise<void> {
    return this.run(async () => {
      const profileId = this.store.get().session?.profileId;
      if (!window.fieldbook || !profileId) return;
      const done = await importWorkspaceFile(profileId);
      if (!done) {
        this.store.update({ progress: null });
        return;
      }
      await this.refreshWorkspaces();
      this.openWorkspace(done.workspaceId);
      this.store.update({ progress: { text: done.text } });
    });
  }
}
