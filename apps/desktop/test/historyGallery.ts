// Renders the History panel in light and dark, at 1024 and 1440 px wide, into
// docs/screenshots/history/, against a real server with two people editing.
//   pnpm --filter @fieldbook/desktop exec tsx test/historyGallery.ts
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { teamWithWorkspace, type TestUser } from './accounts';
import { buildRenderer, launchChromium } from './browser';
import { startServerProcess } from './serverProcess';
import { editorText, newNote, openNote, typeAtEnd } from './webUi';
import { shootAll, signedInPage } from './gallery';

const out = fileURLToPath(new URL('../../../docs/screenshots/history', import.meta.url));
const ada: TestUser = { name: 'Ada Okafor', email: 'ada@rover.test', password: 'correct horse 1' };
const bo: TestUser = { name: 'Bo Lindqvist', email: 'bo@rover.test', password: 'battery staple 2' };

const shoot = (page: Page, name: string) => shootAll(page, out, name);

const panel = (page: Page) => page.getByRole('complementary', { name: 'History' });

async function main(browser: Browser, url: string) {
  const a = await signedInPage(browser, url, ada);
  const b = await signedInPage(browser, url, bo);
  await newNote(a, 'Drive log');
  await a.keyboard.type('# Setup\nWheels nominal on the northern ridge.\n\n## Results\n');
  await a.keyboard.type('Mastcam panorama of the outcrop, 14 frames.');
  await a.getByRole('button', { name: 'Show history' }).click();
  await panel(a).getByRole('listitem').first().waitFor({ timeout: 10_000 });
  await panel(a).getByRole('button', { name: 'Name this version' }).click();
  await a.getByLabel('Version name').fill('Before sol 1205');
  await shoot(a, 'name-version');
  await a.getByRole('button', { name: 'Name version' }).click();

  await openNote(b, 'Drive log');
  await b.getByTestId('editor').waitFor();
  await b.getByText('Wheels nominal').click();
  await b.keyboard.press('End');
  for (let i = 0; i < 'northern ridge.'.length; i++) await b.keyboard.press('Backspace');
  await b.keyboard.type('crater rim, left middle wheel at 0.9 A.');
  await typeAtEnd(b, '\nSlip of 12 % on the descent.');
  const text = await editorText(b);
  while ((await editorText(a)) !== text) await a.waitForTimeout(100);
  await a.waitForTimeout(4_500);
  await shoot(a, 'history-panel');

  await panel(a)
    .getByRole('button', { name: /Before sol 1205/ })
    .click();
  await a.getByTestId('version-text').waitFor();
  await shoot(a, 'version-view');

  await a.getByRole('button', { name: 'Restore this version' }).click();
  await shoot(a, 'confirm-restore');
  await a.getByRole('alertdialog').getByRole('button', { name: 'Restore' }).click();
  await a.getByText('Version restored').waitFor();
  await a.waitForTimeout(4_500);
  await shoot(a, 'restored');
}

const work = mkdtempSync(join(tmpdir(), 'fieldbook-history-gallery-'));
mkdirSync(out, { recursive: true });
const webDir = join(work, 'renderer');
await buildRenderer(webDir);
const server = await startServerProcess(webDir);
const browser = await launchChromium();
try {
  await teamWithWorkspace(server.url, 'Rover traverse', ada, bo, 'reviewer');
  await main(browser, server.url);
} finally {
  await browser.close();
  await server.dispose();
  rmSync(work, { recursive: true, force: true });
}
