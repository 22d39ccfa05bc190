// Search in the web app, in Debian's Chromium against the sync server as
// `pnpm serve` runs it: Ctrl+K, type, Enter opens the hit; filters and a
// saved search; with the server stopped, a note made offline is found from
// the local replicas. Screenshots of the palette (light and dark, 1024 and
// 1440 px) go to docs/screenshots/search, and axe-core checks the palette.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { teamWithWorkspace, type TestUser } from './accounts';
import { a11yProblems } from './axe';
import { buildRenderer, launchChromium } from './browser';
import { startServerProcess, type ServerProcess } from './serverProcess';
import { editorText, signIn, syncStatus, typeAtEnd } from './webUi';

const shots = fileURLToPath(new URL('../../../docs/screenshots/search', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'fieldbook-search-e2e-'));
const ada: TestUser = { name: 'Ada Okafor', email: 'ada@search.test', password: 'correct horse 1' };
const bo: TestUser = {
  name: 'Bo Lindqvist',
  email: 'bo@search.test',
  password: 'battery staple 2',
};

let server: ServerProcess;
let browser: Browser;
let page: Page;
const problems: string[] = [];

async function newNote(title: string, text: string) {
  await page.getByRole('navigation').getByRole('button', { name: 'New note' }).click();
  await page.getByLabel('Title', { exact: true }).fill(title);
  await page.getByLabel('Title', { exact: true }).press('Enter');
  await typeAtEnd(page, text);
}

const palette = () => page.getByRole('dialog');
const results = () => palette().getByRole('option');

beforeAll(async () => {
  const webDir = join(work, 'renderer');
  await buildRenderer(webDir);
  server = await startServerProcess(webDir);
  await teamWithWorkspace(server.url, 'Pump station', ada, bo, 'reviewer');
  browser = await launchChromium();
  mkdirSync(shots, { recursive: true });
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  page = await context.newPage();
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(server.url);
  await signIn(page, ada);
});

afterAll(async () => {
  await browser?.close();
  await server?.dispose();
  rmSync(work, { recursive: true, force: true });
});

describe('search in the app', () => {
  it('Ctrl+K, type, Enter opens the note at the match', async () => {
    await expect.poll(() => syncStatus(page), { timeout: 15_000 }).toMatch(/^Synced at/);
    await newNote(
      'Pump cavitation',
      'Loud cavitation at start-up.\nThe impeller shows pitting near the eye.',
    );
    await newNote(
      'Daily log',
      'Sol 12: swapped the filter.\nChecked the impeller clearance, fine.\n',
    );
    await newNote('Storage plan', 'Where the spare seals are kept.');
    await page.getByLabel('Note text').click();
    await page.keyboard.press('Control+k');
    await expect.poll(() => palette().isVisible()).toBe(true);
    await page.keyboard.type('impeller');
    await expect.poll(() => results().count(), { timeout: 15_000 }).toBe(2);
    const titles = await results().locator('.search-hit__title').allTextContents();
    expect([...titles].sort()).toEqual(['Daily log', 'Pump cavitation']);
    expect(await results().first().locator('mark').first().textContent()).toBe('impeller');
    await expect.poll(() => palette().textContent()).toContain('This device and the server');
    for (let i = 0; i < titles.indexOf('Daily log'); i++) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect.poll(() => palette().count()).toBe(0);
    await expect
      .poll(() => page.getByLabel('Title', { exact: true }).inputValue())
      .toBe('Daily log');
    expect(await editorText(page)).toContain('impeller clearance');
    // The note opens with the keyboard in its text.
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label')))
      .toBe('Note text');
  });

  it('narrows with chips, saves a search, and re-runs it from the sidebar', async () => {
    await page.keyboard.press('Control+k');
    await page.keyboard.type('spare');
    await expect.poll(() => results().count(), { timeout: 10_000 }).toBe(1);
    await palette().getByRole('button', { name: 'Comments', exact: true }).click();
    await expect.poll(() => palette().textContent()).toContain('Nothing matches');
    await palette().getByRole('button', { name: 'Comments', exact: true }).click();
    await expect.poll(() => results().count()).toBe(1);
    await palette().getByRole('button', { name: 'Save search' }).click();
    await palette().getByRole('button', { name: 'Close' }).click();
    const saved = page
      .getByRole('navigation', { name: 'Workspace' })
      .getByRole('link', { name: 'spare' });
    await expect.poll(() => saved.count(), { timeout: 10_000 }).toBe(1);
    await saved.click();
    await expect.poll(() => palette().getByRole('combobox').inputValue()).toBe('spare');
    await expect.poll(() => results().count()).toBe(1);
    await page.keyboard.press('Escape');
  });

  it('looks right in both themes and widths, and passes axe', async () => {
    // The "Saved" toast of the previous test would cover the palette's corner in the pictures.
    await expect.poll(() => page.locator('.ui-toast').count(), { timeout: 15_000 }).toBe(0);
    for (const scheme of ['light', 'dark'] as const) {
      for (const width of [1024, 1440]) {
        await page.emulateMedia({ colorScheme: scheme });
        await page.evaluate((t) => document.documentElement.setAttribute('data-theme', t), scheme);
        await page.setViewportSize({ width, height: 800 });
        await page.keyboard.press('Control+k');
        await page.keyboard.type('impeller');
        await expect.poll(() => results().count(), { timeout: 10_000 }).toBeGreaterThan(0);
        await page.screenshot({ path: join(shots, `palette-${scheme}-${width}.png`) });
        if (width === 1440)
          expect(await a11yProblems(page, { include: '[role="dialog"]' })).toEqual([]);
        await page.keyboard.press('Escape');
      }
    }
    await page.setViewportSize({ width: 1440, height: 900 });
  });

  it('with the server stopped, finds a note created offline', async () => {
    await server.stop();
    await newNote('Offline sample', 'Basalt fragment logged while the server was down.');
    await page.keyboard.press('Control+k');
    await page.keyboard.type('basalt');
    await expect.poll(() => results().count(), { timeout: 30_000 }).toBe(1);
    expect(await results().first().locator('.search-hit__title').textContent()).toBe(
      'Offline sample',
    );
    expect(await palette().textContent()).toContain('This device only');
    await page.screenshot({ path: join(shots, 'palette-offline.png') });
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.getByLabel('Title', { exact: true }).inputValue())
      .toBe('Offline sample');
    expect(problems).toEqual([]);
  });
});
