import type { IpcResult } from './ipcResult';

/**
 * The one typed API the preload script exposes to the renderer as
 * `window.fieldbook`. The renderer reaches main only through it; in web mode
 * (the renderer served by the sync server) it is absent. Each method answers
 * with an IpcResult envelope so error codes survive the process boundary.
 */
export interface FieldbookBridge {
  /** Facts about the running app, for the About box and the status bar. */
  appInfo(): Promise<IpcResult<AppInfo>>;
}

/** What main tells the renderer about itself. */
export interface AppInfo {
  readonly name: string;
  readonly version: string;
  /** `process.platform` of main, e.g. "linux". */
  readonly platform: string;
}

/** IPC channel names shared by preload (invoke) and main (handle). */
export const IPC_CHANNELS = {
  appInfo: 'fieldbook:app-info',
} as const;

/** Where the renderer is running: inside the Electron shell or a plain browser. */
export type RuntimeKind = 'desktop' | 'web';
