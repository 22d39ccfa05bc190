// Thin glue: adapts Electron's Notification and the app window to
// node/notices/desktopNoticeGlue.ts, which holds the logic (tested in Node).
import { Notification, type BrowserWindow } from 'electron';
import { DesktopNoticeGlue } from '../node/notices/desktopNoticeGlue';

/** The desktop notice glue of the app, raising notices through Electron. */
export function electronNoticeGlue(window: () => BrowserWindow): DesktopNoticeGlue {
  return new DesktopNoticeGlue(
    {
      isSupported: () => Notification.isSupported(),
      create: (options) => new Notification(options),
    },
    () => {
      const win = window();
      return {
        isMinimized: () => win.isMinimized(),
        restore: () => win.restore(),
        show: () => win.show(),
        focus: () => win.focus(),
        send: (channel, id) => win.webContents.send(channel, id),
      };
    },
  );
}
