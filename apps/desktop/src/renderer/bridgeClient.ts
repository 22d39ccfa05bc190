import type { FieldbookBridge, RuntimeKind } from '../common/bridge';
import { unwrapIpcResult } from '../common/ipcResult';
import type { AppStateStore } from './appState';

declare global {
  interface Window {
    /** Set by the preload script inside Electron; absent in a plain browser. */
    readonly fieldbook?: FieldbookBridge;
  }
}

/** Desktop when the preload bridge is present, web otherwise. */
export function detectRuntime(): RuntimeKind {
  return window.fieldbook ? 'desktop' : 'web';
}

/** Asks main for the app version and records it; a no-op in web mode. */
export async function loadAppInfo(store: AppStateStore): Promise<void> {
  const bridge = window.fieldbook;
  if (!bridge) return;
  const info = unwrapIpcResult(await bridge.appInfo());
  store.update((s) => ({ ...s, appVersion: info.version }));
}
