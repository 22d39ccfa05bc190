// The History panel without a server, in Debian's Chromium (issue 12 "Offline
// too"): Ada writes a note, goes offline and keeps writing; the panel shows
// the changes kept on this device, the one the server lacks marked as such,
// and the oldest opens as it was (without the offline typing, counted as added since);
// back online the list is the server's again, with nothing listed twice.
// Screenshots light and dark into docs/screenshots/history/offline-*.png.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { teamWithWorkspace, type TestUser } from './accounts';
import { buildRenderer, launchChromium } from './browser';
import { shootAll, signedInPage } from './gallery';
import { startServerProcess, type ServerProcess } from './serverProcess';
import { editorText, newNote, openNote, typeAtEnd } from './webUi';

const work = mkdtempSync(join(tmpdir(), 'fieldbook-history-offline-'));
const out = fileURLToPath(new URL('../../../docs/screenshots/history', import.meta.url));
const ada: TestUser = {
  name: 'Ada Okafor',
  email: 'ada@offline.test',
  password: 'correct horse 1',
};
const bo: TestUser = {
  name: 'Bo Lindqvist',
  email: 'bo@offline.test',
  password: 'battery staple 2',
};
const FIRST = 'Wheels nominal on the ridge.';
const OFFLINE = ' Dust storm, written offline.';

let server: ServerProcess;
let browser: Browser;

beforeAll(async () => {
  const webDir = join(work, 'renderer');
  await buildRenderer(webDir);
  server = await startServerProcess(webDir);
  await teamWithWorkspace(server.url, 'Rover offline', ada, bo, 'contributor');
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.dispose();
  rmSync(work, { recursive: true, force: true });
});

const panel = (page: Page) => page.getByRole('complementary', { name: 'History' });
const localOnly = (page: Page) => panel(page).getByText('On this device only');

it('shows the changes kept on this device while offline, and merges back online', async () => {
  const a = await signedInPage(browser, server.url, ada);
  const errors: string[] = [];
  a.on('pageerror', (e) => errors.push(e.message));
  await newNote(a, 'Storm log');
  await a.keyboard.type(FIRST);
  await a.getByRole('button', { name: 'Show history' }).click();
  await expect
    .poll(() => panel(a).getByRole('listitem').count(), { timeout: 15_000 })
    .toBeGreaterThan(0);

  // A new session (a reload), then offline: the offline typing is an entry of its own.
  await a.reload();
  await openNote(a, 'Storm log');
  await expect.poll(() => editorText(a), { timeout: 15_000 }).toBe(FIRST);
  await a.context().setOffline(true);
  await a
    .getByTestId('sync-status')
    .filter({ hasText: /^Offline/ })
    .waitFor();
  await typeAtEnd(a, OFFLINE);
  // The panel stays open across the reload, or opens now.
  const show = a.getByRole('button', { name: 'Show history' });
  await panel(a).or(show).first().waitFor();
  if (!(await panel(a).isVisible())) await show.click();
  await panel(a)
    .getByText('Offline: these are the changes kept on this device.')
    .waitFor({ timeout: 15_000 });
  await expect.poll(() => localOnly(a).count(), { timeout: 15_000 }).toBe(1);
  expect(await panel(a).getByRole('listitem').count()).toBeGreaterThan(1);
  await shootAll(a, out, 'offline-panel');
  // The oldest entry opens as it was: its text, without what was typed offline since.
  await panel(a).getByRole('listitem').last().getByRole('button').click();
  const dialog = a.getByRole('dialog');
  await expect.poll(() => dialog.getByTestId('version-text').textContent()).toBe(FIRST);
  await dialog
    .getByText(`${OFFLINE.length} characters added since (not in this version).`)
    .waitFor();
  await dialog.getByRole('button', { name: 'Close' }).first().click();
  await dialog.waitFor({ state: 'detached' });
  await a.context().setOffline(false);
  await expect.poll(() => localOnly(a).count(), { timeout: 30_000 }).toBe(0);
  await expect
    .poll(() => panel(a).getByText('Offline: these are the changes kept on this device.').count())
    .toBe(0);
  const ids = await panel(a)
    .getByRole('listitem')
    .evaluateAll((items) => items.map((i) => i.textContent));
  expect(new Set(ids).size).toBe(ids.length);
  expect(await editorText(a)).toBe(FIRST + OFFLINE);
  expect(errors).toEqual([]);
}, 180_000);
