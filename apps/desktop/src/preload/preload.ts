// Runs sandboxed before the renderer, with contextIsolation: the only way the
// page reaches main is this small bridge. It forwards only the app's own
// channels and hands listeners plain data, never the IPC event.
import { contextBridge, ipcRenderer } from 'electron';
import type { FieldbookBridge } from '../common/bridge';
import {
  isIpcChannel,
  MENU_CHANNEL,
  NOTICE_CLICK_CHANNEL,
  PROGRESS_CHANNEL,
  type MenuCommand,
  type ProgressEvent,
} from '../common/ipcChannels';

const bridge: FieldbookBridge = {
  invoke: (channel, input) =>
    isIpcChannel(channel)
      ? ipcRenderer.invoke(channel, input)
      : Promise.resolve({
          ok: false,
          error: { code: 'RESOURCE_NOT_FOUND', message: `Unknown channel ${String(channel)}` },
        }),
  onProgress: (listener) => {
    const forward = (_event: unknown, progress: ProgressEvent) => listener(progress);
    ipcRenderer.on(PROGRESS_CHANNEL, forward);
    return () => ipcRenderer.removeListener(PROGRESS_CHANNEL, forward);
  },
  onMenuCommand: (listener) => {
    const forward = (_event: unknown, command: MenuCommand) => listener(command);
    ipcRenderer.on(MENU_CHANNEL, forward);
    return () => ipcRenderer.removeListener(MENU_CHANNEL, forward);
  },
  onNoticeClick: (listener) => {
    const forward = (_event: unknown, id: unknown) => typeof id === 'string' && listener(id);
    ipcRenderer.on(NOTICE_CLICK_CHANNEL, forward);
    return () => ipcRenderer.removeListener(NOTICE_CLICK_CHANNEL, forward);
  },
};

contextBridge.exposeInMainWorld('fieldbook', bridge);
