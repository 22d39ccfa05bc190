// Electron entry point: the thin layer that owns the app lifecycle. Everything
// that can run without Electron lives in src/node and is tested there.
import { app, BrowserWindow, dialog, session } from 'electron';
import { mkdirSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { PROGRESS_CHANNEL } from '../common/ipcChannels';
import { desktopHandlers } from '../node/ipc/desktopHandlers';
import { SqliteLocalDocStore } from '../node/localStore/sqliteLocalDocStore';
import { chooseExportPath, chooseImportPath } from './dialogs';
import { wireIpc } from './ipc';
import { installAppMenu } from './menu';
import { createMainWindow } from './window';

/** Opens the profile's store; a damaged database is reported to the user instead of crashing. */
function openProfileStore(): SqliteLocalDocStore | null {
  const dir = join(app.getPath('userData'), 'profiles', 'local');
  mkdirSync(dir, { recursive: true });
  try {
    return SqliteLocalDocStore.open(join(dir, 'fieldbook.sqlite'));
  } catch (err) {
    dialog.showErrorBox('Fieldbook cannot open its data', (err as Error).message);
    return null;
  }
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let mainWindow: BrowserWindow | null = null;
  const openWindow = () => {
    mainWindow = createMainWindow();
    mainWindow.on('closed', () => (mainWindow = null));
    return mainWindow;
  };
  const currentWindow = () => mainWindow ?? openWindow();

  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  void app.whenReady().then(() => {
    session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) =>
      callback(false),
    );
    const store = openProfileStore();
    if (!store) {
      app.quit();
      return;
    }
    app.on('will-quit', () => void store.close());
    installAppMenu(currentWindow);
    wireIpc(
      desktopHandlers({
        store,
        appInfo: { name: app.getName(), version: app.getVersion(), platform: process.platform },
        actor: `local:${userInfo().username}`,
        chooseExportPath: (name) => chooseExportPath(currentWindow(), name),
        chooseImportPath: () => chooseImportPath(currentWindow()),
        sendProgress: (event) => mainWindow?.webContents.send(PROGRESS_CHANNEL, event),
      }),
    );
    openWindow();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) openWindow();
    });
  });
}
