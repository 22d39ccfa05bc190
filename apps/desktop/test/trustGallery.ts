// Renders what a user sees when the server's rules bite, in light and dark,
// at 1024 and 1440 px wide, into docs/screenshots/trust/: a viewer's
// read-only note, and the notice a member demoted mid-typing gets.
//   pnpm --filter @fieldbook/desktop exec tsx test/trustGallery.ts
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { changeRole, inviteMember, teamWithWorkspace, type TestUser } from './accounts';
import { buildRenderer, launchChromium } from './browser';
import { startServerProcess } from './serverProcess';
import { newNote, openNote, typeAtEnd } from './webUi';
import { shootAll, signedInPage } from './gallery';

const out = fileURLToPath(new URL('../../../docs/screenshots/trust', import.meta.url));
const ada: TestUser = { name: 'Ada Okafor', email: 'ada@lab.test', password: 'correct horse 1' };
const bo: TestUser = { name: 'Bo Lindqvist', email: 'bo@lab.test', password: 'battery staple 2' };
const cy: TestUser = { name: 'Cy Mensah', email: 'cy@lab.test', password: 'read only please 3' };

const shoot = (page: Page, name: string) => shootAll(page, out, name);

async function main(browser: Browser, url: string) {
  const team = await teamWithWorkspace(url, 'Clean room B', ada, bo, 'contributor');
  await inviteMember(url, team, cy, 'viewer');
  const adaPage = await signedInPage(browser, url, ada);
  await newNote(adaPage, 'Bake-out log');
  await adaPage.keyboard.type('# Bake-out\nChamber at **120 C** since 08:00; pressure 2e-6 mbar.');
  await adaPage.getByLabel('Add tag').fill('vacuum');
  await adaPage.getByLabel('Add tag').press('Enter');

  const cyPage = await signedInPage(browser, url, cy);
  await openNote(cyPage, 'Bake-out log');
  await cyPage.getByText('pressure 2e-6').waitFor();
  await shoot(cyPage, 'viewer-note');

  // Bo writes a paragraph offline; meanwhile he is made a viewer; back online, the server
  // refuses it and the notice gives it back to him to copy.
  const boPage = await signedInPage(browser, url, bo);
  await newNote(boPage, 'Pump-down notes');
  await boPage.keyboard.type('Roughing pump on at 09:10.');
  await boPage.waitForTimeout(800);
  await boPage.context().setOffline(true);
  await typeAtEnd(
    boPage,
    '\nTurbo pump spinning up; pressure fell through 1e-3 mbar at 09:42.\nLeak check on the feedthrough flange: none found.',
  );
  await changeRole(url, team, team.memberId, 'viewer');
  await boPage.context().setOffline(false);
  await boPage
    .getByRole('dialog', { name: 'Your changes were not saved' })
    .waitFor({ timeout: 20_000 });
  await shoot(boPage, 'refused-notice');
  await boPage.keyboard.press('Escape');
  await boPage.waitForTimeout(300);
  await shoot(boPage, 'demoted-note');
}

const work = mkdtempSync(join(tmpdir(), 'fieldbook-trust-gallery-'));
mkdirSync(out, { recursive: true });
const webDir = join(work, 'renderer');
await buildRenderer(webDir);
const server = await startServerProcess(webDir);
const browser = await launchChromium();
try {
  await main(browser, server.url);
} finally {
  await browser.close();
  await server.dispose();
  rmSync(work, { recursive: true, force: true });
}
