// axe-core on the app's screens in both themes, at the narrowest supported
// width (1024 px): sign-in, the empty workspace, a note, the trash, the
// preferences dialog and a menu — no serious or critical violations.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { a11yProblems, useColorScheme } from './axe';
import { buildRenderer, launchChromium } from './browser';
import { serveStatic, type StaticServer } from './staticServer';
import { typeAtEnd } from './webUi';

let outDir: string;
let server: StaticServer;
let browser: Browser;

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), 'fieldbook-a11y-'));
  await buildRenderer(outDir);
  server = await serveStatic(outDir);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(outDir, { recursive: true, force: true });
});

describe.each(['light', 'dark'] as const)('accessibility in the %s theme', (scheme) => {
  it('sign-in, workspace, note, trash, preferences and menus pass axe-core', async () => {
    const context = await browser.newContext({
      viewport: { width: 1024, height: 720 },
      colorScheme: scheme,
    });
    const page: Page = await context.newPage();
    await page.goto(server.url);
    await useColorScheme(page, scheme);
    await page.getByRole('heading', { name: 'Sign in to Fieldbook' }).waitFor();
    expect(await a11yProblems(page)).toEqual([]);

    await page.getByRole('button', { name: 'Work offline' }).click();
    await page.getByRole('heading', { name: 'No workspace yet' }).waitFor();
    expect(await a11yProblems(page)).toEqual([]);
    await page.getByLabel('Workspace name').fill('Clean room');
    await page.getByRole('button', { name: 'Create workspace' }).click();
    await page.getByRole('heading', { name: 'No documents yet' }).waitFor();
    expect(await a11yProblems(page)).toEqual([]);

    await page.keyboard.press('Alt+N');
    await page.keyboard.type('Bake-out log\n');
    await typeAtEnd(page, '# Chamber\n- 120 C for 48 h\n- pressure logged\n');
    await page.getByLabel('Add tag').fill('Needs Review');
    await page.getByLabel('Add tag').press('Enter');
    expect(await a11yProblems(page)).toEqual([]);

    await page.getByRole('button', { name: 'Document actions' }).click();
    await page.getByRole('menu').waitFor();
    expect(await a11yProblems(page)).toEqual([]);
    await page.keyboard.press('Escape');

    await page.getByRole('link', { name: 'Trash' }).click();
    await page.getByRole('heading', { name: 'The trash is empty' }).waitFor();
    expect(await a11yProblems(page)).toEqual([]);

    await page.keyboard.press('Control+,');
    await page.getByRole('dialog', { name: 'Preferences' }).waitFor();
    expect(await a11yProblems(page)).toEqual([]);
    await context.close();
  });
});
