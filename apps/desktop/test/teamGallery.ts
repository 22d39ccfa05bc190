// Renders the team screens (members, invitation, accept page, API keys,
// audit trail, settings, account: change password, reset link and its page,
// leave) in light and dark, at 1024 and 1440 px wide, into
// docs/screenshots/team/, against a real server. The status bar's states
// (status-*.png) are shot by statusBar.e2e.test.ts.
//   pnpm --filter @fieldbook/desktop exec tsx test/teamGallery.ts
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { teamWithWorkspace, type TestUser } from './accounts';
import { buildRenderer, launchChromium } from './browser';
import { startServerProcess } from './serverProcess';
import { signIn } from './webUi';
import { shootAll } from './gallery';

const out = fileURLToPath(new URL('../../../docs/screenshots/team', import.meta.url));
const ada: TestUser = { name: 'Ada Okafor', email: 'ada@rover.test', password: 'correct horse 1' };
const bo: TestUser = { name: 'Bo Lindqvist', email: 'bo@rover.test', password: 'battery staple 2' };

const shoot = (page: Page, name: string) => shootAll(page, out, name);

async function screen(page: Page, title: string) {
  await page
    .getByRole('navigation', { name: 'Workspace' })
    .getByRole('link', { name: title })
    .click();
  await page.getByRole('heading', { name: title, level: 1 }).waitFor();
}

async function main(browser: Browser, url: string) {
  await teamWithWorkspace(url, 'Rover ops', ada, bo, 'contributor');
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await page.goto(url);
  await signIn(page, ada);
  await page.getByTestId('workspace-name').filter({ hasText: 'Rover ops' }).waitFor();

  await screen(page, 'Members');
  await page.getByRole('button', { name: 'Invite people' }).click();
  const dialog = page.getByRole('dialog', { name: 'Invite to Rover ops' });
  await shoot(page, 'invite-dialog');
  await dialog.getByRole('button', { name: 'Create invitation link' }).click();
  const link = await dialog.getByRole('textbox', { name: 'Invitation link' }).inputValue();
  await shoot(page, 'invite-link');
  await dialog.getByRole('button', { name: 'Done' }).click();
  await page.getByRole('table', { name: 'Pending invitations' }).waitFor();
  await shoot(page, 'members');

  const guestContext = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const guest = await guestContext.newPage();
  await guest.goto(link);
  await guest.getByRole('heading', { name: /You are invited/ }).waitFor();
  await guest.getByTestId('invitation-offer').waitFor();
  await shoot(guest, 'accept-invitation');

  await page
    .getByTestId(`member-${bo.email}`)
    .getByRole('button', { name: `Remove ${bo.name}` })
    .click();
  await page.getByRole('alertdialog').waitFor();
  await shoot(page, 'confirm-remove');
  await page.getByRole('button', { name: 'Cancel' }).click();

  await screen(page, 'API keys');
  await shoot(page, 'api-keys-empty');
  await page.getByRole('button', { name: 'Create key' }).click();
  await page.getByLabel('Name').fill('Rover 1 agent');
  await shoot(page, 'api-key-create');
  await page.getByRole('dialog').getByRole('button', { name: 'Create key' }).click();
  await page.getByRole('dialog', { name: 'Copy the key now' }).waitFor();
  await shoot(page, 'api-key-secret');
  await page.getByRole('button', { name: 'I have stored the key' }).click();
  await page.getByRole('table', { name: 'API keys' }).waitFor();
  await shoot(page, 'api-keys');

  await screen(page, 'Audit trail');
  await page.getByRole('table', { name: 'Audit entries' }).waitFor();
  await page.getByRole('button', { name: 'Verify integrity' }).click();
  await page.getByTestId('verify-result').waitFor();
  await shoot(page, 'audit');

  await screen(page, 'Settings');
  await shoot(page, 'settings');
  await page.getByRole('button', { name: 'Leave workspace' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Leave workspace' }).click();
  await page.getByRole('alert').filter({ hasText: 'last admin' }).waitFor();
  await shoot(page, 'settings-last-admin');

  await page.getByRole('button', { name: /account of Ada Okafor/ }).click();
  await page.getByRole('menu').waitFor();
  await shoot(page, 'account-menu');
  await page.getByRole('menuitem', { name: 'Change password…' }).click();
  await page.getByLabel('Current password').fill(ada.password);
  await shoot(page, 'change-password');
  await page.keyboard.press('Escape');

  await screen(page, 'Members');
  await page
    .getByTestId(`member-${bo.email}`)
    .getByRole('button', { name: `Reset password of ${bo.name}` })
    .click();
  const reset = page.getByRole('dialog', { name: /Reset Bo Lindqvist/ });
  await shoot(page, 'reset-password-dialog');
  await reset.getByRole('button', { name: 'Create reset link' }).click();
  const resetLink = await reset.getByRole('textbox', { name: 'Password reset link' }).inputValue();
  await shoot(page, 'reset-password-link');
  await reset.getByRole('button', { name: 'Done' }).click();
  const resetContext = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const resetPage = await resetContext.newPage();
  await resetPage.goto(resetLink);
  await resetPage.getByLabel('New password', { exact: true }).waitFor();
  await shoot(resetPage, 'set-new-password');
}

const work = mkdtempSync(join(tmpdir(), 'fieldbook-team-gallery-'));
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
