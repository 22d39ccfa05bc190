// The glue main runs for a desktop notice, with stand-ins for Electron's
// Notification and BrowserWindow (Electron cannot be loaded in Node); the real
// classes are only adapted to these shapes in electron-main/notifications.ts.
import { describe, expect, it } from 'vitest';
import { NOTICE_CLICK_CHANNEL } from '../../common/ipcChannels';
import { DesktopNoticeGlue, type NoticeWindow, type SystemNotice } from './desktopNoticeGlue';

function harness(supported = true) {
  const calls: string[] = [];
  const made: { options: unknown; fire: (e: 'click' | 'close') => void }[] = [];
  let minimized = true;
  const win: NoticeWindow = {
    isMinimized: () => minimized,
    restore: () => {
      minimized = false;
      calls.push('restore');
    },
    show: () => calls.push('show'),
    focus: () => calls.push('focus'),
    send: (channel, id) => calls.push(`send ${channel} ${id}`),
  };
  const glue = new DesktopNoticeGlue(
    {
      isSupported: () => supported,
      create: (options) => {
        const listeners = new Map<string, () => void>();
        const n: SystemNotice = {
          on: (e, l) => void listeners.set(e, l),
          show: () => calls.push(`shown ${(options as { title: string }).title}`),
        };
        made.push({ options, fire: (e) => listeners.get(e)?.() });
        return n;
      },
    },
    () => win,
  );
  return { glue, calls, made };
}

const notice = { id: 'n1', title: 'Ada mentioned you', body: '@bo please check' };

describe('desktop notice glue', () => {
  it('shows a notice, and a click brings the window back and tells the renderer once', () => {
    const { glue, calls, made } = harness();
    expect(glue.show(notice)).toBe(true);
    expect(made[0]!.options).toEqual({ title: notice.title, body: notice.body, silent: false });
    expect(calls).toEqual(['shown Ada mentioned you']);
    expect(glue.held).toBe(1);
    made[0]!.fire('click');
    expect(calls.slice(1)).toEqual(['restore', 'show', 'focus', `send ${NOTICE_CLICK_CHANNEL} n1`]);
    expect(glue.held).toBe(0);
  });

  it('holds each shown notice until it is clicked or closed', () => {
    const { glue, made } = harness();
    glue.show(notice);
    glue.show({ ...notice, id: 'n2' });
    expect(glue.held).toBe(2);
    made[1]!.fire('close');
    expect(glue.held).toBe(1);
  });

  it('answers false and shows nothing where the system has no notifications', () => {
    const { glue, calls, made } = harness(false);
    expect(glue.show(notice)).toBe(false);
    expect(made).toEqual([]);
    expect(calls).toEqual([]);
  });
});
