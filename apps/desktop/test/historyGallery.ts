// Renders the History panel in light and dark, at 1024 and 1440 px wide, into
// docs/screenshots/history/, against a real server with two people editing:
// a note's history and restore, a collection's old state with one annotation
// to restore, and the notice after merging offline changes.
//   pnpm --filter @fieldbook/desktop exec tsx test/historyGallery.ts
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import {
  createAnnotation,
  createAnnotationCollection,
  deleteAnnotation,
  editAnnotation,
} from '@fieldbook/crdt-model';
import { teamWithWorkspace, type TestUser } from './accounts';
import { accessToken } from './docReader';
import { inSession, listDocument, userIdOf } from './historySeed';
import { buildRenderer, launchChromium } from './browser';
import { startServerProcess } from './serverProcess';
import { editorText, newNote, openNote, sidebarItem, typeAtEnd } from './webUi';
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
  await a.getByText('Version restored', { exact: true }).waitFor();
  await a.waitForTimeout(4_500);
  await shoot(a, 'restored');

  // Offline work merged: Ada writes offline while Bo keeps writing.
  await a.context().setOffline(true);
  await a
    .getByTestId('sync-status')
    .filter({ hasText: /^Offline/ })
    .waitFor();
  await typeAtEnd(a, '\nDrive resumed at 14:02.');
  await typeAtEnd(b, '\nWheel currents back to nominal.');
  await a.context().setOffline(false);
  await a.getByText('Merged offline changes', { exact: true }).waitFor({ timeout: 20_000 });
  await shoot(a, 'merged-offline');
}

/** A collection with an old state: one annotation deleted, one renamed since. */
async function collection(browser: Browser, url: string, workspaceId: string) {
  const token = await accessToken(url, ada.email, ada.password);
  const as = { server: url, token, userId: await userIdOf(url, token), workspaceId };
  const docId = await listDocument(as, 'annotations', 'Dust events');
  const ids: string[] = [];
  await inSession(
    as,
    docId,
    (doc, origin) => {
      createAnnotationCollection(doc, { name: 'Dust events' }, origin);
      for (const [i, title] of [
        'Dust storm',
        'Dune crossing',
        'Dust devil',
        'Tau spike',
      ].entries()) {
        const anchor = { channels: ['tau'], t: i * 60_000, t2: i * 60_000 + 30_000 };
        ids.push(createAnnotation(doc, { kind: 'range', anchor, title }, origin));
      }
    },
    (doc) => doc.getMap('annotations').size === 4,
  );
  await inSession(
    as,
    docId,
    (doc, origin) => {
      deleteAnnotation(doc, { id: ids[0]! }, origin);
      editAnnotation(doc, { id: ids[1]!, title: 'Dune crossing, wheel slip' }, origin);
    },
    (doc) => doc.getMap('annotations').size === 3,
  );
  const a = await signedInPage(browser, url, ada);
  await sidebarItem(a, 'Dust events').click();
  await a.getByRole('button', { name: 'Show history' }).click();
  const created = panel(a).getByRole('button', { name: /created 4 annotations/i });
  await created.waitFor({ timeout: 15_000 });
  await created.click();
  await a.getByRole('dialog').getByText('deleted since').waitFor();
  await shoot(a, 'collection-version');
  await a.getByRole('button', { name: 'Restore “Dust storm” as it was' }).click();
  await shoot(a, 'confirm-restore-annotation');
}

const work = mkdtempSync(join(tmpdir(), 'fieldbook-history-gallery-'));
mkdirSync(out, { recursive: true });
const webDir = join(work, 'renderer');
await buildRenderer(webDir);
const server = await startServerProcess(webDir);
const browser = await launchChromium();
try {
  const team = await teamWithWorkspace(server.url, 'Rover traverse', ada, bo, 'reviewer');
  await main(browser, server.url);
  await collection(browser, server.url, team.workspaceId);
} finally {
  await browser.close();
  await server.dispose();
  rmSync(work, { recursive: true, force: true });
}
