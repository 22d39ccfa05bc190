import { BrowserWindow, shell } from 'electron';
import { fileURLToPath } from 'node:url';

/** The built renderer page; main loads nothing else. */
export const RENDERER_INDEX = fileURLToPath(
  new URL('../../dist/renderer/index.html', import.meta.url),
);
const PRELOAD = fileURLToPath(new URL('../preload/preload.cjs', import.meta.url));

/**
 * Opens the main window with the renderer locked down: context isolation,
 * no Node in the page, a sandboxed preload, no navigation away from the app
 * and no new windows (external links go to the system browser).
 */
export function createMainWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1200,
    height: 800,
    minWidth: 720,
    minHeight: 480,
    title: 'Fieldbook',
    show: false,
    backgroundColor: '#f7f7f8',
    webPreferences: {
      preload: PRELOAD,
      contextIsolation: true,
      nodeIntegration: false,
      sandbox: true,
      webSecurity: true,
      spellcheck: true,
    },
  });
  win.once('ready-to-show', () => win.show());
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (/^https?:\/\//.test(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  win.webContents.on('will-navigate', (event) => event.preventDefault());
  void win.loadFile(RENDERER_INDEX);
  return win;
}
