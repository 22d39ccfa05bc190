// Thin glue: raises a desktop notification the renderer asked for (it decided
// which ones and when: common/desktopNotices.ts). Clicking it brings the window
// back and tells the renderer, which opens the place the notification is about.
import { Notification, type BrowserWindow } from 'electron';
import type { DesktopNotice } from '../common/desktopNotices';
import { NOTICE_CLICK_CHANNEL } from '../common/ipcChannels';

/** Shows `notice` as a system notification; false where the system has none. */
export function showDesktopNotice(notice: DesktopNotice, window: () => BrowserWindow): boolean {
  if (!Notification.isSupported()) return false;
  const shown = new Notification({ title: notice.title, body: notice.body, silent: false });
  shown.on('click', () => {
    const win = window();
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
    win.webContents.send(NOTICE_CLICK_CHANNEL, notice.id);
  });
  shown.show();
  return true;
}
