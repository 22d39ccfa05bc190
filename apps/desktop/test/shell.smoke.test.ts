// Builds the renderer, serves it over HTTP and opens it in Debian's Chromium:
// the shell must render its empty state and an honest status bar, with no
// script errors and no Content-Security-Policy violations.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS } from './chromium';
import { serveStatic, type StaticServer } from './staticServer';

const appDir = fileURLToPath(new URL('..', import.meta.url));
const screenshots = fileURLToPath(new URL('../../../artifacts/screenshots', import.meta.url));

let outDir: string;
let server: StaticServer;
let browser: Browser;

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), 'fieldbook-renderer-'));
  await build({
    configFile: join(appDir, 'vite.config.ts'),
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true },
  });
  server = await serveStatic(outDir);
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
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
  it('shows the empty state, the sidebar and an honest status bar', async () => {
    const { page, problems } = await openApp();
    await expect
      .poll(() => page.getByRole('heading', { name: 'No documents yet' }).isVisible())
      .toBe(true);
    expect(await page.getByText('Create a note or import a workspace file.').isVisible()).toBe(
      true,
    );
    expect(await page.getByTestId('workspace-name').textContent()).toBe('No workspace open');
    expect(await page.getByRole('button', { name: 'New note' }).isDisabled()).toBe(true);
    expect(await page.getByTestId('sync-status').textContent()).toBe('Offline — not signed in');
    expect(await page.getByLabel('Status').textContent()).toContain('Web');
    mkdirSync(screenshots, { recursive: true });
    await page.screenshot({ path: join(screenshots, 'main-empty.png') });
    expect(problems).toEqual([]);
    await page.close();
  });
});
