import type { DocumentActivity } from '@fieldbook/crdt-model';
import type { Role, WorkspaceIndexSnapshot } from '@fieldbook/shared';
import { useSyncExternalStore } from 'react';
import type { RuntimeKind } from '../common/bridge';
import type { WorkspaceSummary } from '../common/ipcContract';
import { SIGNED_OUT, type SyncStatus } from '../common/syncStatus';
import type { Session } from './session/session';
import type { DocReplica } from './sync/docReplica';
import { HOME, type Route } from './shell/route';
import type { Refusal } from './sync/serverLink';
import type { RefusedWrite } from './sync/refusedWrites';
import type { Verification } from './sync/serverVerifier';
import type { VerifyEntry } from './sync/verifyLog';

/** A long operation under way or just finished, shown in the status bar. */
export interface Activity {
  readonly text: string;
  /** 0..1 while running; absent once done. */
  readonly fraction?: number;
}

/** Which documents the tree shows: all, or those carrying a tag (matched case-insensitively). */
export type TreeFilter = { readonly kind: 'all' } | { readonly kind: 'tag'; readonly tag: string };

/** Another user in the workspace, from awareness. */
export interface Peer {
  readonly clientId: number;
  readonly name: string;
  readonly color: string;
  /** The note they have open, if any. */
  readonly docId: string | null;
}

/** Everything the shell renders from. One object, replaced on every change. */
export interface AppState {
  readonly runtime: RuntimeKind;
  /** Version of the desktop app once main has answered; null in web mode or before. */
  readonly appVersion: string | null;
  /** Null until the user signs in or chooses to work offline. */
  readonly session: Session | null;
  readonly workspaces: readonly WorkspaceSummary[];
  /** The open workspace; null until one is opened, created or imported. */
  readonly workspace: WorkspaceSummary | null;
  /** The open workspace's index; null while it has not arrived yet. */
  readonly index: WorkspaceIndexSnapshot | null;
  /** Who last changed each listed document, and which document owns it (charts own collections). */
  readonly activity: ReadonlyMap<string, DocumentActivity>;
  readonly filter: TreeFilter;
  /** What the main area shows; mirrored in the URL hash (shell/routeSync.ts). */
  readonly route: Route;
  /** The document whose replica is open (the route's document, once opened). */
  readonly openDocId: string | null;
  /** The open note's live replica, for the editor. */
  readonly openReplica: DocReplica | null;
  /** Whether the open document was just created here: its title takes the keyboard first. */
  readonly openIsNew: boolean;
  readonly peers: readonly Peer[];
  readonly sync: SyncStatus;
  /** The open documents against the server's copies; null when nothing syncs. */
  readonly verification: Verification | null;
  /** The last time this session a copy differed from the server, and how it ended. */
  readonly lastDifference: Readonly<VerifyEntry> | null;
  /** Why the server refused us, until the user acts on it. */
  readonly refusal: Refusal | null;
  /** The user's role in the open workspace, changed by an admin while it was open (pushed by the server). */
  readonly roleChange: { readonly workspaceId: string; readonly role: Role } | null;
  /** Changes the server refused and this device dropped, shown once until the user closes the notice. */
  readonly refusedWrites: readonly RefusedWrite[] | null;
  readonly progress: Activity | null;
  /** The last failure, in words for the user; cleared by the next success. */
  readonly error: string | null;
  /** Set when main's local database is damaged (desktop): the app offers to rebuild it. */
  readonly storeDamage: string | null;
  /** Whether the preferences dialog is open. */
  readonly preferencesOpen: boolean;
  /** The document side panel shown (an id from shell/registry.tsx), or null when closed. */
  readonly panel: string | null;
}

/** A small observable holder for AppState, read by React through useSyncExternalStore. */
export class AppStateStore {
  private state: AppState;
  private readonly listeners = new Set<() => void>();

  constructor(initial: AppState) {
    this.state = initial;
  }

  /** The current state object. */
  get = (): AppState => this.state;

  /** Merges `change` into the state and notifies subscribers. */
  update(change: Partial<AppState> | ((prev: AppState) => Partial<AppState>)): void {
    const patch = typeof change === 'function' ? change(this.state) : change;
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener();
  }

  /** Registers a listener; returns its removal. */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
}

/** Where the side panel choice is remembered across reloads. */
export const PANEL_KEY = 'fieldbook.panel';

/** The state a freshly started shell has: nobody signed in, no workspace. */
export function initialAppState(runtime: RuntimeKind): AppState {
  return {
    runtime,
    appVersion: null,
    session: null,
    workspaces: [],
    workspace: null,
    index: null,
    activity: new Map(),
    filter: { kind: 'all' },
    route: HOME,
    openDocId: null,
    openReplica: null,
    openIsNew: false,
    peers: [],
    sync: SIGNED_OUT,
    verification: null,
    lastDifference: null,
    refusal: null,
    roleChange: null,
    refusedWrites: null,
    progress: null,
    error: null,
    storeDamage: null,
    preferencesOpen: false,
    panel: localStorage.getItem(PANEL_KEY),
  };
}

/** React hook: re-renders when the store changes. */
export function useAppState(store: AppStateStore): AppState {
  return useSyncExternalStore(store.subscribe, store.get);
}
