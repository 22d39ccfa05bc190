// What main does with a desktop notice the renderer asked for, as plain logic
// over the few members of Electron's Notification and BrowserWindow it uses,
// so Node tests run it without Electron (electron-main/notifications.ts only
// adapts the real classes to these shapes).
import type { DesktopNotice } from '../../common/desktopNotices';
import { NOTICE_CLICK_CHANNEL } from '../../common/ipcChannels';

/** One system notification, as Electron's Notification behaves. */
export interface SystemNotice {
  on(event: 'click' | 'close', listener: () => void): void;
  show(): void;
}

/** The system's notifications: whether it has any, and how to make one. */
export interface SystemNotices {
  isSupported(): boolean;
  create(options: { title: string; body: string; silent: boolean }): SystemNotice;
}

/** The app window, as far as a click on a notice needs it. */
export interface NoticeWindow {
  isMinimized(): boolean;
  restore(): void;
  show(): void;
  focus(): void;
  /** Sends to the renderer (BrowserWindow.webContents.send). */
  send(channel: string, id: string): void;
}

/**
 * Raises desktop notices. Each shown notice is held until clicked or closed:
 * one only the OS refers to may be garbage-collected and its click lost.
 */
export class DesktopNoticeGlue {
  private readonly live = new Set<SystemNotice>();

  constructor(
    private readonly system: SystemNotices,
    private readonly window: () => NoticeWindow,
  ) {}

  /**
   * Shows `notice`; false where the system has none. A click brings the
   * window back (restored, shown, focused) and tells the renderer the id on
   * NOTICE_CLICK_CHANNEL, which opens the place the notice is about.
   */
  show(notice: DesktopNotice): boolean {
    if (!this.system.isSupported()) return false;
    const shown = this.system.create({ title: notice.title, body: notice.body, silent: false });
    this.live.add(shown);
    shown.on('click', () => {
      this.live.delete(shown);
      const win = this.window();
      if (win.isMinimized()) win.restore();
      win.show();
      win.focus();
      win.send(NOTICE_CLICK_CHANNEL, notice.id);
    });
    shown.on('close', () => this.live.delete(shown));
    shown.show();
    return true;
  }

  /** How many shown notices are still held (for tests and diagnostics). */
  get held(): number {
    return this.live.size;
  }
}
