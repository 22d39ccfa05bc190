// Running a team from the app, in Chromium against a real server process:
// the Members screen, an invitation link accepted in a second browser
// context (a new account), a role change and a removal with their
// confirmations, a revoked invitation — and axe-core on each screen.
import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { teamWithWorkspace, type TestUser } from './accounts';
import { a11yProblems, useColorScheme } from './axe';
import { buildRenderer, launchChromium } from './browser';
import { startServerProcess, type ServerProcess } from './serverProcess';
import { signIn } from './webUi';

const repo = fileURLToPath(new URL('../../..', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'fieldbook-team-e2e-'));
const ada: TestUser = { name: 'Ada Okafor', email: 'ada@team.test', password: 'correct horse 1' };
const bo: TestUser = { name: 'Bo Lindqvist', email: 'bo@team.test', password: 'battery staple 2' };
const grace: TestUser = {
  name: 'Grace Hopper',
  email: 'grace@team.test',
  password: 'compiler 1952!',
};
const VIEWPORT = { width: 1280, height: 800 };

let server: ServerProcess;
let team: Awaited<ReturnType<typeof teamWithWorkspace>>;
let browser: Browser;
let admin: { context: BrowserContext; page: Page };
/** Grace, who joins through an invitation link in the first test. */
let guest: { context: BrowserContext; page: Page };
const problems: string[] = [];

async function open(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
  const page = await context.newPage();
  page.on('pageerror', (e) => problems.push(e.message));
  return { context, page };
}

/** Opens a workspace screen from the sidebar. */
async function screen(page: Page, title: string): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Workspace' })
    .getByRole('link', { name: title })
    .click();
  await page.getByRole('heading', { name: title, level: 1 }).waitFor();
}

/** The row of the member with `email`. */
const memberRow = (page: Page, email: string) => page.getByTestId(`member-${email}`);

async function expectAccessible(page: Page): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await useColorScheme(page, scheme);
    expect(await a11yProblems(page)).toEqual([]);
  }
  await useColorScheme(page, 'light');
}

beforeAll(async () => {
  const webDir = join(work, 'renderer');
  await buildRenderer(webDir);
  server = await startServerProcess(webDir);
  team = await teamWithWorkspace(server.url, 'Rover ops', ada, bo, 'contributor');
  browser = await launchChromium();
  admin = await open();
  await admin.page.goto(server.url);
  await signIn(admin.page, ada);
  await admin.page.getByTestId('workspace-name').filter({ hasText: 'Rover ops' }).waitFor();
});

afterAll(async () => {
  await browser?.close();
  await server?.dispose();
  rmSync(work, { recursive: true, force: true });
});

describe('members and invitations in the app', { timeout: 120_000 }, () => {
  let link = '';

  it('lists the members with role, operator capability and last activity', async () => {
    const { page } = admin;
    await screen(page, 'Members');
    const adaRow = memberRow(page, ada.email);
    await expect.poll(() => adaRow.textContent()).toContain('You');
    expect(await adaRow.textContent()).toMatch(/Admin.*Just now/);
    // Bo has never signed in (his account came from an invitation over REST).
    const boRow = memberRow(page, bo.email);
    expect(await boRow.getByRole('combobox', { name: `Role of ${bo.name}` }).textContent()).toBe(
      'Contributor',
    );
    expect(await boRow.textContent()).toContain('Never');
    await expectAccessible(page);
  });

  it('invites by link: the pending invitation is listed until a second browser accepts it', async () => {
    const { page } = admin;
    await page.getByRole('button', { name: 'Invite people' }).click();
    const dialog = page.getByRole('dialog', { name: 'Invite to Rover ops' });
    await dialog.getByRole('combobox', { name: 'Role' }).click();
    await page.getByRole('option', { name: 'Reviewer', exact: true }).click();
    await dialog.getByText('Operator: may send commands to instruments').click();
    await expectAccessible(page);
    await dialog.getByRole('button', { name: 'Create invitation link' }).click();
    const field = dialog.getByRole('textbox', { name: 'Invitation link' });
    await field.waitFor();
    link = await field.inputValue();
    expect(link).toMatch(new RegExp(`^${server.url}/#/invitation/[A-Za-z0-9_-]+$`));
    await dialog.getByRole('button', { name: 'Copy invitation link' }).click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
    await dialog.getByRole('button', { name: 'Done' }).click();
    const pending = page.getByRole('table', { name: 'Pending invitations' });
    await expect.poll(() => pending.textContent()).toMatch(/Reviewer.*Operator/);

    guest = await open();
    await guest.page.goto(link);
    await guest.page.getByRole('heading', { name: 'You are invited to Rover ops' }).waitFor();
    expect(await guest.page.getByTestId('invitation-offer').textContent()).toMatch(
      /^Ada Okafor invited you to Rover ops as reviewer, with the operator capability \(may command instruments\)\. Can read every note/,
    );
    await expectAccessible(guest.page);
    await guest.page.getByLabel('Your name').fill(grace.name);
    await guest.page.getByLabel('Email').fill(grace.email);
    await guest.page.getByLabel('Password').fill(grace.password);
    await guest.page.getByRole('button', { name: 'Create account and join' }).click();
    await guest.page.getByTestId('workspace-name').filter({ hasText: 'Rover ops' }).waitFor();
    expect(await guest.page.evaluate(() => location.hash)).toBe(`#/${team.workspaceId}`);

    await page.reload();
    await page.getByRole('heading', { name: 'Members', level: 1 }).waitFor();
    const row = memberRow(page, grace.email);
    await expect.poll(() => row.textContent()).toMatch(/Grace Hopper.*Just now/);
    expect(await row.getByRole('switch').isChecked()).toBe(true);
    await expect.poll(() => page.getByText('No invitations are waiting').isVisible()).toBe(true);
  });

  it('a used link cannot be used again, and says so before anyone fills in a form', async () => {
    const other = await open();
    await other.page.goto(link);
    await expect
      .poll(() => other.page.getByRole('alert').textContent())
      .toContain('Invitation not found, used or expired');
    expect(await other.page.getByLabel('Password').count()).toBe(0);
    const res = await fetch(`${server.url}/api/v1/invitations/accept`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        token: decodeURIComponent(link.split('/invitation/')[1]!),
        email: 'mallory@team.test',
        password: 'a long passphrase',
        name: 'Mallory',
      }),
    });
    expect(res.status).toBe(404);
    await other.context.close();
  });

  it('demoting asks first, saying what the member loses, and reaches the member', async () => {
    const { page } = admin;
    const row = memberRow(page, grace.email);
    await row.getByRole('combobox', { name: `Role of ${grace.name}` }).click();
    await page.getByRole('option', { name: 'Viewer', exact: true }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Make Grace Hopper a viewer?' });
    await expect
      .poll(() => confirm.textContent())
      .toContain('will no longer be able to create documents and annotations');
    await expectAccessible(page);
    await confirm.getByRole('button', { name: 'Make viewer' }).click();
    await expect.poll(() => row.getByRole('combobox').textContent()).toBe('Viewer');

    // Grace's own Members screen shows her new role, and no admin controls.
    await screen(guest.page, 'Members');
    const own = memberRow(guest.page, grace.email);
    await expect.poll(() => own.textContent()).toMatch(/Viewer/);
    expect(await guest.page.getByRole('button', { name: 'Invite people' }).count()).toBe(0);
    expect(await guest.page.getByRole('combobox').count()).toBe(0);
    await expectAccessible(guest.page);
  });

  it('revokes a pending invitation after a confirmation; its link stops working', async () => {
    const { page } = admin;
    await page.getByRole('button', { name: 'Invite people' }).click();
    const dialog = page.getByRole('dialog', { name: 'Invite to Rover ops' });
    await dialog.getByRole('button', { name: 'Create invitation link' }).click();
    const revoked = await dialog.getByRole('textbox', { name: 'Invitation link' }).inputValue();
    await dialog.getByRole('button', { name: 'Done' }).click();
    const pending = page.getByRole('table', { name: 'Pending invitations' });
    await pending.getByRole('button', { name: /Revoke the contributor invitation/ }).click();
    await page
      .getByRole('alertdialog', { name: 'Revoke this invitation?' })
      .getByRole('button', { name: 'Revoke link' })
      .click();
    await expect.poll(() => page.getByText('No invitations are waiting').isVisible()).toBe(true);
    const token = decodeURIComponent(revoked.split('/invitation/')[1]!);
    const res = await fetch(`${server.url}/api/v1/invitations/accept`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        token,
        email: 'late@team.test',
        password: 'too late 12345',
        name: 'Late',
      }),
    });
    expect(res.status).toBe(404);
  });

  it('removing asks first, saying what the member loses, and takes them off the list', async () => {
    const { page } = admin;
    await memberRow(page, bo.email)
      .getByRole('button', { name: `Remove ${bo.name}` })
      .click();
    const confirm = page.getByRole('alertdialog', { name: 'Remove Bo Lindqvist from Rover ops?' });
    await expect
      .poll(() => confirm.textContent())
      .toContain('loses access to every note, chart and annotation in Rover ops');
    await confirm.getByRole('button', { name: 'Remove member' }).click();
    await expect.poll(() => memberRow(page, bo.email).count()).toBe(0);
    expect(problems).toEqual([]);
  });
});

/** Starts the command the app shows (`FIELDBOOK_AGENT_KEY=… fieldbook-agent run rover --server …`). */
function runAgentCommand(command: string, seconds: number): ChildProcess {
  const m = /^FIELDBOOK_AGENT_KEY=(\S+) fieldbook-agent (run rover --server \S+)$/.exec(command);
  if (!m) throw new Error(`unexpected agent command: ${command}`);
  const args = [...m[2]!.split(' '), '--seconds', String(seconds), '--buffer', join(work, 'agent')];
  const proc = spawn(
    process.execPath,
    [join(repo, 'packages/agent/bin/fieldbook-agent.js'), ...args],
    {
      env: { ...process.env, FIELDBOOK_AGENT_KEY: m[1]! },
      stdio: 'ignore',
    },
  );
  return proc;
}

async function instrumentsOnline(): Promise<number> {
  const res = await fetch(`${server.url}/api/v1/workspaces/${team.workspaceId}/instruments`, {
    headers: { authorization: `Bearer ${team.adminToken}` },
  });
  const { items } = (await res.json()) as { items: { connection: string }[] };
  return items.filter((i) => i.connection === 'ONLINE').length;
}

describe('API keys in the app', { timeout: 120_000 }, () => {
  it('creates a key whose command drives the rover agent, shows its last use, and revokes it', async () => {
    const { page } = admin;
    await screen(page, 'API keys');
    await page.getByRole('heading', { name: 'No API keys yet' }).waitFor();
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Create key' }).click();
    const dialog = page.getByRole('dialog', { name: 'Create an API key' });
    await dialog.getByRole('button', { name: 'Create key' }).click();
    await expect
      .poll(() => dialog.getByRole('alert').textContent())
      .toContain('Give the key a name');
    await dialog.getByLabel('Name').fill('Rover 1 agent');
    await dialog.getByRole('button', { name: 'Create key' }).click();
    const shown = page.getByRole('dialog', { name: 'Copy the key now' });
    const key = await shown.getByRole('textbox', { name: 'API key' }).inputValue();
    expect(key).toMatch(/^fb_[a-z0-9]{8}_\S+$/);
    const command = await shown.getByRole('textbox', { name: 'Agent command' }).inputValue();
    expect(command).toBe(
      `FIELDBOOK_AGENT_KEY=${key} fieldbook-agent run rover --server ${server.url}`,
    );
    await expectAccessible(page);
    await shown.getByRole('button', { name: 'I have stored the key' }).click();

    const agent = runAgentCommand(command, 30);
    await expect.poll(instrumentsOnline, { timeout: 20_000 }).toBe(1);
    // Last use is written in batches (every 10 s): reload until it shows.
    const row = page.getByTestId('key-Rover 1 agent');
    await expect
      .poll(
        async () => {
          await page.reload();
          await row.waitFor();
          return row.textContent();
        },
        { timeout: 30_000, interval: 2000 },
      )
      .toMatch(/Write.*Agent.*Active.*Just now/);
    expect(await row.textContent()).not.toContain(key.split('_')[2]!);

    await row.getByRole('button', { name: 'Revoke Rover 1 agent' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Revoke “Rover 1 agent”?' });
    await expect.poll(() => confirm.textContent()).toContain('agents are disconnected');
    await confirm.getByRole('button', { name: 'Revoke key' }).click();
    await expect.poll(() => row.textContent()).toContain('Revoked');
    const refused = await fetch(`${server.url}/api/v1/workspaces`, {
      headers: { authorization: `Bearer ${key}` },
    });
    expect(refused.status).toBe(401);
    await expect.poll(instrumentsOnline, { timeout: 20_000 }).toBe(0);
    const exited = new Promise((resolve) => agent.once('exit', resolve));
    agent.kill();
    await exited;
    expect(problems).toEqual([]);
  });
});

describe('audit trail and workspace settings in the app', { timeout: 120_000 }, () => {
  it('filters the trail, exports it, and verifies it: intact, then the altered entry named', async () => {
    const { page } = admin;
    await screen(page, 'Audit trail');
    const table = page.getByRole('table', { name: 'Audit entries' });
    await expect.poll(() => table.textContent()).toContain('member.remove');
    await page.getByLabel('Action').fill('member.role');
    await expect
      .poll(async () => (await table.locator('tbody tr').allTextContents()).join('|'))
      .toMatch(/^[^|]*member\.role[^|]*$/);
    await expectAccessible(page);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(download.suggestedFilename()).toBe('audit-Rover ops.csv');
    expect(csv).toContain('member.role');
    expect(csv).toContain('apiKey.revoke');

    await page.getByRole('button', { name: 'Verify integrity' }).click();
    const result = page.getByTestId('verify-result');
    await expect.poll(() => result.textContent()).toMatch(/^Intact\. All \d+ entries/);
    await expectAccessible(page);

    const db = new Database(join(server.dataDir, 'fieldbook.db'));
    db.pragma('busy_timeout = 5000');
    db.prepare(`UPDATE audit_entries SET outcome = 'failure' WHERE seq = 3`).run();
    db.close();
    await page.getByRole('button', { name: 'Verify integrity' }).click();
    await expect
      .poll(() => result.textContent())
      .toMatch(/^Tampering found\. Entry #3 does not check out: its content was changed/);
    await expectAccessible(page);
  });

  it('renames the workspace on the server and in every open app, and archives it read-only', async () => {
    const { page } = admin;
    await screen(page, 'Settings');
    await expectAccessible(page);
    await page.getByLabel('Workspace name').fill('Rover operations');
    await page.getByRole('button', { name: 'Rename' }).click();
    const named = (p: Page) => p.getByTestId('workspace-name').textContent();
    await expect.poll(() => named(page)).toContain('Rover operations');
    await expect.poll(() => named(guest.page)).toContain('Rover operations');
    const api = (path: string, init: RequestInit = {}) =>
      fetch(`${server.url}/api/v1${path}`, {
        ...init,
        headers: { authorization: `Bearer ${team.adminToken}`, 'content-type': 'application/json' },
      });
    expect(
      ((await (await api(`/workspaces/${team.workspaceId}`)).json()) as { name: string }).name,
    ).toBe('Rover operations');

    await page.getByRole('button', { name: 'Archive workspace' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Archive Rover operations?' });
    await expect
      .poll(() => confirm.textContent())
      .toContain('nobody — admins included — can change anything');
    await confirm.getByRole('button', { name: 'Archive workspace' }).click();
    await expect.poll(() => page.getByText('It is read-only for everyone').isVisible()).toBe(true);
    expect(await page.getByLabel('Workspace name').isDisabled()).toBe(true);
    await expectAccessible(page);
    const refused = await api(`/workspaces/${team.workspaceId}/invitations`, {
      method: 'POST',
      body: JSON.stringify({ role: 'viewer' }),
    });
    expect(refused.status).toBe(403);

    await page.getByRole('button', { name: 'Unarchive' }).click();
    await page
      .getByRole('alertdialog', { name: 'Unarchive Rover operations?' })
      .getByRole('button', { name: 'Unarchive' })
      .click();
    await page.getByRole('button', { name: 'Archive workspace' }).waitFor();
    expect(problems).toEqual([]);
  });
});

describe('a status bar that tells the truth', { timeout: 120_000 }, () => {
  it('says signed in, not "not signed in", right after creating an organization', async () => {
    const fresh = await open();
    await fresh.page.goto(server.url);
    await fresh.page.getByRole('button', { name: 'New here? Create an organization' }).click();
    await fresh.page.getByLabel('Organization', { exact: true }).fill('Clean room');
    await fresh.page.getByLabel('Your name', { exact: true }).fill('Lin Wu');
    await fresh.page.getByLabel('Email', { exact: true }).fill('lin@cleanroom.test');
    await fresh.page.getByLabel('Password', { exact: true }).fill('a long passphrase');
    await fresh.page.getByRole('button', { name: 'Create and sign in' }).click();
    await expect
      .poll(() => fresh.page.getByTestId('sync-status').textContent())
      .toBe('Signed in — no workspace open');
    await fresh.context.close();
  });

  it('tells a removed member why, never beside "Synced at", and stops retrying', async () => {
    const { page } = guest;
    await expect
      .poll(() => page.getByTestId('sync-status').textContent(), { timeout: 15_000 })
      .toMatch(/^Synced at/);
    let sockets = 0;
    page.on('websocket', () => sockets++);
    const api = `${server.url}/api/v1/workspaces/${team.workspaceId}/members`;
    const auth = { authorization: `Bearer ${team.adminToken}` };
    const { items } = (await (await fetch(api, { headers: auth })).json()) as {
      items: { userId: string; email: string }[];
    };
    const graceId = items.find((m) => m.email === grace.email)!.userId;
    expect((await fetch(`${api}/${graceId}`, { method: 'DELETE', headers: auth })).status).toBe(
      204,
    );

    const bar = page.getByRole('contentinfo', { name: 'Status' });
    await expect
      .poll(() => page.getByTestId('refusal').textContent(), { timeout: 10_000 })
      .toContain('no longer a member of this workspace');
    expect(await page.getByTestId('sync-status').textContent()).toBe(
      'Not syncing — refused by the server',
    );
    expect(await bar.textContent()).not.toContain('Synced');
    await expectAccessible(page);
    const after = sockets;
    await page.waitForTimeout(4000);
    expect(sockets).toBe(after);
    expect(await bar.textContent()).not.toContain('Synced');
  });
});
