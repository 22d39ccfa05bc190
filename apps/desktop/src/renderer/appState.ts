import type { DocumentEntry, NoteSnapshot } from '@fieldbook/shared';
import { useSyncExternalStore } from 'react';
import type { RuntimeKind } from '../common/bridge';
import type { WorkspaceSummary } from '../common/ipcContract';
import { SIGNED_OUT, type SyncStatus } from '../common/syncStatus';

/** A long operation under way or just finished, shown in the status bar. */
export interface Activity {
  readonly text: string;
  /** 0..1 while running; absent once done. */
  readonly fraction?: number;
}

/** Everything the shell renders from. One object, replaced on every change. */
export interface AppState {
  readonly runtime: RuntimeKind;
  /** Version of the desktop app once main has answered; null in web mode or before. */
  readonly appVersion: string | null;
  readonly workspaces: readonly WorkspaceSummary[];
  /** The open workspace; null until one is opened, created or imported. */
  readonly workspace: WorkspaceSummary | null;
  readonly documents: readonly DocumentEntry[];
  readonly selectedDocId: string | null;
  readonly openNote: NoteSnapshot | null;
  readonly sync: SyncStatus;
  readonly activity: Activity | null;
  /** The last failure, in words for the user; cleared by the next success. */
  readonly error: string | null;
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

/** The state a freshly started shell has: no workspace, nobody signed in. */
export function initialAppState(runtime: RuntimeKind): AppState {
  return {
    runtime,
    appVersion: null,
    workspaces: [],
    workspace: null,
    documents: [],
    selectedDocId: null,
    openNote: null,
    sync: SIGNED_OUT,
    activity: null,
    error: null,
  };
}

/** React hook: re-renders when the store changes. */
export function useAppState(store: AppStateStore): AppState {
  return useSyncExternalStore(store.subscribe, store.get);
}
