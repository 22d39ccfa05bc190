// The alert-rules screen in the web app, in Chromium against the sync server as
// `pnpm serve` runs it: an admin creates a rule with a condition, a threshold
// and actions, sees it fire when another client (a stock y-websocket provider
// in Node) annotates past the threshold, mutes it, and deletes it after a
// confirmation; a contributor never sees the screen. Screenshots (light and
// dark, 1024 and 1440 px) go to docs/screenshots/integrations; axe checks them.
import { createAnnotation, createAnnotationCollection } from '@fieldbook/crdt-model';
import { newId } from '@fieldbook/shared';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { teamWithWorkspace, type TestUser } from './accounts';
import { a11yProblems } from './axe';
import { buildRenderer, launchChromium } from './browser';
import { inSession, userIdOf } from './historySeed';
import { startServerProcess, type ServerProcess } from './serverProcess';
import { signIn, waitForSynced } from './webUi';

const shots = fileURLToPath(new URL('../../../docs/screenshots/integrations', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'fieldbook-alerts-e2e-'));
const ada: TestUser = { name: 'Ada Okafor', email: 'ada@alerts.test', password: 'correct horse 1' };
const bo: TestUser = {
  name: 'Bo Lindqvist',
  email: 'bo@alerts.test',
  password: 'battery staple 2',
};

let server: ServerProcess;
let browser: Browser;
let admin: Page;
let team: Awaited<ReturnType<typeof teamWithWorkspace>>;
const problems: string[] = [];

async function open(user: TestUser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(server.url);
  await signIn(page, user);
  await waitForSynced(page, 30_000);
  return page;
}

/** Screenshots `page` in both themes at 1024 and 1440 px as `<name>-<theme>-<width>.png`. */
async function gallery(page: Page, name: string) {
  for (const scheme of ['light', 'dark'] as const) {
    for (const width of [1024, 1440]) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.setViewportSize({ width, height: 900 });
      await page.waitForTimeout(200);
      await page.screenshot({ path: join(shots, `${name}-${scheme}-${width}.png`) });
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1440, height: 900 });
}

beforeAll(async () => {
  const webDir = join(work, 'renderer');
  await buildRenderer(webDir);
  server = await startServerProcess(webDir);
  team = await teamWithWorkspace(server.url, 'Rover ops', ada, bo, 'contributor');
  browser = await launchChromium();
  mkdirSync(shots, { recursive: true });
  admin = await open(ada);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.dispose();
  rmSync(work, { recursive: true, force: true });
});

describe('alert rules screen', () => {
  it('creates a rule, shows its firing past the threshold, mutes it and deletes it after asking', async () => {
    const member = await open(bo);
    await expect.poll(() => member.getByRole('link', { name: 'Alert rules' }).count()).toBe(0);
    await member.context().close();

    await admin
      .getByRole('navigation', { name: 'Workspace' })
      .getByRole('link', { name: 'Alert rules' })
      .click();
    await expect.poll(() => admin.getByText('No alert rules yet').isVisible()).toBe(true);
    await gallery(admin, 'alert-rules-empty');
    expect(await a11yProblems(admin)).toEqual([]);

    await admin.getByRole('button', { name: 'New rule' }).click();
    const dialog = admin.getByRole('dialog', { name: 'New alert rule' });
    await dialog.getByLabel('Name').fill('Wheel current spikes');
    await dialog.getByRole('checkbox', { name: 'point' }).click();
    await dialog.getByLabel('Words in title or body').fill('spike, surge');
    await dialog.getByLabel('Channels').fill('wheel.current');
    await dialog.getByRole('switch', { name: /several match/ }).click();
    await dialog.getByLabel('At least (annotations)').fill('2');
    await dialog.getByLabel('Within (minutes)').fill('10');
    await dialog.getByRole('checkbox', { name: 'Notify reviewers' }).click();
    await gallery(admin, 'alert-rule-new');
    expect(await a11yProblems(admin)).toEqual([]);
    await dialog.getByRole('button', { name: 'Create rule' }).click();
    await expect.poll(() => dialog.count()).toBe(0);

    const rules = admin.getByRole('table', { name: 'Alert rules' });
    const row = rules.getByRole('row', { name: /Wheel current spikes/ });
    await expect
      .poll(() => row.textContent())
      .toContain('kind point · words spike, surge · channels wheel.current');
    expect(await row.textContent()).toContain('≥ 2 within 10 min');
    expect(await row.textContent()).toContain('admins, reviewers');
    await expect.poll(() => admin.getByText('No firings yet').isVisible()).toBe(true);

    const signer = {
      server: server.url,
      token: team.adminToken,
      userId: await userIdOf(server.url, team.adminToken),
      workspaceId: team.workspaceId,
    };
    const now = Date.now();
    const spike = (title: string, dt: number) => ({
      kind: 'point' as const,
      anchor: { channels: ['wheel.current'], t: now + dt, y: 2 },
      title,
    });
    await inSession(
      signer,
      newId(),
      (doc, origin) => {
        createAnnotationCollection(doc, { name: 'Wheel currents' }, origin);
        createAnnotation(doc, spike('Current spike on wheel 2', 0), origin);
        createAnnotation(doc, spike('Dust on the lens', 1000), origin);
        createAnnotation(doc, spike('Second surge, wheel 2', 2000), origin);
      },
      (doc) => doc.getMap('annotations').size === 3,
    );
    const firings = admin.getByRole('table', { name: 'Firings' });
    await expect.poll(() => firings.getByRole('row').count(), { timeout: 15_000 }).toBe(2);
    expect(await firings.textContent()).toContain('Current spike on wheel 2');
    expect(await firings.textContent()).toContain('Second surge, wheel 2');
    expect(await firings.textContent()).not.toContain('Dust on the lens');
    await gallery(admin, 'alert-rules-firings');
    expect(await a11yProblems(admin)).toEqual([]);

    await row.getByRole('button', { name: 'Mute Wheel current spikes' }).click();
    await expect.poll(() => row.textContent()).toContain('Muted');
    const listed = await fetch(`${server.url}/api/v1/workspaces/${team.workspaceId}/alert-rules`, {
      headers: { authorization: `Bearer ${team.adminToken}` },
    });
    expect(((await listed.json()) as { items: { muted: boolean }[] }).items[0]!.muted).toBe(true);

    await row.getByRole('button', { name: 'Delete Wheel current spikes' }).click();
    const ask = admin.getByRole('alertdialog');
    await ask.waitFor();
    await gallery(admin, 'alert-rule-delete');
    await ask.getByRole('button', { name: 'Cancel' }).click();
    expect(await rules.getByRole('row').count()).toBe(2);
    await row.getByRole('button', { name: 'Delete Wheel current spikes' }).click();
    await admin.getByRole('alertdialog').getByRole('button', { name: 'Delete rule' }).click();
    await expect.poll(() => admin.getByText('No alert rules yet').isVisible()).toBe(true);
    expect(problems).toEqual([]);
  });
});
