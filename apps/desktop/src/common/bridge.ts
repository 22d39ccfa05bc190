import type { IpcChannel, MenuCommand, ProgressEvent } from './ipcChannels';
import type { IpcInput, IpcOutputs } from './ipcContract';
import type { IpcResult } from './ipcResult';

/**
 * The one typed API the preload script exposes to the renderer as
 * `window.fieldbook`. The renderer reaches main only through it; in web mode
 * (the renderer served by the sync server) it is absent. Calls answer with an
 * IpcResult envelope so error codes survive the process boundary.
 */
export interface FieldbookBridge {
  /** Calls one of the channels of ipcContract.ts. */
  invoke<C extends IpcChannel>(channel: C, input: IpcInput<C>): Promise<IpcResult<IpcOutputs[C]>>;
  /** Subscribes to workspace-file progress; returns the unsubscribe function. */
  onProgress(listener: (event: ProgressEvent) => void): () => void;
  /** Subscribes to application-menu commands; returns the unsubscribe function. */
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
  /** Subscribes to clicks on desktop notifications (the id given to `notify:show`). */
  onNoticeClick(listener: (id: string) => void): () => void;
}

/** Where the renderer is running: inside the Electron shell or a plain browser. */
export type RuntimeKind = 'desktop' | 'web';
