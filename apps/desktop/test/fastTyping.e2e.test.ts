// Keys typed with no pause, in Debian's Chromium against the sync server run
// as `pnpm serve` runs it: a note made with Alt+N takes the keys typed right
// after the shortcut (never the note that was open before), and in web mode,
// where IndexedDB is the only local store, a tab closed right after the last
// key keeps every key for the next visit.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { teamWithWorkspace, type TestUser } from './accounts';
import { buildRenderer, launchChromium } from './browser';
import { startServerProcess, type ServerProcess } from './serverProcess';
import { editorText, openNote, sidebarItem, signIn, syncStatus, typeAtEnd } from './webUi';

const work = mkdtempSync(join(tmpdir(), 'fieldbook-typing-e2e-'));
const ada: TestUser = { name: 'Ada Okafor', email: 'ada@rover.test', password: 'correct horse 1' };
const bo: TestUser = { name: 'Bo Lindqvist', email: 'bo@rover.test', password: 'battery staple 2' };

let server: ServerProcess;
let browser: Browser;
const problems: string[] = [];
/** Tests that stop and restart the server, or type ~900 keys, get longer than the default minute. */
const SERVER_CYCLE_MS = 150_000;

beforeAll(async () => {
  const webDir = join(work, 'renderer');
  await buildRenderer(webDir);
  server = await startServerProcess(webDir);
  await teamWithWorkspace(server.url, 'Rover traverse', ada, bo);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.dispose();
  rmSync(work, { recursive: true, force: true });
});

async function signedInPage(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(server.url);
  await signIn(page, ada);
  await expect.poll(() => syncStatus(page), { timeout: 15_000 }).toMatch(/^Synced at/);
  return { context, page };
}

const sidebarCount = (page: Page, title: string) => sidebarItem(page, title).count();

it('a note made with Alt+N takes the keys typed right after it; the previous note gets none', async () => {
  const { context, page } = await signedInPage();
  await page.getByRole('navigation').getByRole('button', { name: 'New note' }).click();
  await page.getByLabel('Title', { exact: true }).fill('Drive log');
  await page.getByLabel('Title', { exact: true }).press('Enter');
  await typeAtEnd(page, 'Odometry reset at the ridge.');

  // Writing in the previous note, then the shortcut and the next note's title and text, no
  // pause, on a page slowed down like a busy machine's.
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await page.keyboard.press('Alt+N');
  await page.keyboard.type('Wheel current anomaly\nLeft-middle wheel drew 0.9 A.');
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });

  await expect.poll(() => sidebarCount(page, 'Wheel current anomaly')).toBe(1);
  expect(await page.getByLabel('Title', { exact: true }).inputValue()).toBe(
    'Wheel current anomaly',
  );
  await expect.poll(() => editorText(page)).toBe('Left-middle wheel drew 0.9 A.');
  expect(await sidebarCount(page, 'Untitled note')).toBe(0);

  await openNote(page, 'Drive log');
  await expect.poll(() => editorText(page)).toBe('Odometry reset at the ridge.');
  expect(await page.getByLabel('Title', { exact: true }).inputValue()).toBe('Drive log');
  await context.close();
  expect(problems).toEqual([]);
});

/** Ways a tab goes away right after the last key, each as fast as Playwright can. */
const closings: Record<string, (page: Page) => Promise<void>> = {
  'closed (beforeunload run)': async (page) => {
    const closed = new Promise((resolve) => page.once('close', resolve));
    await page.close({ runBeforeUnload: true });
    await closed;
  },
  'closed outright': (page) => page.close(),
  'navigated away': async (page) => {
    await page.goto('about:blank');
    await page.close();
  },
};

it.each(Object.keys(closings))(
  'with the server stopped, a tab %s right after typing keeps every key for the next visit',
  async (how) => {
    const { context, page } = await signedInPage();
    // Someone who has been writing when the network goes: the editor's code is already here.
    await page.keyboard.press('Alt+N');
    await page.keyboard.type(`Before the outage, ${how}\nAll nominal.`);
    await expect.poll(() => editorText(page)).toBe('All nominal.');
    await server.stop();
    const title = `Close-out, ${how}`;
    const text = 'Last words typed before the tab went away.';
    // On a page slowed down like a busy machine's: a note, then a next one whose title is still
    // being typed when the tab goes.
    await (await context.newCDPSession(page)).send('Emulation.setCPUThrottlingRate', { rate: 4 });
    await page.keyboard.press('Alt+N');
    await page.keyboard.type(`${title}\n${text}`);
    await page.keyboard.press('Alt+N');
    await page.keyboard.type(`Half-typed, ${how}`);
    await closings[how]!(page);

    await server.restart();
    const again = await context.newPage();
    again.on('pageerror', (e) => problems.push(e.message));
    await again.goto(server.url);
    await openNote(again, title);
    await expect.poll(() => editorText(again)).toBe(text);
    expect(await sidebarCount(again, `Half-typed, ${how}`)).toBe(1);
    expect(await sidebarCount(again, 'Untitled note')).toBe(0);
    await context.close();
    expect(problems).toEqual([]);
  },
  SERVER_CYCLE_MS,
);

/** The most rows any of the page's document databases holds. */
function mostStoredRows(page: Page): Promise<number> {
  return page.evaluate(async () => {
    let most = 0;
    for (const { name } of await indexedDB.databases()) {
      if (!name?.startsWith('fieldbook/')) continue;
      // Never creates a database: one the app has just named may not exist yet.
      const db = await new Promise<IDBDatabase | null>((resolve) => {
        const req = indexedDB.open(name);
        req.onupgradeneeded = () => req.transaction?.abort();
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => resolve(null);
      });
      if (!db) continue;
      if (!db.objectStoreNames.contains('updates')) {
        db.close();
        continue;
      }
      const rows = await new Promise<number>((resolve, reject) => {
        const req = db.transaction('updates').objectStore('updates').count();
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      db.close();
      most = Math.max(most, rows);
    }
    return most;
  });
}

it(
  'a note of many keystrokes is folded into a few stored rows and reads back whole',
  async () => {
    const { context, page } = await signedInPage();
    const text = Array.from({ length: 14 }, (_, i) => `${i} ${'abcdefghij'.repeat(6)}`).join('\n');
    await page.keyboard.press('Alt+N');
    await page.keyboard.type(`Long log\n${text}`);
    // Some 880 updates, one row each, are folded once 500 are stored.
    await expect.poll(() => mostStoredRows(page), { timeout: 15_000 }).toBeLessThan(500);
    // Typed in order: the server held no key back (edits sent while the sync answer was on its way
    // were once refused, and the recovery moved the cursor to the start mid-typing).
    // Polled: on a loaded machine the editor can still be empty the instant the last key is sent.
    await expect.poll(() => editorText(page), { timeout: 15_000 }).toBe(text);

    await page.close();
    const again = await context.newPage();
    await again.goto(server.url);
    await openNote(again, 'Long log');
    await expect.poll(() => editorText(again)).toBe(text);
    await context.close();
  },
  SERVER_CYCLE_MS,
);
