// Annotations awaiting review (issue 17), in Debian's Chromium against the
// sync server as `pnpm serve` runs it: the admin switches "Annotations need
// review" on in Settings (a contributor is refused on REST); a contributor's
// new annotation (the chart harness, a real replica) reaches the reviewer's
// open app live — bell count and list entry — and clicking it opens the
// annotation's collection. With review off nothing is sent. Screenshots
// (light and dark, 1024 and 1440 px) go to docs/screenshots/notifications.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { newId } from '@fieldbook/shared';
import { inviteMember, teamWithWorkspace, type TestUser } from './accounts';
import { a11yProblems } from './axe';
import { buildRenderer, launchChromium } from './browser';
import { annotate, annotations, chartAs, login } from './harnessChart';
import { startServerProcess, type ServerProcess } from './serverProcess';
import { buildTelemetryHarness } from './telemetryHarness';
import { signIn, waitForSynced } from './webUi';

const shots = fileURLToPath(new URL('../../../docs/screenshots/notifications', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'fieldbook-review-e2e-'));
const ada: TestUser = { name: 'Ada Okafor', email: 'ada@review.test', password: 'correct horse 1' };
const bo: TestUser = {
  name: 'Bo Lindqvist',
  email: 'bo@review.test',
  password: 'battery staple 2',
};
const cy: TestUser = { name: 'Cy Mensah', email: 'cy@review.test', password: 'review carefully 3' };

let server: ServerProcess;
let browser: Browser;
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
async function gallery(page: Page, name: string, prepare: () => Promise<void> = async () => {}) {
  for (const scheme of ['light', 'dark'] as const) {
    for (const width of [1024, 1440]) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.setViewportSize({ width, height: 800 });
      await prepare();
      await page.waitForTimeout(200);
      await page.screenshot({ path: join(shots, `${name}-${scheme}-${width}.png`) });
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1440, height: 900 });
}

const patchSetting = async (token: string, on: boolean) =>
  fetch(`${server.url}/api/v1/workspaces/${team.workspaceId}`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ annotationsNeedReview: on }),
  });

beforeAll(async () => {
  const webDir = join(work, 'web');
  await buildRenderer(webDir);
  await buildTelemetryHarness(join(webDir, 'harness'));
  server = await startServerProcess(webDir);
  team = await teamWithWorkspace(server.url, 'Wheel review', ada, bo, 'contributor');
  await inviteMember(server.url, team, cy, 'reviewer');
  browser = await launchChromium();
  mkdirSync(shots, { recursive: true });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.dispose();
  rmSync(work, { recursive: true, force: true });
});

it('review on: the reviewer’s open app hears of a contributor’s annotation live and opens it', async () => {
  const { accessToken: boToken } = await login(server.url, bo);
  expect((await patchSetting(boToken, true)).status).toBe(403);

  const reviewer = await open(cy);
  const bell = reviewer.getByRole('button', { name: /^Notifications/ });
  await expect.poll(() => bell.getAttribute('aria-label')).toBe('Notifications');

  const collection = newId();
  const author = await chartAs(
    { browser, serverUrl: server.url, workspaceId: team.workspaceId, problems },
    bo,
    'contributor',
    collection,
    true,
  );
  const point = (title: string) => ({
    kind: 'point',
    anchor: { channels: ['wheel.fl.current'], t: Date.now(), y: 2.5 },
    title,
  });
  // Review off: this one asks nobody.
  await annotate(author, point('Before review was asked for'));
  await expect.poll(async () => (await annotations(author)).length).toBe(1);
  await reviewer.waitForTimeout(1500);

  const admin = await open(ada);
  await admin
    .getByRole('navigation', { name: 'Workspace' })
    .getByRole('link', { name: 'Settings' })
    .click();
  const toggle = admin.getByRole('switch', { name: 'Annotations need review' });
  await expect.poll(() => toggle.getAttribute('aria-checked')).toBe('false');
  await toggle.click();
  await expect.poll(() => toggle.getAttribute('aria-checked')).toBe('true');
  await gallery(admin, 'review-setting', () => toggle.scrollIntoViewIfNeeded());
  expect(await a11yProblems(admin)).toEqual([]);

  const asked = await annotate(author, point('Current spike on the front-left wheel'));
  await expect
    .poll(() => bell.getAttribute('aria-label'), { timeout: 15_000 })
    .toBe('Notifications, 1 unread');
  await bell.click();
  const panel = reviewer.getByRole('dialog', { name: 'Notifications' });
  const entry = panel.getByText('Review needed: “Current spike on the front-left wheel”');
  await expect.poll(() => entry.isVisible()).toBe(true);
  await gallery(reviewer, 'review-requested', async () => {
    if (!(await panel.isVisible())) await bell.click();
  });
  expect(await a11yProblems(reviewer)).toEqual([]);
  const { accessToken: cyToken } = await login(server.url, cy);
  const mine = await fetch(`${server.url}/api/v1/notifications`, {
    headers: { authorization: `Bearer ${cyToken}` },
  });
  const items = ((await mine.json()) as { items: { kind: string }[] }).items;
  expect(items.filter((n) => n.kind === 'approval.annotation')).toHaveLength(1);

  if (!(await panel.isVisible())) await bell.click();

  await entry.click();
  await expect
    .poll(() => reviewer.evaluate(() => location.hash))
    .toBe(`#/${team.workspaceId}/doc/${collection}`);
  await expect.poll(() => bell.getAttribute('aria-label')).toBe('Notifications');
  expect((await annotations(author)).map((a) => a.id)).toContain(asked);
  expect(problems).toEqual([]);
});
