// Keys typed with no pause, in Debian's Chromium against the sync server run
// as `pnpm serve` runs it: a note made with Alt+N takes the keys typed right
// after the shortcut (never the note that was open before).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { teamWithWorkspace, type TestUser } from './accounts';
import { buildRenderer, launchChromium } from './browser';
import { startServerProcess, type ServerProcess } from './serverProcess';
import { editorText, openNote, signIn, syncStatus, typeAtEnd } from './webUi';

const work = mkdtempSync(join(tmpdir(), 'fieldbook-typing-e2e-'));
const ada: TestUser = { name: 'Ada Okafor', email: 'ada@rover.test', password: 'correct horse 1' };
const bo: TestUser = { name: 'Bo Lindqvist', email: 'bo@rover.test', password: 'battery staple 2' };

let server: ServerProcess;
let browser: Browser;
const problems: string[] = [];

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

const sidebarCount = (page: Page, title: string) =>
  page.getByRole('navigation').getByRole('button', { name: title, exact: true }).count();

it('a note made with Alt+N takes the keys typed right after it; the previous note gets none', async () => {
  const { context, page } = await signedInPage();
  await page.getByRole('navigation').getByRole('button', { name: 'New note' }).click();
  await page.getByLabel('Title').fill('Drive log');
  await page.getByLabel('Title').press('Enter');
  await typeAtEnd(page, 'Odometry reset at the ridge.');

  // Writing in the previous note, then the shortcut and the next note's title and text, no
  // pause, on a page slowed down like a busy machine's.
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await page.keyboard.press('Alt+N');
  await page.keyboard.type('Wheel current anomaly\nLeft-middle wheel drew 0.9 A.');
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });

  await expect.poll(() => sidebarCount(page, 'Wheel current anomaly')).toBe(1);
  expect(await page.getByLabel('Title').inputValue()).toBe('Wheel current anomaly');
  await expect.poll(() => editorText(page)).toBe('Left-middle wheel drew 0.9 A.');
  expect(await sidebarCount(page, 'Untitled note')).toBe(0);

  await openNote(page, 'Drive log');
  await expect.poll(() => editorText(page)).toBe('Odometry reset at the ridge.');
  expect(await page.getByLabel('Title').inputValue()).toBe('Drive log');
  await context.close();
  expect(problems).toEqual([]);
});
