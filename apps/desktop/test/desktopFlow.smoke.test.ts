// The renderer driven in Chromium against the real main-process handlers: the
// page's `window.fieldbook` forwards to dispatchIpc over Playwright's
// exposeFunction (standing in for Electron's IPC transport, which needs the
// Electron binary), and the handlers use real SQLite stores and real files.
import { newId } from '@fieldbook/shared';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProgressEvent } from '../src/common/ipcChannels';
import { desktopHandlers } from '../src/node/ipc/desktopHandlers';
import { dispatchIpc } from '../src/node/ipc/ipcRouter';
import { SqliteLocalDocStore } from '../src/node/localStore/sqliteLocalDocStore';
import { CHROMIUM_ARGS } from './chromium';
import { serveStatic, type StaticServer } from './staticServer';

const appDir = fileURLToPath(new URL('..', import.meta.url));
const screenshots = fileURLToPath(new URL('../../../artifacts/screenshots', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'fieldbook-flow-'));
let server: StaticServer;
let browser: Browser;

beforeAll(async () => {
  const outDir = join(work, 'renderer');
  await build({ configFile: join(appDir, 'vite.config.ts'), logLevel: 'warn', build: { outDir } });
  server = await serveStatic(outDir);
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  mkdirSync(screenshots, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(work, { recursive: true, force: true });
});

/** Opens the app as one desktop profile whose dialogs answer with `files.next`. */
async function openProfile(files: { next: string | null }) {
  const store = SqliteLocalDocStore.open(join(work, `${newId()}.sqlite`));
  const page = await browser.newPage({ viewport: { width: 1200, height: 760 } });
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  const handlers = desktopHandlers({
    store,
    appInfo: { name: 'Fieldbook', version: '0.1.0', platform: 'linux' },
    actor: 'local:ada',
    chooseExportPath: async () => files.next,
    chooseImportPath: async () => files.next,
    sendProgress: (e: ProgressEvent) =>
      void page.evaluate((ev) => window.__fieldbookProgress?.(ev), e).catch(() => undefined),
  });
  await page.exposeFunction('__fieldbookInvoke', (channel: string, input: unknown) =>
    dispatchIpc(handlers, channel, input ?? undefined),
  );
  await page.addInitScript(() => {
    Object.defineProperty(window, 'fieldbook', {
      value: {
        invoke: (channel: string, input: unknown) => window.__fieldbookInvoke!(channel, input),
        onProgress: (listener: (e: unknown) => void) => {
          window.__fieldbookProgress = listener;
          return () => undefined;
        },
      },
    });
  });
  await page.goto(server.url);
  return { page, store, problems };
}

declare global {
  interface Window {
    __fieldbookInvoke?: (channel: string, input: unknown) => Promise<unknown>;
    __fieldbookProgress?: (e: unknown) => void;
  }
}

const text = (page: Page, testId: string) => page.getByTestId(testId).textContent();

describe('desktop flow in Chromium against the real handlers', () => {
  it('creates a workspace and a note, exports it, and imports it into another profile', async () => {
    const exported = join(work, 'rover.fieldbook');
    const files = { next: exported as string | null };
    const a = await openProfile(files);
    await expect.poll(() => a.page.getByLabel('Status').textContent()).toContain('Desktop 0.1.0');
    await a.page.getByLabel('Workspace name').fill('Rover ops');
    await a.page.getByRole('button', { name: 'Create workspace' }).click();
    await expect.poll(() => text(a.page, 'workspace-name')).toBe('Rover ops');
    expect(await a.page.getByRole('heading', { name: 'No documents yet' }).isVisible()).toBe(true);
    await a.page.screenshot({ path: join(screenshots, 'workspace-empty.png') });

    await a.page.getByRole('navigation').getByRole('button', { name: 'New note' }).click();
    await expect
      .poll(() => a.page.getByRole('heading', { name: 'Untitled note' }).isVisible())
      .toBe(true);
    expect(await a.page.getByRole('navigation').getByText('Untitled note').isVisible()).toBe(true);
    expect(await a.store.listDocs()).toHaveLength(2);

    await a.page.getByRole('button', { name: 'Export…' }).click();
    await expect
      .poll(() => text(a.page, 'activity'))
      .toBe('Exported 2 documents to rover.fieldbook');
    expect(existsSync(exported)).toBe(true);
    await a.page.screenshot({ path: join(screenshots, 'note-exported.png') });

    const b = await openProfile(files);
    await expect.poll(() => text(b.page, 'workspace-name')).toBe('No workspace open');
    await b.page.getByRole('button', { name: 'Import workspace file…' }).click();
    await expect.poll(() => text(b.page, 'workspace-name')).toBe('Rover ops');
    expect(await text(b.page, 'activity')).toBe(
      'Imported a new workspace: 2 new, 0 updated documents',
    );
    expect(await b.page.getByRole('navigation').getByText('Untitled note').isVisible()).toBe(true);

    const bad = join(work, 'bad.fieldbook');
    writeFileSync(bad, 'not a workspace');
    files.next = bad;
    await b.page.getByRole('button', { name: 'Import…' }).click();
    await expect
      .poll(() => b.page.getByRole('alert').textContent())
      .toBe(
        'bad.fieldbook cannot be imported: it is not a Fieldbook workspace file, or it is damaged. Nothing was changed.',
      );
    await b.page.screenshot({ path: join(screenshots, 'import-refused.png') });
    expect(await b.store.listDocs()).toHaveLength(2);
    expect([...a.problems, ...b.problems]).toEqual([]);
  });
});
