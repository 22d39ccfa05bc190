import { ipcMain } from 'electron';
import { pathToFileURL } from 'node:url';
import { IPC_CHANNEL_NAMES } from '../common/ipcChannels';
import { dispatchIpc, type IpcHandlers } from '../node/ipc/ipcRouter';
import { RENDERER_INDEX } from './window';

const APP_PAGE = pathToFileURL(RENDERER_INDEX).href;

/**
 * Registers every channel with ipcMain. Calls from any frame other than our
 * own renderer page are refused before their input is even parsed.
 */
export function wireIpc(handlers: IpcHandlers): void {
  for (const channel of IPC_CHANNEL_NAMES) {
    ipcMain.handle(channel, (event, input: unknown) => {
      if (event.senderFrame?.url.split('#')[0] !== APP_PAGE) {
        return {
          ok: false,
          error: { code: 'AUTH_INSUFFICIENT_PERMISSIONS', message: 'Unknown sender' },
        };
      }
      return dispatchIpc(handlers, channel, input);
    });
  }
}
