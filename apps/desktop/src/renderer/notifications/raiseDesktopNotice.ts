import type { DesktopNotice } from '../../common/desktopNotices';
import { call } from '../bridgeClient';

/**
 * Where desktop notifications can come from: `main` in the Electron app (its
 * main process raises them), `browser` in web mode once the page may notify,
 * `blocked` when the browser said no, `unsupported` without the API.
 */
export type NoticeSupport = 'main' | 'browser' | 'ask' | 'blocked' | 'unsupported';

/** What this runtime can do about desktop notifications now. */
export function noticeSupport(): NoticeSupport {
  if (window.fieldbook) return 'main';
  if (!('Notification' in window)) return 'unsupported';
  const p = window.Notification.permission;
  return p === 'granted' ? 'browser' : p === 'denied' ? 'blocked' : 'ask';
}

/** Asks the browser for permission when needed; answers whether notices can be shown. */
export async function allowDesktopNotices(): Promise<boolean> {
  const support = noticeSupport();
  if (support === 'main' || support === 'browser') return true;
  if (support !== 'ask') return false;
  return (await window.Notification.requestPermission()) === 'granted';
}

/** What clicking each notice raised through main does, by id (the latest 100). */
const clicks = new Map<string, () => void>();
let listening = false;

function onMainClick(id: string, onClick: () => void) {
  clicks.set(id, onClick);
  if (clicks.size > 100) clicks.delete(clicks.keys().next().value!);
  if (listening || !window.fieldbook) return;
  listening = true;
  window.fieldbook.onNoticeClick((clicked) => clicks.get(clicked)?.());
}

/**
 * Raises `notice`: through the preload bridge and main's `Notification` in
 * the Electron app, with the browser's Notification API in web mode.
 * Clicking it brings the app forward and runs `onClick`.
 */
export async function raiseDesktopNotice(
  notice: DesktopNotice,
  onClick: () => void,
): Promise<void> {
  const support = noticeSupport();
  if (support === 'main') {
    onMainClick(notice.id, onClick);
    await call('notify:show', notice);
    return;
  }
  if (support !== 'browser') return;
  const shown = new window.Notification(notice.title, { body: notice.body, tag: notice.id });
  shown.onclick = () => {
    window.focus();
    onClick();
    shown.close();
  };
}
