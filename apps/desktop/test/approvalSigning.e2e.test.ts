// Approvals that need the password (issue 10, item 2), in Debian's Chromium
// against the sync server: when the workspace asks for it, "Approve" on a
// chart's annotation opens a password dialog; a wrong password says so and
// approves nothing; the right one gets a signing token from the server and
// the approval carries it. Dialog screenshots go to artifacts/screenshots.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { newId } from '@fieldbook/shared';
import { inviteMember, teamWithWorkspace, type TestUser } from './accounts';
import { a11yProblems } from './axe';
import { buildRenderer, launchChromium } from './browser';
import { signIn } from './webUi';
import { annotate, annotations, chartAs as openChart, login } from './harnessChart';
import { shootAll } from './gallery';
import { startServerProcess, type ServerProcess } from './serverProcess';
import { buildTelemetryHarness } from './telemetryHarness';

const repo = fileURLToPath(new URL('../../..', import.meta.url));
const screenshots = join(repo, 'artifacts/screenshots');
const work = mkdtempSync(join(tmpdir(), 'fieldbook-approval-e2e-'));
const bo: TestUser = { name: 'Bo Lindqvist', email: 'bo@sign.test', password: 'battery staple 2' };
const ada: TestUser = { name: 'Ada Okafor', email: 'ada@sign.test', password: 'correct horse 1' };
const cy: TestUser = { name: 'Cy Mensah', email: 'cy@sign.test', password: 'review carefully 3' };

let server: ServerProcess;
let browser: Browser;
let team: Awaited<ReturnType<typeof teamWithWorkspace>>;
const problems: string[] = [];

const site = () => ({ browser, serverUrl: server.url, workspaceId: team.workspaceId, problems });
const chartAs = (user: TestUser, role: string, doc: string, create = false) =>
  openChart(site(), user, role, doc, create);

/** The signature record of the first annotation, as the page's replica holds it. */
const approvalRecord = (page: Page) =>
  page.evaluate(() => {
    const { doc } = (window as unknown as { harness: { doc: Y.Doc } }).harness;
    const [first] = [...doc.getMap<Y.Map<unknown>>('annotations').values()];
    return (first?.get('approval') ?? null) as { by: string; signingToken?: string } | null;
  });

beforeAll(async () => {
  const webDir = join(work, 'web');
  await buildRenderer(webDir);
  await buildTelemetryHarness(join(webDir, 'harness'));
  server = await startServerProcess(webDir);
  team = await teamWithWorkspace(server.url, 'Signed review', bo, ada, 'contributor');
  await inviteMember(server.url, team, cy, 'reviewer');
  browser = await launchChromium();
  mkdirSync(screenshots, { recursive: true });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.dispose();
  rmSync(work, { recursive: true, force: true });
});

describe('approving with the password', () => {
  it('asks for it, refuses a wrong one with nothing approved, and signs with the right one', async () => {
    const collection = newId();
    const author = await chartAs(ada, 'contributor', collection, true);
    await annotate(author, {
      kind: 'point',
      anchor: { channels: ['wheel.fl.current'], t: Date.now(), y: 2.5 },
      title: 'Current spike on the front-left wheel',
    });
    // Cy's page opened before the admin asked for passwords: the setting is read at approval.
    const reviewer = await chartAs(cy, 'reviewer', collection);
    await expect.poll(async () => (await annotations(reviewer)).length).toBe(1);
    const res = await fetch(`${server.url}/api/v1/workspaces/${team.workspaceId}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${team.adminToken}` },
      body: JSON.stringify({ approvalsNeedPassword: true }),
    });
    expect(res.status).toBe(200);

    await reviewer.locator('.annotation-item').first().click();
    await reviewer.getByRole('button', { name: 'Approve', exact: true }).click();
    const dialog = reviewer.getByRole('dialog', { name: 'Sign the approval' });
    await dialog.waitFor();
    expect(await a11yProblems(reviewer, { include: '[role=dialog]' })).toEqual([]);

    await dialog.getByLabel('Password').fill('not my password');
    await shootAll(reviewer, screenshots, 'approval-password');
    await dialog.getByRole('button', { name: 'Sign and approve' }).click();
    await expect
      .poll(() => dialog.getByRole('alert').textContent())
      .toBe('That password is not right. Nothing was approved.');
    await shootAll(reviewer, screenshots, 'approval-password-wrong');
    expect(await dialog.getByLabel('Password').inputValue()).toBe('');
    await new Promise((r) => setTimeout(r, 800));
    expect((await annotations(author))[0]!.status).toBe('draft');
    expect((await annotations(reviewer))[0]!.status).toBe('draft');

    await dialog.getByLabel('Password').fill(cy.password);
    await dialog.getByLabel('Password').press('Enter');
    await expect.poll(() => dialog.count()).toBe(0);
    await expect
      .poll(async () => (await annotations(author))[0]?.status, { timeout: 10_000 })
      .toBe('approved');
    const record = await approvalRecord(author);
    expect(record?.by).toBe((await login(server.url, cy)).user.id);
    expect(record?.signingToken).toMatch(/^fbsig\./);
    await expect
      .poll(() => reviewer.getByTestId('approval').textContent())
      .toMatch(/^Approved by .+ at .+ — reviewed and approved$/);
    // Accepted by the server, not merely applied here: no refusal came back and it stays approved.
    await new Promise((r) => setTimeout(r, 800));
    expect((await annotations(reviewer))[0]!.status).toBe('approved');
    expect(problems).toEqual([]);
  });
  it('is switched by an admin in the workspace Settings, and the server keeps it', async () => {
    const setting = async () => {
      const res = await fetch(`${server.url}/api/v1/workspaces/${team.workspaceId}`, {
        headers: { authorization: `Bearer ${team.adminToken}` },
      });
      return ((await res.json()) as { approvalsNeedPassword: boolean }).approvalsNeedPassword;
    };
    const context = await browser.newContext({ viewport: { width: 1024, height: 800 } });
    const page = await context.newPage();
    page.on('pageerror', (e) => problems.push(e.stack ?? e.message));
    await page.goto(server.url);
    await signIn(page, bo);
    await page
      .getByRole('navigation', { name: 'Workspace' })
      .getByRole('link', { name: 'Settings' })
      .click();
    const toggle = page.getByRole('switch', { name: 'Ask for the password to approve' });
    const before = await setting();
    await expect.poll(() => toggle.getAttribute('aria-checked')).toBe(String(before));
    await toggle.click();
    await expect.poll(setting).toBe(!before);
    await expect.poll(() => toggle.getAttribute('aria-checked')).toBe(String(!before));
    await toggle.press('Space');
    await expect.poll(setting).toBe(before);
    expect(await a11yProblems(page)).toEqual([]);
    await context.close();
    expect(problems).toEqual([]);
  });
});
