import { ipcMain } from 'electron';
import { pathToFileURL } from 'node:url';
import { dispatchIpc, type IpcRoute } from '../node/ipc/ipcRouter';
import { RENDERER_INDEX } from './window';

const APP_PAGE = pathToFileURL(RENDERER_INDEX).href;

/**
 * Registers every route with ipcMain. Calls from any frame other than our own
 * renderer page are refused before their input is even parsed.
 */
export function wireIpc(routes: Readonly<Record<string, IpcRoute>>): void {
  for (const channel of Object.keys(routes)) {
    ipcMain.handle(channel, (event, input: unknown) => {
      if (event.senderFrame?.url.split('#')[0] !== APP_PAGE) {
        return {
          ok: false,
          error: { code: 'AUTH_INSUFFICIENT_PERMISSIONS', message: 'Unknown sender' },
        };
      }
      return dispatchIpc(routes, channel, input);
    });
  }
}
