import { useSyncExternalStore } from 'react';
import type { RuntimeKind } from '../common/bridge';
import { SIGNED_OUT, type SyncStatus } from '../common/syncStatus';

/** A document as the sidebar lists it. */
export interface DocumentEntry {
  readonly id: string;
  readonly kind: 'note' | 'annotations' | 'telemetryView';
  readonly title: string;
}

/** Everything the shell renders from. One object, replaced on every change. */
export interface AppState {
  readonly runtime: RuntimeKind;
  /** Version of the desktop app once main has answered; null in web mode or before. */
  readonly appVersion: string | null;
  /** The open workspace; null until one is opened, created or imported. */
  readonly workspace: { readonly id: string; readonly name: string } | null;
  readonly documents: readonly DocumentEntry[];
  readonly sync: SyncStatus;
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

  /** Applies `change` and notifies subscribers. */
  update(change: (prev: AppState) => AppState): void {
    this.state = change(this.state);
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
  return { runtime, appVersion: null, workspace: null, documents: [], sync: SIGNED_OUT };
}

/** React hook: re-renders when the store changes. */
export function useAppState(store: AppStateStore): AppState {
  return useSyncExternalStore(store.subscribe, store.get);
}
