import { app, Menu, type BrowserWindow, type MenuItemConstructorOptions } from 'electron';
import { MENU_CHANNEL, type MenuCommand } from '../common/ipcChannels';

/**
 * Installs the application menu: new note, import/export of workspace files,
 * preferences and quit, plus the platform's standard edit/view/window roles.
 * App commands go to the renderer, which owns the documents.
 */
export function installAppMenu(currentWindow: () => BrowserWindow): void {
  const isMac = process.platform === 'darwin';
  const send = (command: MenuCommand) => () =>
    currentWindow().webContents.send(MENU_CHANNEL, command);
  const preferences: MenuItemConstructorOptions = {
    label: 'Preferences…',
    accelerator: 'CmdOrCtrl+,',
    click: send('preferences'),
  };
  const template: MenuItemConstructorOptions[] = [
    ...(isMac
      ? [
          {
            role: 'appMenu',
            submenu: [{ role: 'about' }, { type: 'separator' }, preferences, { role: 'quit' }],
          } as MenuItemConstructorOptions,
        ]
      : []),
    {
      label: 'File',
      submenu: [
        { label: 'New Note', accelerator: 'CmdOrCtrl+N', click: send('new-note') },
        { type: 'separator' },
        { label: 'Import Workspace File…', accelerator: 'CmdOrCtrl+O', click: send('import') },
        { label: 'Export Workspace File…', accelerator: 'CmdOrCtrl+E', click: send('export') },
        ...(isMac ? [] : [{ type: 'separator' } as const, preferences]),
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        { role: 'reload' },
        ...(app.isPackaged ? [] : [{ role: 'toggleDevTools' } as const]),
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
