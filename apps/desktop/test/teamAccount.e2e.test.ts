// Accounts and live roles, in Chromium against a real server process, with a
// second (and third) browser context for the person on the other end: a role
// change reaching an open editor within a second, a removal that says why and
// stops retrying, changing your password (other sessions end), an admin's
// single-use reset link, and leaving a workspace (never as its last admin).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inviteMember, teamWithWorkspace, type TestUser } from './accounts';
import { a11yProblems } from './axe';
import { buildRenderer, launchChromium } from './browser';
import { startServerProcess, type ServerProcess } from './serverProcess';
import { editorText, newNote, signIn, typeAtEnd } from './webUi';

const work = mkdtempSync(join(tmpdir(), 'fieldbook-team-account-e2e-'));
const ada: TestUser = { name: 'Ada Okafor', email: 'ada@lab.test', password: 'correct horse 1' };
const bo: TestUser = { name: 'Bo Lindqvist', email: 'bo@lab.test', password: 'battery staple 2' };
const grace: TestUser = {
  name: 'Grace Hopper',
  email: 'grace@lab.test',
  password: 'compiler 1952!',
};
const WORKSPACE = 'Field lab';

let server: ServerProcess;
let team: Awaited<ReturnType<typeof teamWithWorkspace>>;
let browser: Browser;
let admin: Page;
const problems: string[] = [];

async function open(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
  const page = await context.newPage();
  page.on('pageerror', (e) => problems.push(e.message));
  return { context, page };
}

/** A page with `user` signed in and the workspace synced. */
async function signedIn(user: TestUser): Promise<Page> {
  const { page } = await open();
  await page.goto(server.url);
  await signIn(page, user);
  await page
    .getByTestId('sync-status')
    .filter({ hasText: /^Synced at/ })
    .waitFor({ timeout: 15_000 });
  return page;
}

async function screen(page: Page, title: string): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Workspace' })
    .getByRole('link', { name: title })
    .click();
  await page.getByRole('heading', { name: title, level: 1 }).waitFor();
}

const memberRow = (page: Page, email: string) => page.getByTestId(`member-${email}`);
const refusal = (page: Page) => page.getByTestId('refusal').textContent();

async function login(user: TestUser, password = user.password): Promise<number> {
  const res = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: user.email, password }),
  });
  return res.status;
}

beforeAll(async () => {
  const webDir = join(work, 'renderer');
  await buildRenderer(webDir);
  server = await startServerProcess(webDir);
  team = await teamWithWorkspace(server.url, WORKSPACE, ada, bo, 'contributor');
  await inviteMember(server.url, team, grace, 'contributor');
  browser = await launchChromium();
  admin = await signedIn(ada);
});

afterAll(async () => {
  await browser?.close();
  await server?.dispose();
  rmSync(work, { recursive: true, force: true });
});

describe('a role change reaches the person at once', { timeout: 120_000 }, () => {
  let boPage: Page;

  it('turns a demoted editor read-only within a second and says what they can still do', async () => {
    boPage = await signedIn(bo);
    await newNote(boPage, 'Drill log');
    await typeAtEnd(boPage, 'Core 7 at 1.2 m');
    await expect.poll(() => boPage.getByTestId('sync-status').textContent()).toMatch(/^Synced at/);
    let reconnects = 0;
    boPage.on('websocket', () => reconnects++);
    // The moment the editor turns read-only, taken in the page (no polling delay in it).
    const readOnlyAt = boPage.evaluate(
      () =>
        new Promise<number>((resolve) => {
          const editor = document.querySelector('[data-testid=editor]')!;
          new MutationObserver(() => {
            if (editor.getAttribute('contenteditable') === 'false') resolve(Date.now());
          }).observe(editor, { attributes: true, attributeFilter: ['contenteditable'] });
        }),
    );

    await screen(admin, 'Members');
    await memberRow(admin, bo.email)
      .getByRole('combobox', { name: `Role of ${bo.name}` })
      .click();
    await admin.getByRole('option', { name: 'Viewer', exact: true }).click();
    const answered = admin.waitForResponse((r) => r.request().method() === 'PATCH');
    await admin
      .getByRole('alertdialog', { name: 'Make Bo Lindqvist a viewer?' })
      .getByRole('button', { name: 'Make viewer' })
      .click();
    await answered;
    const changedAt = Date.now();
    // Within a second of the server's answer to the admin (same machine, same clock).
    expect((await readOnlyAt) - changedAt).toBeLessThan(1000);
    expect(await boPage.getByTestId('editor').getAttribute('contenteditable')).toBe('false');
    expect(reconnects).toBe(0);
    await expect
      .poll(() => boPage.getByTestId('role-change').textContent())
      .toContain('Your role here is now Viewer. Can read every note, chart and annotation.');
    expect(await boPage.getByRole('note').textContent()).toContain('(viewer) may not edit');
    // No refused write either: the last "edited by" note is not sent once the role forbids it.
    expect(await boPage.getByRole('dialog', { name: 'Your changes were not saved' }).count()).toBe(
      0,
    );
    await boPage.getByTestId('editor').click();
    await boPage.keyboard.type(' — more');
    expect(await editorText(boPage)).toBe('Core 7 at 1.2 m');
    expect(await boPage.getByTestId('sync-status').textContent()).toMatch(/^Synced at/);
    expect(await a11yProblems(boPage)).toEqual([]);
  });

  it('tells a removed member why, and stops retrying', async () => {
    await memberRow(admin, bo.email)
      .getByRole('button', { name: `Remove ${bo.name}` })
      .click();
    await admin
      .getByRole('alertdialog', { name: `Remove Bo Lindqvist from ${WORKSPACE}?` })
      .getByRole('button', { name: 'Remove member' })
      .click();
    await expect
      .poll(() => refusal(boPage), { timeout: 5000 })
      .toContain('no longer a member of this workspace');
    let sockets = 0;
    boPage.on('websocket', () => sockets++);
    await boPage.waitForTimeout(4000);
    expect(sockets).toBe(0);
    expect(await boPage.getByTestId('sync-status').textContent()).toBe(
      'Not syncing — refused by the server',
    );
    expect(await editorText(boPage)).toBe('Core 7 at 1.2 m');
  });
});

/** Grace, signed in with the password her reset link set (left for the next tests). */
let reset: Page;

describe('passwords', { timeout: 120_000 }, () => {
  let here: Page;
  let elsewhere: Page;

  it('changes your password from the account menu; every other session ends, this one stays', async () => {
    here = await signedIn(grace);
    elsewhere = await signedIn(grace);
    await here.getByRole('button', { name: /account of Grace Hopper/ }).click();
    await here.getByRole('menuitem', { name: 'Change password…' }).click();
    const dialog = here.getByRole('dialog', { name: 'Change password' });
    await dialog.getByLabel('Current password').fill('not my password');
    await dialog.getByLabel('New password', { exact: true }).fill('a much newer phrase');
    await dialog.getByLabel('New password again').fill('a much newer phrase');
    expect(await a11yProblems(here)).toEqual([]);
    await dialog.getByRole('button', { name: 'Change password' }).click();
    await expect
      .poll(() => dialog.getByRole('alert').textContent())
      .toBe('The current password is wrong.');
    await dialog.getByLabel('Current password').fill(grace.password);
    await dialog.getByRole('button', { name: 'Change password' }).click();
    await here.getByText('Signed out 1 other session.', { exact: true }).waitFor();
    expect(await dialog.count()).toBe(0);

    await expect
      .poll(() => refusal(elsewhere), { timeout: 10_000 })
      .toContain('Your session has expired or was ended');
    await newNote(here, 'Still signed in');
    await expect.poll(() => here.getByTestId('sync-status').textContent()).toMatch(/^Synced at/);
    expect(await here.getByTestId('refusal').count()).toBe(0);
    // The refusal of the old password is the API test's.
    expect(await login(grace, 'a much newer phrase')).toBe(200);
  });

  it('an admin issues a single-use reset link; it sets a new password and ends every session', async () => {
    await screen(admin, 'Members');
    await memberRow(admin, grace.email)
      .getByRole('button', { name: `Reset password of ${grace.name}` })
      .click();
    const dialog = admin.getByRole('dialog', { name: 'Reset Grace Hopper’s password?' });
    await dialog.getByRole('button', { name: 'Create reset link' }).click();
    const field = dialog.getByRole('textbox', { name: 'Password reset link' });
    await field.waitFor();
    const link = await field.inputValue();
    expect(link).toMatch(new RegExp(`^${server.url}/#/password-reset/[A-Za-z0-9_%-]+$`));
    expect(await dialog.textContent()).toContain('This server sends no e-mail');
    await dialog.getByRole('button', { name: 'Done' }).click();

    ({ page: reset } = await open());
    await reset.goto(link);
    await reset.getByRole('heading', { name: 'Set a new password' }).waitFor();
    await expect.poll(() => reset.locator('main').textContent()).toContain(grace.email);
    expect(await a11yProblems(reset)).toEqual([]);
    await reset.getByLabel('New password', { exact: true }).fill('reset by the lab lead');
    await reset.getByLabel('New password again').fill('reset by the lab lead');
    await reset.getByRole('button', { name: 'Set password and sign in' }).click();
    await reset.getByTestId('workspace-name').filter({ hasText: WORKSPACE }).waitFor();
    expect(await reset.evaluate(() => location.hash)).not.toContain('password-reset');

    await expect
      .poll(() => refusal(here), { timeout: 10_000 })
      .toContain('Your session has expired or was ended');

    const { page: again } = await open();
    await again.goto(link);
    await expect
      .poll(() => again.getByRole('alert').textContent())
      .toContain('Reset link not found, used or expired');
    expect(await again.getByLabel('New password', { exact: true }).count()).toBe(0);
    expect(problems).toEqual([]);
  });
});

describe('leaving a workspace', { timeout: 120_000 }, () => {
  it('lets a member leave after a confirmation; the workspace leaves their app', async () => {
    const page = reset;
    await screen(page, 'Settings');
    expect(await page.getByLabel('Workspace name').count()).toBe(0);
    await page.getByRole('button', { name: 'Leave workspace' }).click();
    const confirm = page.getByRole('alertdialog', { name: `Leave ${WORKSPACE}?` });
    await expect.poll(() => confirm.textContent()).toContain('an admin must invite you again');
    expect(await a11yProblems(page)).toEqual([]);
    await confirm.getByRole('button', { name: 'Leave workspace' }).click();
    await page.getByText(`You left ${WORKSPACE}`).first().waitFor();
    await expect
      .poll(() => page.getByTestId('workspace-name').filter({ hasText: WORKSPACE }).count())
      .toBe(0);
    expect(await page.getByTestId('refusal').count()).toBe(0);
    await screen(admin, 'Settings');
    await screen(admin, 'Members');
    await expect.poll(() => memberRow(admin, grace.email).count()).toBe(0);
  });

  it('refuses the last admin, saying why', async () => {
    await screen(admin, 'Settings');
    await admin.getByRole('button', { name: 'Leave workspace' }).click();
    await admin
      .getByRole('alertdialog', { name: `Leave ${WORKSPACE}?` })
      .getByRole('button', { name: 'Leave workspace' })
      .click();
    await expect
      .poll(() => admin.getByRole('alert').textContent())
      .toBe(
        'You are the last admin of this workspace, so you cannot leave it: make another member an admin first.',
      );
    expect(await admin.getByTestId('workspace-name').textContent()).toContain(WORKSPACE);
    expect(problems).toEqual([]);
  });
});
