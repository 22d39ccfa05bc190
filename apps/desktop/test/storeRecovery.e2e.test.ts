// A damaged desktop database in a real browser with the real IPC handlers:
// the window keeps its notes from IndexedDB, says the database is damaged,
// and "Rebuild local database" sets the file aside and merges the window's
// copies back into a fresh one.
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ProfileStores } from '../src/node/localStore/profileStores';
import { buildRenderer, launchChromium } from './browser';
import { installDesktopBridge } from './desktopBridge';
import { serveStatic, type StaticServer } from './staticServer';
import { editorText, sidebarItem } from './webUi';

let outDir: string;
let dataDir: string;
let server: StaticServer;
let browser: Browser;

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), 'fieldbook-renderer-'));
  dataDir = mkdtempSync(join(tmpdir(), 'fieldbook-profiles-'));
  await buildRenderer(outDir);
  server = await serveStatic(outDir);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(outDir, { recursive: true, force: true });
  rmSync(dataDir, { recursive: true, force: true });
});

/** Every note text held in a profile's SQLite store. */
async function storedTexts(stores: ProfileStores): Promise<string[]> {
  const store = stores.get('local');
  const texts: string[] = [];
  for (const ref of await store.listDocs()) {
    const state = (await store.loadDoc(ref.docId))?.state;
    if (!state) continue;
    const doc = new Y.Doc();
    Y.applyUpdate(doc, state);
    texts.push(doc.getText('body').toString());
  }
  return texts;
}

it('offers to rebuild a damaged local database and loses nothing the window held', async () => {
  const stores = new ProfileStores(dataDir);
  const context = await browser.newContext({ viewport: { width: 1200, height: 760 } });
  await installDesktopBridge(context, stores, { next: null });
  const page = await context.newPage();
  await page.goto(server.url);
  await page.getByRole('button', { name: 'Work offline' }).click();
  await page.getByLabel('Workspace name').fill('Field notes');
  await page.getByRole('button', { name: 'Create workspace' }).click();
  await page.getByRole('navigation').getByRole('button', { name: 'New note' }).click();
  await page.getByTestId('editor').click();
  await page.keyboard.type('kept through damage');
  await expect.poll(() => storedTexts(stores)).toContain('kept through damage');
  await page.close();

  await stores.closeAll();
  const dbFile = join(dataDir, 'local', 'fieldbook.sqlite');
  for (const sidecar of ['-wal', '-shm']) rmSync(dbFile + sidecar, { force: true });
  writeFileSync(dbFile, 'SQLite format 3\u0000'.padEnd(8192, '#'));

  const again = await context.newPage();
  await again.goto(server.url);
  const banner = again.getByRole('alert').filter({ hasText: 'damaged' });
  await expect.poll(() => banner.isVisible()).toBe(true);
  await sidebarItem(again, 'Untitled note').click();
  await expect.poll(() => editorText(again)).toBe('kept through damage');

  await again.getByRole('button', { name: 'Rebuild local database' }).click();
  await expect.poll(() => banner.isVisible()).toBe(false);
  await sidebarItem(again, 'Untitled note').click();
  await expect
    .poll(() => storedTexts(stores), { timeout: 10_000 })
    .toContain('kept through damage');
  const kept = readdirSync(join(dataDir, 'local')).filter((f) => f.includes('.damaged-'));
  expect(kept.length).toBeGreaterThan(0);
  expect(existsSync(dbFile)).toBe(true);
  await context.close();
  await stores.closeAll();
}, 60_000);
