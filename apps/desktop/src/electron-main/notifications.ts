// Thin glue: raises a desktop notification the renderer asked for (it decided
// which ones and when: common/desktopNotices.ts). Clicking it brings the window back.
import { Notification, type BrowserWindow } from 'electron';
import type { DesktopNotice } from '../common/desktopNotices';

/** Shows `notice` as a system notification; false where the system has none. */
export function showDesktopNotice(notice: DesktopNotice, window: () => BrowserWindow): boolean {
  if (!Notification.isSupported()) return false;
  const shown = new Notification({ title: notice.title, body: notice.body, silent: false });
  shown.on('click', () => {
    const win = window();
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
  });
  shown.show();
  return true;
}
