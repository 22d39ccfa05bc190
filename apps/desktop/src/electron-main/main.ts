// Electron entry point: the thin layer that owns the app lifecycle. Everything
// that can run without Electron lives in src/node and is tested there.
import { app, BrowserWindow, dialog, session } from 'electron';
import { mkdirSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { PROGRESS_CHANNEL } from '../common/ipcChannels';
import { desktopHandlers } from '../node/ipc/desktopHandlers';
import { ProfileStores } from '../node/localStore/profileStores';
import { chooseExportPath, chooseImportPath } from './dialogs';
import { wireIpc } from './ipc';
import { installAppMenu } from './menu';
import { electronNoticeGlue } from './notifications';
import { createMainWindow } from './window';

/** Opens the profiles' stores; a damaged local database is reported instead of crashing. */
function openProfileStores(): ProfileStores | null {
  const dir = join(app.getPath('userData'), 'profiles');
  mkdirSync(dir, { recursive: true });
  const stores = new ProfileStores(dir);
  try {
    stores.get('local');
    return stores;
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
    const stores = openProfileStores();
    if (!stores) {
      app.quit();
      return;
    }
    app.on('will-quit', () => void stores.closeAll());
    installAppMenu(currentWindow);
    const notices = electronNoticeGlue(currentWindow);
    wireIpc(
      desktopHandlers({
        storeFor: (profileId) => stores.get(profileId),
        recoverStore: (profileId) => stores.recover(profileId),
        appInfo: { name: app.getName(), version: app.getVersion(), platform: process.platform },
        actor: `local:${userInfo().username}`,
        chooseExportPath: (name) => chooseExportPath(currentWindow(), name),
        chooseImportPath: () => chooseImportPath(currentWindow()),
        sendProgress: (event) => mainWindow?.webContents.send(PROGRESS_CHANNEL, event),
        showNotification: (notice) => notices.show(notice),
      }),
    );
    openWindow();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) openWindow();
    });
  });
}
