// Renders every screen of the notebook in light and dark, at 1024 and 1440
// px wide, into docs/screenshots/notebook/ (the README's gallery), against a
// real server with two people in one workspace.
//   pnpm --filter @fieldbook/desktop exec tsx test/screenshotGallery.ts
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { teamWithWorkspace, type TestUser } from './accounts';
import { buildRenderer, launchChromium } from './browser';
import { startServerProcess } from './serverProcess';
import { documentAction, newNote, openNote, signIn, typeAtEnd, waitForSynced } from './webUi';
import { shootAll } from './gallery';

const out = fileURLToPath(new URL('../../../docs/screenshots/notebook', import.meta.url));
const ada: TestUser = { name: 'Ada Okafor', email: 'ada@rover.test', password: 'correct horse 1' };
const bo: TestUser = { name: 'Bo Lindqvist', email: 'bo@rover.test', password: 'battery staple 2' };

const TRAVERSE = [
  '# Drive log',
  'Traverse of **2.3 km** along the *northern ridge*; see the [drive plan](https://example.org/plan) and [[WHEEL]].',
  '',
  '## Checklist',
  '- [x] Check wheel currents',
  '- [ ] Download mastcam images',
  '- [ ] Plan sol 1205',
  '',
  '## Wheel currents',
  '| Wheel | Current | Status |',
  '| --- | ---: | :---: |',
  '| Left middle | 0.9 A | high |',
  '| Right front | 0.4 A | ok |',
  '',
  '> Hold the drill until the thermal check is done.',
  '',
  '```python',
  'def nominal(current_a):',
  '    return current_a < 0.6  # amps',
  '```',
  '',
  '1. Park on the ridge',
  '2. Image the outcrop',
].join('\n');

const shoot = (page: Page, name: string) => shootAll(page, out, name);

async function main(browser: Browser, url: string) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await page.goto(url);
  await page.getByRole('heading', { name: 'Sign in to Fieldbook' }).waitFor();
  await shoot(page, 'sign-in');
  await signIn(page, ada);
  await waitForSynced(page);
  await page.getByRole('heading', { name: 'No documents yet' }).waitFor();
  await shoot(page, 'workspace-empty');

  const wheel = await newNote(page, 'Wheel current anomaly');
  await page.keyboard.type(
    'Left-middle wheel drew **0.9 A** on the slope, twice the nominal current.',
  );
  await page.getByLabel('Add tag').fill('Needs Review');
  await page.getByLabel('Add tag').press('Enter');
  await newNote(page, 'Imaging plan');
  await page.keyboard.type('Mastcam mosaic of the outcrop at local noon.');
  await newNote(page, 'Sol 1204 traverse');
  await typeAtEnd(page, '');
  // Inserted as a paste would be: what Enter adds to lists while typing does not apply.
  await page.keyboard.insertText(TRAVERSE.replace('WHEEL', wheel));
  await page.getByLabel('Add tag').fill('traverse');
  await page.getByLabel('Add tag').press('Enter');
  await page.getByRole('button', { name: 'New folder' }).click();
  await page.getByLabel('Folder name').fill('Sol 1204');
  await page.getByLabel('Folder name').press('Enter');
  await documentAction(page, 'Move to', 'Sol 1204');

  const other = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const bpage = await other.newPage();
  await bpage.goto(url);
  await signIn(bpage, bo);
  await openNote(bpage, 'Sol 1204 traverse');
  await page.getByLabel('Title', { exact: true }).click();
  await page.waitForTimeout(1500);
  await shoot(page, 'note');

  await page.getByRole('button', { name: 'Show linked from' }).click();
  await openNote(page, 'Wheel current anomaly');
  await page.getByTestId('backlinks').first().waitFor();
  await shoot(page, 'note-backlinks-panel');
  await page.getByRole('button', { name: 'Hide linked from' }).click();

  await page.getByRole('button', { name: 'Document actions' }).click();
  await page.getByRole('menu').waitFor();
  await shoot(page, 'document-menu');
  await page.keyboard.press('Escape');

  await openNote(page, 'Imaging plan');
  await documentAction(page, 'Move to trash');
  await page.getByRole('link', { name: /^Trash/ }).click();
  await page.getByRole('heading', { name: 'Trash', exact: true }).waitFor();
  await shoot(page, 'trash');

  await page.getByRole('button', { name: 'Delete Imaging plan forever' }).click();
  await page.getByRole('alertdialog').waitFor();
  await shoot(page, 'confirm-delete');
  await page.keyboard.press('Escape');

  await page
    .getByRole('link', { name: /Sol 1204 traverse/ })
    .first()
    .click();
  await page.keyboard.press('Control+,');
  await page.getByRole('dialog', { name: 'Preferences' }).waitFor();
  await shoot(page, 'preferences');
  await page.keyboard.press('Escape');

  await page.getByTestId('workspace-name').click();
  await page.getByRole('menu').waitFor();
  await shoot(page, 'workspace-menu');
  await page.keyboard.press('Escape');
  await other.close();
  await context.close();
}

const work = mkdtempSync(join(tmpdir(), 'fieldbook-gallery-'));
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
