// A chart in the app shell, in Debian's Chromium, with two people against a
// real server and the rover simulator: one sidebar entry per chart; rename,
// trash and restore; channel names and units in chips and legend, also after
// reopening with the server's channel list and samples out of reach; the
// other user's pointer named in their colour; the toolbar on one row at
// 1024 px; theme colours; no serious axe-core violation in either theme; the
// annotation panel worked from the keyboard and whole at 1024 px.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { teamWithWorkspace, type TestUser } from './accounts';
import { a11yProblems, useColorScheme } from './axe';
import { buildRenderer, launchChromium } from './browser';
import { addChannel, newChart } from './chartUi';
import { startRover, type RoverStream } from './roverStream';
import { startServerProcess, type ServerProcess } from './serverProcess';
import { documentAction, sidebarItem, signInAt } from './webUi';

const repo = fileURLToPath(new URL('../../..', import.meta.url));
const screenshots = join(repo, 'artifacts/screenshots');
const work = mkdtempSync(join(tmpdir(), 'fieldbook-charts-e2e-'));
const ada: TestUser = { name: 'Ada Okafor', email: 'ada@rover.test', password: 'correct horse 1' };
const bo: TestUser = { name: 'Bo Lindqvist', email: 'bo@rover.test', password: 'battery staple 2' };
const FL = 'rover.wheel.fl.current (A)';
const FR = 'rover.wheel.fr.current (A)';
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-/;

let server: ServerProcess;
let rover: RoverStream;
let browser: Browser;
let ctxA: BrowserContext;
let ctxB: BrowserContext;
let a: Page;
let b: Page;
const problems: string[] = [];

async function signedIn(context: BrowserContext, user: TestUser): Promise<Page> {
  const page = await context.newPage();
  page.on('pageerror', (e) => problems.push(e.stack ?? e.message));
  await signInAt(page, server.url, user);
  return page;
}

const pointsOf = (page: Page) =>
  page.locator('.telemetry-plot').evaluate((el) => Number(el.getAttribute('data-points')));
const chips = (page: Page) => page.locator('.panel-channels .ui-chip').allTextContents();
const workspaceTree = (page: Page) => page.getByRole('navigation', { name: 'Workspace' });

beforeAll(async () => {
  const webDir = join(work, 'web');
  await buildRenderer(webDir);
  server = await startServerProcess(webDir);
  const team = await teamWithWorkspace(server.url, 'Rover charts', ada, bo);
  rover = await startRover(server.url, team.adminToken, team.workspaceId, join(work, 'buffer'));
  browser = await launchChromium();
  ctxA = await browser.newContext({ viewport: { width: 1024, height: 720 } });
  ctxB = await browser.newContext({ viewport: { width: 1024, height: 720 } });
  a = await signedIn(ctxA, ada);
  b = await signedIn(ctxB, bo);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  rover?.stop();
  await server?.dispose();
  rmSync(work, { recursive: true, force: true });
});

describe('a chart in the app', () => {
  it('is one sidebar entry, named in chips and legend, and can be renamed', async () => {
    await newChart(a);
    await addChannel(a, FL);
    await addChannel(a, FR);
    await expect.poll(() => pointsOf(a), { timeout: 10_000 }).toBeGreaterThan(10);
    expect(await chips(a)).toEqual([FL, FR]);
    expect(await a.locator('.u-legend').textContent()).toContain(FL);
    const entries = await workspaceTree(a).getByRole('link').allTextContents();
    expect(entries.filter((t) => /chart/i.test(t))).toEqual(['New chart']);
    const title = a.locator('.chart-page').getByRole('textbox');
    await title.fill('Wheel currents');
    await title.press('Enter');
    await expect.poll(() => sidebarItem(a, 'Wheel currents').count()).toBe(1);
    await expect.poll(() => sidebarItem(b, 'Wheel currents').count(), { timeout: 10_000 }).toBe(1);
    const after = await workspaceTree(b).getByRole('link').allTextContents();
    expect(after.filter((t) => /annotations/i.test(t))).toEqual([]);
  });

  it('shows the other user’s pointer with their name and colour', async () => {
    await sidebarItem(b, 'Wheel currents').click();
    // The plot is rebuilt once the channels' names arrive; point at the final one.
    await expect.poll(() => chips(b)).toEqual([FL, FR]);
    await b.locator('.u-over').waitFor();
    const plot = (await b.locator('.u-over').boundingBox())!;
    await b.mouse.move(plot.x + plot.width * 0.3, plot.y + plot.height * 0.4);
    await b.mouse.move(plot.x + plot.width * 0.35, plot.y + plot.height * 0.45);
    const peer = a.getByTestId('peer-cursor');
    await expect.poll(() => peer.textContent(), { timeout: 5000 }).toBe(bo.name);
    const color = await a.evaluate(() => {
      const el = document.querySelector('[data-testid="peer-cursor"]')!;
      return getComputedStyle(el).backgroundColor;
    });
    expect(color).toMatch(/^rgb\(/);
    expect(color).not.toBe('rgb(112, 72, 232)'); // the colour of an unnamed pointer
  });

  it('keeps its toolbar on one row at 1024 px, with named tools and shortcuts', async () => {
    const toolbar = a.getByRole('toolbar', { name: 'Chart tools' });
    // One row: every control crosses one horizontal line, and nothing is cut off.
    const layout = await toolbar.evaluate((el) => {
      const boxes = [...el.children].map((c) => c.getBoundingClientRect());
      return {
        oneRow: Math.max(...boxes.map((r) => r.top)) < Math.min(...boxes.map((r) => r.bottom)),
        overflow: el.scrollWidth - el.clientWidth,
      };
    });
    expect(layout).toEqual({ oneRow: true, overflow: 0 });
    expect(await toolbar.getByRole('radio').count()).toBe(12);
    await a.getByRole('radio', { name: 'Draw arrow' }).hover();
    await expect.poll(() => a.getByRole('tooltip').textContent()).toMatch(/Draw arrow.*A/);
    mkdirSync(screenshots, { recursive: true });
    await a.screenshot({ path: join(screenshots, 'chart-app-1024.png') });
  });

  it('follows the theme and passes axe-core in both themes', async () => {
    const dot = a.locator('.panel-channels .ui-chip__dot').first();
    for (const [scheme, series1] of [
      ['light', 'rgb(28, 126, 214)'],
      ['dark', 'rgb(77, 171, 247)'],
    ] as const) {
      await useColorScheme(a, scheme);
      await expect
        .poll(() => dot.evaluate((el) => getComputedStyle(el).backgroundColor))
        .toBe(series1);
      const plotBg = await a
        .locator('.telemetry-plot')
        .evaluate((el) => getComputedStyle(el).backgroundColor);
      expect(plotBg).toBe(scheme === 'light' ? 'rgb(255, 255, 255)' : 'rgb(21, 23, 28)');
      expect(await a11yProblems(a)).toEqual([]);
    }
    await useColorScheme(a, 'light');
  });

  it('keeps channel names when reopened without the server’s channel list and samples', async () => {
    const refused: string[] = [];
    const refuse = (route: Route) => {
      refused.push(new URL(route.request().url()).pathname.split('/').pop()!);
      return route.abort();
    };
    await a.route('**/api/v1/workspaces/*/channels', refuse);
    await a.route('**/api/v1/channels/*/samples*', refuse);
    await a.reload();
    await a.locator('.u-over').waitFor({ timeout: 15_000 });
    await a.getByText('offline — cached data').waitFor({ timeout: 10_000 });
    await expect.poll(() => chips(a)).toEqual([FL, FR]);
    const legend = (await a.locator('.u-legend').textContent()) ?? '';
    expect(legend).toContain(FR);
    expect(legend).not.toMatch(UUID);
    expect(new Set(refused)).toEqual(new Set(['channels', 'samples']));
    await a.unroute('**/api/v1/workspaces/*/channels');
    await a.unroute('**/api/v1/channels/*/samples*');
  });

  it('goes to the trash and comes back with its annotations', async () => {
    await a.getByLabel('Annotation title').fill('Kept across the trash');
    await a.getByRole('radio', { name: 'Draw point' }).click();
    const plot = (await a.locator('.u-over').boundingBox())!;
    await a.mouse.click(plot.x + plot.width * 0.9, plot.y + plot.height * 0.5);
    await a.locator('.annotation-item', { hasText: 'Kept across the trash' }).waitFor();
    await documentAction(a, 'Move to trash');
    await expect.poll(() => sidebarItem(a, 'Wheel currents').count()).toBe(0);
    await expect.poll(() => sidebarItem(b, 'Wheel currents').count(), { timeout: 10_000 }).toBe(0);
    await workspaceTree(a)
      .getByRole('link', { name: /^Trash/ })
      .click();
    await a.getByRole('button', { name: 'Restore Wheel currents' }).click();
    await sidebarItem(a, 'Wheel currents').click();
    await a.locator('.annotation-item', { hasText: 'Kept across the trash' }).waitFor();
  });

  it('shows annotation tags with one # and merges spellings that differ in case, saying so', async () => {
    await a.locator('.annotation-item', { hasText: 'Kept across the trash' }).click();
    await a.getByLabel('New tag').fill('##Wheel Slip');
    await a.getByRole('button', { name: 'Tag', exact: true }).click();
    const item = a.locator('.annotation-item', { hasText: 'Kept across the trash' });
    await expect.poll(() => item.locator('.tag').allTextContents()).toEqual(['#Wheel Slip']);
    await a.getByLabel('Annotation title').fill('Second slip');
    await a.getByRole('radio', { name: 'Draw point' }).click();
    const plot = (await a.locator('.u-over').boundingBox())!;
    await a.mouse.click(plot.x + plot.width * 0.8, plot.y + plot.height * 0.3);
    await a.getByLabel('New tag').fill('wheel slip');
    await a.getByRole('button', { name: 'Tag', exact: true }).click();
    await a.getByText('Tagged #Wheel Slip').first().waitFor();
    const second = a.locator('.annotation-item', { hasText: 'Second slip' });
    await expect.poll(() => second.locator('.tag').allTextContents()).toEqual(['#Wheel Slip']);
    expect(problems).toEqual([]);
  });

  it('has an annotation panel used from the keyboard, whole at 1024 px and axe-clean in both themes', async () => {
    const panel = a.getByRole('complementary', { name: 'Annotations' });
    const items = panel.locator('.annotation-item');
    await expect.poll(() => items.count()).toBe(2);
    // Filters: the popover opens on Enter with focus inside; a Select chosen by arrows.
    await panel.getByRole('button', { name: /^Filter/ }).focus();
    await a.keyboard.press('Enter');
    const tag = a.getByRole('combobox', { name: 'Tag' });
    await expect.poll(() => tag.evaluate((el) => el === document.activeElement)).toBe(true);
    await a.keyboard.press('Tab');
    await a.keyboard.press('Tab');
    await a.keyboard.press('Enter');
    await a.getByRole('option', { name: 'Approved' }).waitFor();
    // The list takes focus (on the chosen option) once it is placed.
    await expect
      .poll(() => a.evaluate(() => document.activeElement?.getAttribute('role')))
      .toBe('option');
    // Arrows down to "Approved", one key at a time (a busy page may still be placing the list).
    const focused = () => a.evaluate(() => document.activeElement?.textContent ?? '');
    for (let i = 0; i < 5 && (await focused()) !== 'Approved'; i++) {
      await a.keyboard.press('ArrowDown');
      await a.waitForTimeout(100);
    }
    expect(await focused()).toBe('Approved');
    await a.keyboard.press('Enter');
    await expect
      .poll(() => a.getByRole('combobox', { name: 'Status' }).textContent())
      .toBe('Approved');
    await panel.getByText('No annotation matches these filters').waitFor();
    for (const scheme of ['light', 'dark'] as const) {
      await useColorScheme(a, scheme);
      expect(await a11yProblems(a)).toEqual([]);
    }
    await a.keyboard.press('Escape');
    await panel.getByRole('button', { name: 'Filter 1 in use' }).waitFor();
    await panel.getByRole('button', { name: 'Stop filtering Approved' }).click();
    await expect.poll(() => items.count()).toBe(2);
    // An item chosen with the keyboard; a comment sent with Ctrl+Enter.
    await items.filter({ hasText: 'Second slip' }).focus();
    await a.keyboard.press('Enter');
    await expect
      .poll(() => items.filter({ hasText: 'Second slip' }).getAttribute('aria-pressed'))
      .toBe('true');
    const comment = panel.getByLabel('Comment', { exact: true });
    await comment.fill('Slip again on the ridge');
    await comment.press('Control+Enter');
    await panel.getByText('Slip again on the ridge').waitFor();
    await expect.poll(() => comment.inputValue()).toBe('');
    await expect
      .poll(() => items.filter({ hasText: 'Second slip' }).textContent())
      .toContain('1 comment');
    // Nothing cut off: every control inside the panel and the window, reachable by scrolling.
    const cut = await panel.evaluate((el) => {
      const box = el.getBoundingClientRect();
      return [...el.querySelectorAll('button, input, textarea, [role="combobox"]')]
        .filter((c) => {
          const r = c.getBoundingClientRect();
          return (
            r.width > 0 && (r.left < box.left - 1 || r.right > Math.min(box.right, innerWidth) + 1)
          );
        })
        .map((c) => c.getAttribute('aria-label') ?? c.textContent);
    });
    expect(cut).toEqual([]);
    const send = panel.getByRole('button', { name: 'Comment', exact: true });
    await send.scrollIntoViewIfNeeded();
    const sendBox = (await send.boundingBox())!;
    expect(sendBox.y + sendBox.height).toBeLessThanOrEqual(720);
    for (const scheme of ['light', 'dark'] as const) {
      await useColorScheme(a, scheme);
      expect(await a11yProblems(a)).toEqual([]);
    }
    await useColorScheme(a, 'light');
    expect(problems).toEqual([]);
  });
});
