// Runs sandboxed before the renderer, with contextIsolation: the only way the
// page reaches main is this small bridge; it forwards calls and adds nothing.
import { contextBridge, ipcRenderer } from 'electron';
import { IPC_CHANNELS, type FieldbookBridge } from '../common/bridge';

const bridge: FieldbookBridge = {
  appInfo: () => ipcRenderer.invoke(IPC_CHANNELS.appInfo),
};

contextBridge.exposeInMainWorld('fieldbook', bridge);
