// A chart's annotations where the permission matrix says no (issue 10, item
// 3), in Debian's Chromium against the sync server: a viewer gets no drawing
// tools and cannot change, approve or delete an annotation; a contributor
// cannot retitle or delete another member's annotation — and what they try
// changes nothing for the author.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '@fieldbook/shared';
import { inviteMember, teamWithWorkspace, type TestUser } from './accounts';
import { buildRenderer, launchChromium } from './browser';
import { annotate, annotations, chartAs as openChart } from './harnessChart';
import { startServerProcess, type ServerProcess } from './serverProcess';
import { buildTelemetryHarness } from './telemetryHarness';

const work = mkdtempSync(join(tmpdir(), 'fieldbook-chart-readonly-e2e-'));
const bo: TestUser = { name: 'Bo Lindqvist', email: 'bo@ro.test', password: 'battery staple 2' };
const ada: TestUser = { name: 'Ada Okafor', email: 'ada@ro.test', password: 'correct horse 1' };
const cy: TestUser = { name: 'Cy Mensah', email: 'cy@ro.test', password: 'second writer 3' };
const dee: TestUser = { name: 'Dee Park', email: 'dee@ro.test', password: 'only looking 4' };
const TITLE = 'Current spike on the front-left wheel';

let server: ServerProcess;
let browser: Browser;
let team: Awaited<ReturnType<typeof teamWithWorkspace>>;
const problems: string[] = [];

const chartAs = (user: TestUser, role: string, doc: string, create = false) =>
  openChart(
    {
      browser,
      serverUrl: server.url,
      workspaceId: team.workspaceId,
      problems,
      viewport: { width: 1280, height: 800 },
    },
    user,
    role,
    doc,
    create,
  );

/** Tries everything a person could on the first annotation: retitle, Delete key, approve. */
async function tryToChange(page: Page): Promise<void> {
  await page.locator('.annotation-item').first().click();
  const title = page.getByRole('region', { name: 'Selected annotation' }).getByLabel('Title');
  await title.waitFor();
  expect(await title.getAttribute('readonly')).not.toBeNull();
  await title.press('End');
  await page.keyboard.type(' (edited)');
  await page.keyboard.press('Enter');
  await page.locator('.annotation-item').first().click();
  await page.keyboard.press('Delete');
  expect(await page.getByRole('button', { name: 'Approve', exact: true }).count()).toBe(0);
  expect(await page.getByRole('button', { name: 'Delete annotation' }).count()).toBe(0);
}

beforeAll(async () => {
  const webDir = join(work, 'web');
  await buildRenderer(webDir);
  await buildTelemetryHarness(join(webDir, 'harness'));
  server = await startServerProcess(webDir);
  team = await teamWithWorkspace(server.url, 'Read only charts', bo, ada, 'contributor');
  await inviteMember(server.url, team, cy, 'contributor');
  await inviteMember(server.url, team, dee, 'viewer');
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.dispose();
  rmSync(work, { recursive: true, force: true });
});

describe('a chart where the matrix says no', () => {
  it('gives a viewer no tools and another contributor no way to change Ada’s annotation', async () => {
    const collection = newId();
    const author = await chartAs(ada, 'contributor', collection, true);
    // The author's own page offers the drawing tools: the control for the viewer's page below.
    expect(await author.getByLabel('Draw range').count()).toBe(1);
    await annotate(author, {
      kind: 'point',
      anchor: { channels: ['wheel.fl.current'], t: Date.now(), y: 2.5 },
      title: TITLE,
    });

    const viewer = await chartAs(dee, 'viewer', collection);
    await expect.poll(async () => (await annotations(viewer)).length).toBe(1);
    expect(await viewer.getByLabel('Draw range').count()).toBe(0);
    expect(await viewer.getByLabel('Draw point').count()).toBe(0);
    await tryToChange(viewer);

    const other = await chartAs(cy, 'contributor', collection);
    await expect.poll(async () => (await annotations(other)).length).toBe(1);
    expect(await other.getByLabel('Draw range').count()).toBe(1);
    await tryToChange(other);

    // Nothing of it reached the author, and nothing stayed in either page.
    await new Promise((r) => setTimeout(r, 1000));
    for (const page of [author, viewer, other]) {
      const [only, ...rest] = await annotations(page);
      expect(rest).toEqual([]);
      expect(only).toMatchObject({ title: TITLE, status: 'draft' });
    }
    expect(problems).toEqual([]);
  });
});
