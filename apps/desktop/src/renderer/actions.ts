import { actorOrigin, readDocumentActivity, renameWorkspace } from '@fieldbook/crdt-model';
import { DocumentDigestSchema, can, isFieldbookError, newId } from '@fieldbook/shared';
import type { MenuCommand, ProgressEvent } from '../common/ipcChannels';
import type { WorkspaceSummary } from '../common/ipcContract';
import { PANEL_KEY, type AppStateStore, type Peer, type TreeFilter } from './appState';
import { call, mainStore } from './bridgeClient';
import { DocumentActions } from './documentActions';
import { loadEditor } from './notes/editorLoader';
import { SessionController } from './sessionController';
import { rememberedRoute } from './shell/routeMemory';
import { HOME, parseLocation, type Route } from './shell/route';
import { actorId, loadSession, userColor, type Session } from './session/session';
import {
  lastWorkspace,
  mergeWorkspaces,
  rememberLastWorkspace,
  rememberWorkspaces,
  rememberedWorkspaces,
} from './session/workspaceDirectory';
import { RefusalRecovery } from './sync/refusalRecovery';
import { describeRefused, listenWriteRefused } from './sync/refusedWrites';
import { ServerLink } from './sync/serverLink';
import { VerifyLog } from './sync/verifyLog';
import { WorkspaceSync } from './sync/workspaceSync';
import { beginStartup } from './shell/startupGate';
import {
  applyPushedGrant,
  refreshWorkspaceAccess,
  rememberedGrant,
} from './telemetry/workspaceGrant';

function describeProgress(e: ProgressEvent): string {
  const verb = e.operation === 'export' ? 'Exporting' : 'Importing';
  return e.phase === 'finishing'
    ? `${verb}: finishing…`
    : `${verb} ${e.phase} ${e.done}/${e.total}`;
}

/**
 * The user actions of the app: session, workspaces, sync wiring and the
 * desktop's workspace files. Document edits are in DocumentActions (`docs`).
 */
export class ShellActions {
  readonly sessions: SessionController;
  readonly docs: DocumentActions;
  private link: ServerLink | null = null;
  private recovery: RefusalRecovery | null = null;
  private workspaceSync: WorkspaceSync | null = null;
  private verifyLog = this.newVerifyLog();
  private refreshQueued = false;

  constructor(private readonly store: AppStateStore) {
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

  /** Runs a user action; failures become a sentence in the error banner. */
  async run(work: () => Promise<void> | void): Promise<void> {
    try {
      await work();
      this.store.update({ error: null });
    } catch (err) {
      const message = isFieldbookError(err) ? err.message : 'Something went wrong.';
      this.store.update({ error: message, progress: null });
      if (!isFieldbookError(err)) console.error(err);
    }
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
      const link = new ServerLink({
        serverUrl: session.serverUrl,
        accessToken: () => this.sessions.accessToken(),
        renewToken: () => this.sessions.renew(),
        onRefused: (refusal) => this.store.update({ refusal }),
        onWriteRefused: (ref, reason) => this.recovery?.refused(ref, reason),
        onGrantChanged: (workspaceId, grant) => {
          const before = rememberedGrant(session, workspaceId);
          applyPushedGrant(session, workspaceId, grant);
          if (before?.role !== grant.role && this.store.get().workspace?.id === workspaceId)
            this.store.update({ roleChange: { workspaceId, role: grant.role } });
        },
      });
      link.setOnline(navigator.onLine);
      this.link = link;
      this.recovery = new RefusalRecovery({
        profileId: session.profileId,
        link,
        main: mainStore(session.profileId, (message) =>
          this.store.update({ storeDamage: message }),
        ),
        stopSync: () => {
          this.workspaceSync?.destroy();
          this.workspaceSync = null;
          this.store.update({ openReplica: null });
        },
        refreshAccess: async (ws) => void (await refreshWorkspaceAccess(session, ws)),
        resumeSync: () => this.resumeWorkspace(),
        report: (refused) =>
          this.store.update({ refusedWrites: describeRefused(refused, this.store.get().index) }),
      });
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

  private async refreshWorkspaces(): Promise<void> {
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

  private closeWorkspace(): void {
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
    const id = actorId(session);
    const sync = new WorkspaceSync({
      workspaceId: workspace.id,
      workspaceName: workspace.name,
      profileId: session.profileId,
      user: { id, name: session.userName, color: userColor(id) },
      origin: actorOrigin(id),
      main: mainStore(session.profileId, (message) => this.store.update({ storeDamage: message })),
      link: this.link,
      mayCreateIndex: () => {
        const grant = rememberedGrant(session, workspace.id);
        return grant === null || can(grant, 'document.create');
      },
      onChange: () => this.refresh(),
      verify: {
        log: this.verifyLog,
        host: {
          digest: (ref) => {
            const path = `/workspaces/${ref.workspaceId}/documents/${ref.docId}/digest`;
            const api = this.sessions.api();
            if (!api) return Promise.reject(new Error('Not signed in to a server'));
            return api.request('GET', path, DocumentDigestSchema);
          },
          repair: (ref) => this.recovery?.repair(ref),
        },
      },
    });
    sync.index.awareness.on('change', () => this.refresh());
    return sync;
  }

  /** Opens the workspace's replicas again after a refusal, where the user was, keeping the screen. */
  private resumeWorkspace(): void {
    const { session, workspace, route } = this.store.get();
    if (!session || !workspace || this.workspaceSync) return;
    this.workspaceSync = this.startSync(session, workspace);
    this.store.update({ openDocId: null, openReplica: null });
    this.navigate(route);
  }

  /** Closes the notice of refused changes. */
  dismissRefusedWrites(): void {
    this.store.update({ refusedWrites: null });
  }

  /** Closes the notice of a changed role. */
  dismissRoleChange(): void {
    this.store.update({ roleChange: null });
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

  /** Shows a document side panel (an id from shell/registry.tsx), or closes it with null. */
  setPanel(panel: string | null): void {
    if (panel) localStorage.setItem(PANEL_KEY, panel);
    else localStorage.removeItem(PANEL_KEY);
    this.store.update({ panel });
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
      const peers: Peer[] = [];
      for (const [clientId, state] of sync.index.awareness.getStates()) {
        const user = (state as { user?: { name?: string; color?: string; docId?: string } }).user;
        if (clientId === sync.index.doc.clientID || !user?.name) continue;
        peers.push({
          clientId,
          name: user.name,
          color: user.color ?? '#868e96',
          docId: user.docId ?? null,
        });
      }
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

  /** Shows the documents of the tree filter. */
  setFilter(filter: TreeFilter): void {
    this.store.update({ filter });
  }

  /** Shows or hides the preferences dialog. */
  setPreferencesOpen(open: boolean): void {
    this.store.update({ preferencesOpen: open });
  }

  /** Desktop: exports the open workspace to a file the user picks. */
  exportWorkspace(): Promise<void> {
    return this.run(async () => {
      const { workspace, session } = this.store.get();
      if (!workspace || !session || !window.fieldbook) return;
      const done = await call('workspaceFile:export', {
        profileId: session.profileId,
        workspaceId: workspace.id,
      });
      this.store.update({
        progress: done
          ? { text: `Exported ${done.documents} documents to ${done.fileName}` }
          : null,
      });
    });
  }

  /** Desktop: imports a workspace file the user picks and opens its workspace. */
  importWorkspace(): Promise<void> {
    return this.run(async () => {
      const profileId = this.store.get().session?.profileId;
      if (!window.fieldbook || !profileId) return;
      const done = await call('workspaceFile:import', { profileId });
      if (!done) {
        this.store.update({ progress: null });
        return;
      }
      await this.refreshWorkspaces();
      this.openWorkspace(done.workspaceId);
      const what = done.created ? 'Imported a new workspace' : 'Merged the workspace file';
      this.store.update({
        progress: {
          text: `${what}: ${done.documentsAdded} new, ${done.documentsMerged} updated documents`,
        },
      });
    });
  }
}
