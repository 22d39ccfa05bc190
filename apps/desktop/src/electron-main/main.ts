// Electron entry point: the thin layer that owns the app lifecycle. Everything
// that can run without Electron lives in src/node and is tested there.
import { app, BrowserWindow, session } from 'electron';
import { appRoutes } from '../node/ipc/appRoutes';
import { wireIpc } from './ipc';
import { installAppMenu } from './menu';
import { createMainWindow } from './window';

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let mainWindow: BrowserWindow | null = null;

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
    installAppMenu();
    wireIpc(
      appRoutes({ name: app.getName(), version: app.getVersion(), platform: process.platform }),
    );
    mainWindow = createMainWindow();
    mainWindow.on('closed', () => (mainWindow = null));
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) mainWindow = createMainWindow();
    });
  });
}
