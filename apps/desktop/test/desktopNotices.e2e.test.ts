// Desktop notifications behind the Preferences switch, in Chromium against the
// sync server as `pnpm serve` runs it. Web mode: the browser's Notification
// API with the permission granted (a spy records what the real constructor is
// given). Desktop mode: the emulated preload bridge hands main's real IPC
// handlers what Electron's Notification would show, and a click on it opens
// the place the notification is about. Screenshots of the
// Preferences section go to docs/screenshots/integrations.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DesktopNotice } from '../src/common/desktopNotices';
import { SqliteLocalDocStore } from '../src/node/localStore/sqliteLocalDocStore';
import { teamWithWorkspace, type TestUser } from './accounts';
import { a11yProblems } from './axe';
import { buildRenderer, launchChromium } from './browser';
import { installDesktopBridge } from './desktopBridge';
import { startServerProcess, type ServerProcess } from './serverProcess';
import { signIn, waitForSynced } from './webUi';

const shots = fileURLToPath(new URL('../../../docs/screenshots/integrations', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'fieldbook-notices-e2e-'));
const ada: TestUser = {
  name: 'Ada Okafor',
  email: 'ada@notices.test',
  password: 'correct horse 1',
};
const bo: TestUser = {
  name: 'Bo Lindqvist',
  email: 'bo@notices.test',
  password: 'battery staple 2',
};

let server: ServerProcess;
let browser: Browser;
let team: Awaited<ReturnType<typeof teamWithWorkspace>>;
const contexts: BrowserContext[] = [];
const problems: string[] = [];

declare global {
  interface Window {
    __shown?: { title: string; body?: string }[];
  }
}

async function open(context: BrowserContext): Promise<Page> {
  contexts.push(context);
  const page = await context.newPage();
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(server.url);
  await signIn(page, bo);
  await waitForSynced(page, 30_000);
  return page;
}

/** Makes the server notify Bo: the admin changes his role. */
async function changeBosRole(role: 'reviewer' | 'contributor') {
  const res = await fetch(
    `${server.url}/api/v1/workspaces/${team.workspaceId}/members/${team.memberId}`,
    {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${team.adminToken}` },
      body: JSON.stringify({ role }),
    },
  );
  expect(res.status).toBe(200);
}

const unreadLabel = (page: Page) =>
  page.getByRole('button', { name: /^Notifications/ }).getAttribute('aria-label');

beforeAll(async () => {
  const webDir = join(work, 'renderer');
  await buildRenderer(webDir);
  server = await startServerProcess(webDir);
  team = await teamWithWorkspace(server.url, 'Rover ops', ada, bo, 'contributor');
  browser = await launchChromium();
  mkdirSync(shots, { recursive: true });
}, 120_000);

afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
  await server?.dispose();
  rmSync(work, { recursive: true, force: true });
});

describe('desktop notifications', () => {
  it('web mode: off until Preferences turns them on, then the browser shows new ones', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    await context.grantPermissions(['notifications'], { origin: server.url });
    await context.addInitScript(() => {
      const Real = window.Notification;
      window.__shown = [];
      class Spy extends Real {
        constructor(title: string, options?: NotificationOptions) {
          super(title, options);
          window.__shown!.push({ title, body: options?.body });
        }
      }
      Object.defineProperty(window, 'Notification', { value: Spy, configurable: true });
    });
    const page = await open(context);
    const shown = () => page.evaluate(() => window.__shown ?? []);

    await changeBosRole('reviewer');
    await expect.poll(() => unreadLabel(page), { timeout: 15_000 }).toBe('Notifications, 1 unread');
    expect(await shown()).toEqual([]);

    await page.keyboard.press('Control+,');
    const prefs = page.getByRole('dialog', { name: 'Preferences' });
    await prefs.waitFor();
    const toggle = prefs.getByRole('switch', { name: 'Show desktop notifications' });
    expect(await toggle.getAttribute('aria-checked')).toBe('false');
    await toggle.click();
    await expect.poll(() => toggle.getAttribute('aria-checked')).toBe('true');
    expect(await a11yProblems(page)).toEqual([]);
    for (const scheme of ['light', 'dark'] as const) {
      for (const width of [1024, 1440]) {
        await page.emulateMedia({ colorScheme: scheme });
        await page.setViewportSize({ width, height: 800 });
        await page.waitForTimeout(200);
        await page.screenshot({
          path: join(shots, `preferences-notifications-${scheme}-${width}.png`),
        });
      }
    }
    await page.emulateMedia({ colorScheme: 'light' });
    await page.keyboard.press('Escape');

    await changeBosRole('contributor');
    await expect
      .poll(shown, { timeout: 15_000 })
      .toEqual([
        { title: 'Your role is now contributor', body: expect.stringMatching(/to contributor\.$/) },
      ]);
    // A reload lists both in the bell, and raises neither again.
    await page.reload();
    await expect.poll(() => unreadLabel(page), { timeout: 30_000 }).toBe('Notifications, 2 unread');
    expect(await shown()).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('desktop mode: the renderer asks main through the bridge, and never the browser', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const notices: DesktopNotice[] = [];
    const store = SqliteLocalDocStore.open(join(work, 'bo-desktop.sqlite'));
    await installDesktopBridge(context, store, { next: null }, notices);
    await context.addInitScript(() => {
      window.__shown = [];
      const Real = window.Notification;
      Object.defineProperty(window, 'Notification', {
        value: function Spy(title: string, options?: NotificationOptions) {
          window.__shown!.push({ title, body: options?.body });
          return new Real(title, options);
        },
        configurable: true,
      });
    });
    const page = await open(context);
    await changeBosRole('reviewer');
    await expect.poll(() => unreadLabel(page), { timeout: 15_000 }).toMatch(/unread$/);
    expect(notices).toEqual([]);

    await page.keyboard.press('Control+,');
    const toggle = page
      .getByRole('dialog', { name: 'Preferences' })
      .getByRole('switch', { name: 'Show desktop notifications' });
    await toggle.click();
    await expect.poll(() => toggle.getAttribute('aria-checked')).toBe('true');
    await page.keyboard.press('Escape');

    await changeBosRole('contributor');
    await expect.poll(() => notices.length, { timeout: 15_000 }).toBe(1);
    expect(notices[0]).toMatchObject({ title: 'Your role is now contributor' });
    expect(await page.evaluate(() => window.__shown)).toEqual([]);

    // Main's click on it: the app opens the place it is about and marks it read.
    const unread = await unreadLabel(page);
    await page.evaluate((id) => window.__fieldbookNoticeClick?.(id), notices[0]!.id);
    await page.getByRole('heading', { name: 'Members', level: 1 }).waitFor();
    await expect.poll(() => unreadLabel(page)).not.toBe(unread);
    expect(problems).toEqual([]);
    await context.close();
    await store.close();
  });
});
