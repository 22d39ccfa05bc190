import { actorOrigin, readDocumentActivity, renameWorkspace } from '@fieldbook/crdt-model';
import type { MenuCommand } from '../common/ipcChannels';
import type { WorkspaceSummary } from '../common/ipcContract';
import type { AppStateStore } from './appState';
import { call } from './bridgeClient';
import { DocumentActions } from './documentActions';
import { loadEditor } from './notes/editorLoader';
import { connectServer } from './serverConnection';
import { SessionController } from './sessionController';
import { rememberedRoute } from './shell/routeMemory';
import { HOME, parseLocation, type Route } from './shell/route';
import { actorId, loadSession, type Session } from './session/session';
import {
  lastWorkspace,
  rememberLastWorkspace,
  rememberWorkspaces,
  rememberedWorkspaces,
} from './session/workspaceDirectory';
import type { RefusalRecovery } from './sync/refusalRecovery';
import { listenWriteRefused } from './sync/refusedWrites';
import type { ServerLink } from './sync/serverLink';
import { VerifyLog } from './sync/verifyLog';
import type { WorkspaceSync } from './sync/workspaceSync';
import { beginStartup } from './shell/startupGate';
import { describeProgress } from './workspaceFileActions';
import { WorkspaceListActions } from './workspaceListActions';
import { readPeers, startWorkspaceSync } from './workspaceSyncSetup';

/**
 * The user actions of the app: the session, and opening a workspace with its
 * sync wiring. The workspace list's actions come from WorkspaceListActions,
 * the view-only ones from ViewActions; document edits are in DocumentActions (`docs`).
 */
export class ShellActions extends WorkspaceListActions {
  readonly sessions: SessionController;
  readonly docs: DocumentActions;
  private link: ServerLink | null = null;
  private recovery: RefusalRecovery | null = null;
  private workspaceSync: WorkspaceSync | null = null;
  private verifyLog = this.newVerifyLog();
  private refreshQueued = false;

  constructor(store: AppStateStore) {
    super(store);
    this.sessions = new SessionController(store, (s) => void this.onSession(s));
    this.docs = new DocumentActions(
      store,
      () => this.workspaceSync,
      (w) => this.run(w),
    );
  }

  private newVerifyLog(): VerifyLog {
    return new VerifyLog(() => this.store.update({ lastDifference: this.verifyLog.latest() }));
  }

  /** Starts the app: desktop wiring, network events, and the saved session if there is one. */
  start(): void {
    const bridge = window.fieldbook;
    if (bridge) {
      bridge.onProgress((e) =>
        this.store.update({ progress: { text: describeProgress(e), fraction: e.done / e.total } }),
      );
      bridge.onMenuCommand((c) => void this.menu(c));
      void this.run(async () => {
        this.store.update({ appVersion: (await call('app:info', undefined)).version });
      });
    }
    listenWriteRefused((ref, reason) => this.recovery?.refused(ref, reason));
    window.addEventListener('online', () => this.networkChanged());
    window.addEventListener('offline', () => this.networkChanged());
    const saved = loadSession();
    if (saved) this.sessions.enter(saved);
  }

  private menu(command: MenuCommand): Promise<void> {
    if (command === 'new-note') return this.docs.createNote();
    if (command === 'import') return this.importWorkspace();
    if (command === 'export') return this.exportWorkspace();
    this.store.update({ preferencesOpen: true });
    return Promise.resolve();
  }

  private networkChanged(): void {
    this.link?.setOnline(navigator.onLine);
    if (navigator.onLine) this.workspaceSync?.resumed();
    this.refresh();
  }

  private async onSession(session: Session | null): Promise<void> {
    this.closeWorkspace();
    this.link?.destroy();
    this.link = null;
    this.recovery = null;
    this.verifyLog = this.newVerifyLog();
    this.store.update({ workspaces: [], workspace: null, lastDifference: null });
    if (!session) return;
    if (session.kind === 'server') {
      const { link, recovery } = connectServer(session, {
        store: this.store,
        sessions: this.sessions,
        recovery: () => this.recovery,
        stopSync: () => {
          this.workspaceSync?.destroy();
          this.workspaceSync = null;
          this.store.update({ openReplica: null });
        },
        resumeSync: () => this.resumeWorkspace(),
      });
      this.link = link;
      this.recovery = recovery;
    }
    await this.run(async () => {
      const asked = parseLocation(window.location.hash);
      const open = (w: WorkspaceSummary) =>
        this.openWorkspace(w.id, w.id === asked.workspaceId ? asked.route : undefined);
      // Local first: the workspace asked for, or the last one, opens from this device's copy at
      // once; the list is brought up to date (server, desktop database) behind it.
      const remembered = rememberedWorkspaces(session.profileId);
      const early = remembered.find(
        (w) => w.id === (asked.workspaceId ?? lastWorkspace(session.profileId)),
      );
      if (early) {
        this.store.update({ workspaces: remembered });
        open(early);
      }
      await this.refreshWorkspaces();
      const { workspaces, workspace } = this.store.get();
      if (early) {
        const fresh = workspaces.find((w) => w.id === workspace?.id);
        if (fresh && fresh.name !== workspace?.name) this.store.update({ workspace: fresh });
        return;
      }
      const chosen =
        workspaces.find((w) => w.id === asked.workspaceId) ??
        workspaces.find((w) => w.id === lastWorkspace(session.profileId)) ??
        workspaces[0];
      if (chosen) open(chosen);
    });
  }

  protected closeWorkspace(): void {
    this.workspaceSync?.destroy();
    this.workspaceSync = null;
    this.store.update({
      workspace: null,
      roleChange: null,
      index: null,
      activity: new Map(),
      route: HOME,
      openDocId: null,
      openReplica: null,
      verification: null,
    });
  }

  /**
   * Opens a workspace: its index, live sync, background sync of every
   * document; then `route`, or the place the user was last in it.
   */
  openWorkspace(workspaceId: string, route?: Route): void {
    const session = this.store.get().session;
    const workspace = this.store.get().workspaces.find((w) => w.id === workspaceId);
    if (!session || !workspace) return;
    this.closeWorkspace();
    beginStartup();
    rememberLastWorkspace(session.profileId, workspaceId);
    this.workspaceSync = this.startSync(session, workspace);
    this.store.update({ workspace, filter: { kind: 'all' }, error: null });
    this.refresh();
    // The editor's code, fetched beside the workspace's index: ready when a note opens.
    void loadEditor();
    this.navigate(route ?? rememberedRoute(session.profileId, workspaceId) ?? HOME);
  }

  private startSync(session: Session, workspace: WorkspaceSummary): WorkspaceSync {
    return startWorkspaceSync(session, workspace, {
      sessions: this.sessions,
      link: this.link,
      verifyLog: this.verifyLog,
      recovery: () => this.recovery,
      onChange: () => this.refresh(),
      onStoreDamage: (message) => this.store.update({ storeDamage: message }),
    });
  }

  /** Opens the workspace's replicas again after a refusal, where the user was, keeping the screen. */
  private resumeWorkspace(): void {
    const { session, workspace, route } = this.store.get();
    if (!session || !workspace || this.workspaceSync) return;
    this.workspaceSync = this.startSync(session, workspace);
    this.store.update({ openDocId: null, openReplica: null });
    this.navigate(route);
  }

  /**
   * Takes a workspace's new name (already accepted by the server) into the
   * app: the workspace list, and the open workspace's index document, so the
   * name in the app and on the server stay one.
   */
  applyWorkspaceName(workspaceId: string, name: string): void {
    const { session, workspace, workspaces } = this.store.get();
    if (!session) return;
    const renamed = workspaces.map((w) => (w.id === workspaceId ? { ...w, name } : w));
    rememberWorkspaces(session.profileId, renamed);
    this.store.update({
      workspaces: renamed,
      ...(workspace?.id === workspaceId ? { workspace: { ...workspace, name } } : {}),
    });
    const sync = this.workspaceSync;
    if (workspace?.id === workspaceId && sync?.hasIndex) {
      renameWorkspace(sync.index.doc, { name }, actorOrigin(actorId(session)));
    }
  }

  /** Shows a route in the main area: opens its document, or a workspace screen. */
  navigate(route: Route): void {
    if (route.kind === 'doc') {
      void this.docs.openNote(route.docId);
      return;
    }
    if (this.store.get().openDocId) this.docs.closeNote();
    this.store.update({ route });
  }

  /**
   * Rebuilds main's damaged database: main sets the damaged file aside and
   * starts an empty one, and the reload merges this window's copies (IndexedDB)
   * back into it; sync brings whatever else the server holds.
   */
  recoverStore(): Promise<void> {
    const session = this.store.get().session;
    if (!session) return Promise.resolve();
    return this.run(async () => {
      this.store.update({ progress: { text: 'Rebuilding the local database…' } });
      await call('store:recover', { profileId: session.profileId });
      window.location.reload();
    });
  }

  /** Re-reads index, sync state and peers into the app state (at most once per task). */
  refresh(): void {
    if (this.refreshQueued) return;
    this.refreshQueued = true;
    queueMicrotask(() => {
      this.refreshQueued = false;
      const sync = this.workspaceSync;
      if (!sync) return;
      const peers = readPeers(sync);
      const index = sync.snapshot();
      const changed = index !== this.store.get().index;
      this.store.update({
        index,
        sync: sync.status(),
        verification: sync.verification(),
        peers,
        ...(changed ? { activity: readDocumentActivity(sync.index.doc) } : {}),
      });
    });
  }
}
