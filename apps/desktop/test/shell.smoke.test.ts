// Builds the renderer, serves it as static files and opens it in Debian's
// Chromium with no server behind it: sign-in first, then a local profile with
// no account — empty states, a note with per-user undo, trash and restore,
// and the note still there after a reload — with no script errors and no
// Content-Security-Policy violations.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRenderer, launchChromium } from './browser';
import { serveStatic, type StaticServer } from './staticServer';
import { documentAction, editorText, sidebarItem } from './webUi';

const screenshots = fileURLToPath(new URL('../../../artifacts/screenshots', import.meta.url));

let outDir: string;
let server: StaticServer;
let browser: Browser;

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), 'fieldbook-renderer-'));
  await buildRenderer(outDir);
  server = await serveStatic(outDir);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(outDir, { recursive: true, force: true });
});

/** Opens the app and collects every console error and uncaught page error. */
async function openApp(setup?: (page: Page) => Promise<unknown>) {
  const page = await browser.newPage({ viewport: { width: 1200, height: 760 } });
  const problems: string[] = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  page.on('pageerror', (e) => problems.push(e.message));
  await setup?.(page);
  await page.goto(server.url);
  return { page, problems };
}

describe('app shell in a browser', () => {
  it('starts at sign-in, works offline with a local profile, and keeps notes across a reload', async () => {
    const { page, problems } = await openApp();
    await expect
      .poll(() => page.getByRole('heading', { name: 'Sign in to Fieldbook' }).isVisible())
      .toBe(true);
    expect(await page.getByLabel('Server').inputValue()).toBe(server.url.replace(/\/$/, ''));
    expect(await page.getByTestId('sync-status').textContent()).toBe('Offline — not signed in');
    expect(await page.getByLabel('Status').textContent()).toContain('Web');

    await page.getByRole('button', { name: 'Work offline' }).click();
    await expect
      .poll(() => page.getByRole('heading', { name: 'No workspace yet' }).isVisible())
      .toBe(true);
    expect(await page.getByRole('button', { name: 'New note' }).count()).toBe(0);
    await page.getByLabel('Workspace name').fill('Bench notes');
    await page.getByRole('button', { name: 'Create workspace' }).click();
    await expect
      .poll(() => page.getByRole('heading', { name: 'No documents yet' }).isVisible())
      .toBe(true);
    mkdirSync(screenshots, { recursive: true });
    await page.screenshot({ path: join(screenshots, 'main-empty.png') });

    await page.getByRole('navigation').getByRole('button', { name: 'New note' }).click();
    await page.getByTestId('editor').click();
    await page.keyboard.type('first line');
    await page.keyboard.press('Control+z');
    await expect.poll(() => editorText(page)).toBe('');
    await page.keyboard.press('Control+y');
    await expect.poll(() => editorText(page)).toBe('first line');
    await documentAction(page, 'Move to trash');
    await expect.poll(() => sidebarItem(page, 'Untitled note').count()).toBe(0);
    await page.getByRole('link', { name: 'Trash 1' }).click();
    await page.getByRole('button', { name: 'Restore Untitled note' }).click();
    await sidebarItem(page, 'Untitled note').click();
    await page.reload();
    await sidebarItem(page, 'Untitled note').click();
    await expect.poll(() => editorText(page)).toBe('first line');
    expect(problems).toEqual([]);
    await page.close();
  });
});
