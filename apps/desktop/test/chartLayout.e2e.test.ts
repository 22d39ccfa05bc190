// The chart harness in Debian's Chromium against a real server and the rover
// simulator: annotation labels on a crowded chart never meet and stay in the
// plot (shortened ones show whole on hover); time axis labels never meet at
// any zoom or width; the crosshair reads every series with its unit; tool
// shortcuts, Escape and Enter; polygons closed on a live chart.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId, type Anchor, type Annotation, type AnnotationKind } from '@fieldbook/shared';
import { teamWithWorkspace, type TestUser } from './accounts';
import { buildRenderer, launchChromium } from './browser';
import { drawOnPlot } from './chartUi';
import { startRover, type RoverStream } from './roverStream';
import { startServerProcess, type ServerProcess } from './serverProcess';
import { buildTelemetryHarness } from './telemetryHarness';

const repo = fileURLToPath(new URL('../../..', import.meta.url));
const screenshots = join(repo, 'artifacts/screenshots');
const work = mkdtempSync(join(tmpdir(), 'fieldbook-chart-layout-e2e-'));
const ada: TestUser = { name: 'Ada Okafor', email: 'ada@rover.test', password: 'correct horse 1' };
const bo: TestUser = { name: 'Bo Lindqvist', email: 'bo@rover.test', password: 'battery staple 2' };
const FL = 'wheel.fl.current';
const FR = 'wheel.fr.current';

let server: ServerProcess;
let rover: RoverStream;
let browser: Browser;
let ws: string;
let token: string;
/** The admin's user id: annotations are authored by it (the server checks author = sender). */
let actor: string;
const problems: string[] = [];

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}
const meet = (a: Box, b: Box) =>
  a.x < b.x + b.width - 0.5 &&
  b.x < a.x + a.width - 0.5 &&
  a.y < b.y + b.height - 0.5 &&
  b.y < a.y + a.height - 0.5;

interface HarnessApi {
  channelIds: string[];
  annotations(): Annotation[];
  annotate(a: { kind: AnnotationKind; anchor: Anchor; title: string }): string;
  setWindow(
    w: { mode: 'fixed'; from: number; to: number } | { mode: 'live'; lastMs: number },
  ): void;
}
/** Runs `fn` in the page with the harness' API (see harness.tsx). */
async function harness<T>(page: Page, fn: (h: HarnessApi, arg: never) => T, arg?: unknown) {
  const h = await page.evaluateHandle(() => (window as unknown as { harness: HarnessApi }).harness);
  return (await h.evaluate(fn as never, arg as never)) as T;
}

beforeAll(async () => {
  const webDir = join(work, 'web');
  await buildRenderer(webDir);
  await buildTelemetryHarness(join(webDir, 'harness'));
  server = await startServerProcess(webDir);
  const team = await teamWithWorkspace(server.url, 'Chart layout', bo, ada);
  ws = team.workspaceId;
  token = team.adminToken;
  const me = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: bo.email, password: bo.password }),
  });
  actor = ((await me.json()) as { user: { id: string } }).user.id;
  rover = await startRover(server.url, token, ws, join(work, 'agent-buffer'), FL);
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  rover?.stop();
  await server?.dispose();
  rmSync(work, { recursive: true, force: true });
});

async function openChart(
  context: BrowserContext,
  params: Record<string, string>,
  doc = newId(),
): Promise<Page> {
  const page = await context.newPage();
  page.on('pageerror', (e) => problems.push(e.stack ?? e.message));
  const all = { ws, doc, token, actor, name: 'bo', role: 'admin', create: '1', ...params };
  await page.goto(`${server.url}/harness/index.html#${new URLSearchParams(all).toString()}`);
  await page.locator('.u-over').waitFor();
  return page;
}

const pointsOf = (page: Page) =>
  page.locator('.telemetry-plot').evaluate((el) => Number(el.getAttribute('data-points')));

/** Waits until `ms` of samples exist after the stream started. */
async function streamFor(ms: number) {
  const wait = rover.streamStart + ms - Date.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
}

/** A line of a time axis label as the chart reports it (CSS px from the canvas's left). */
type TickBox = { text: string; line: number; left: number; right: number };

describe('chart layout and tools', () => {
  it('lays out the labels of a crowded chart with no two boxes meeting, inside the plot', async () => {
    await streamFor(11_000);
    const ctx = await browser.newContext({ viewport: { width: 1024, height: 700 } });
    const from = rover.streamStart;
    const page = await openChart(ctx, {
      channels: `${FL},${FR}`,
      from: String(from),
      to: String(from + 10_000),
    });
    await expect.poll(() => pointsOf(page)).toBeGreaterThan(50);
    const titles = [
      'Wheel stall on the slope',
      'Spike',
      'Operator note: slip detected on the ridge while turning left',
      'Current limit reached',
      'Again',
      'Thermal check',
      'Second stall, longer than the first one by far',
      'Reset',
    ];
    await harness(
      page,
      (h, arg) => {
        const { from, titles } = arg as { from: number; titles: string[] };
        const channels = h.channelIds;
        for (let i = 0; i < 24; i++) {
          const t = from + 4000 + (i % 6) * 120;
          const title = `${titles[i % titles.length]} ${i}`;
          if (i % 8 === 0)
            h.annotate({ kind: 'range', anchor: { channels, t, t2: t + 900 }, title });
          else
            h.annotate({
              kind: i % 3 === 0 ? 'text' : 'point',
              anchor: { channels, t, y: 2 + (i % 4) * 0.05 },
              title,
            });
        }
      },
      { from, titles },
    );
    const labels = page.locator('.chart-label');
    await expect.poll(() => labels.count()).toBeGreaterThanOrEqual(8);
    const boxes = (await labels.evaluateAll((els) =>
      els.map((el) => {
        const r = el.getBoundingClientRect();
        return { x: r.x, y: r.y, width: r.width, height: r.height };
      }),
    )) as Box[];
    const plot = (await page.locator('.u-over').boundingBox())!;
    for (const [i, a] of boxes.entries()) {
      expect(a.x).toBeGreaterThanOrEqual(plot.x - 0.5);
      expect(a.y).toBeGreaterThanOrEqual(plot.y - 0.5);
      expect(a.x + a.width).toBeLessThanOrEqual(plot.x + plot.width + 0.5);
      expect(a.y + a.height).toBeLessThanOrEqual(plot.y + plot.height + 0.5);
      for (const b of boxes.slice(i + 1)) expect(meet(a, b), JSON.stringify([a, b])).toBe(false);
    }
    // A shortened label shows its whole text when the pointer is on it.
    const short = page.locator('.chart-label').filter({ hasText: 'slip detected' }).first();
    const clipped = await short.evaluate((el) => el.scrollWidth > el.clientWidth);
    expect(clipped).toBe(true);
    const box = (await short.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await expect.poll(() => short.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    mkdirSync(screenshots, { recursive: true });
    await page.screenshot({ path: join(screenshots, 'chart-crowded-labels.png') });
    expect(problems).toEqual([]);
    await ctx.close();
  });

  it('keeps time axis labels apart at every zoom and width', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1024, height: 600 } });
    const page = await openChart(ctx, { channels: FL, lastMs: '300000' });
    // Windows ending on a midnight, so a tick (and its label) falls on the plot's right edge.
    const now = Math.floor(Date.now() / 86_400_000) * 86_400_000;
    const spans = [1_500, 20_000, 5 * 60_000, 3_600_000, 26 * 3_600_000, 9 * 86_400_000];
    let checked = 0;
    for (const width of [1024, 1440, 700]) {
      await page.setViewportSize({ width, height: 600 });
      for (const span of spans) {
        const labels = () => page.locator('.telemetry-plot').getAttribute('data-axis-labels');
        const before = await labels();
        await harness(page, (h, s) => h.setWindow({ mode: 'fixed', ...(s as object) } as never), {
          from: now - span,
          to: now,
        });
        await expect.poll(labels).not.toBe(before);
        // The labels as last drawn: the first frames after a change of window may still be settling.
        const problemsNow = async () => {
          const ticks = JSON.parse((await labels()) ?? '[]') as TickBox[];
          const canvasWidth = await page
            .locator('.telemetry-plot .u-wrap canvas')
            .evaluate((el) => el.getBoundingClientRect().width);
          const found: string[] = [];
          if (ticks.filter((t) => t.line === 0).length < 2) found.push('fewer than two labels');
          // Whole: no label runs off either side of the chart.
          for (const t of ticks)
            if (t.left < 0 || t.right > canvasWidth) found.push(`${t.text} cut off`);
          for (const line of [0, 1]) {
            const row = ticks.filter((t) => t.line === line).sort((a, b) => a.left - b.left);
            for (let i = 1; i < row.length; i++)
              if (row[i]!.left <= row[i - 1]!.right)
                found.push(`${row[i - 1]!.text} meets ${row[i]!.text}`);
          }
          return found;
        };
        await expect
          .poll(problemsNow, { message: `${span} ms at ${width}px`, timeout: 3000 })
          .toEqual([]);
        checked++;
      }
    }
    expect(checked).toBe(18);
    expect(problems).toEqual([]);
    await ctx.close();
  });

  it('reads every series at the crosshair with its name and unit', async () => {
    await streamFor(11_000);
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 700 } });
    const page = await openChart(ctx, {
      channels: `${FL},${FR}`,
      from: String(rover.streamStart),
      to: String(rover.streamStart + 10_000),
    });
    await expect.poll(() => pointsOf(page)).toBeGreaterThan(50);
    const plot = (await page.locator('.u-over').boundingBox())!;
    await page.mouse.move(plot.x + plot.width * 0.5, plot.y + plot.height * 0.5);
    const readout = page.getByTestId('crosshair-readout');
    await readout.waitFor();
    const rows = await readout.locator('.chart-readout__row').allTextContents();
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatch(/^rover\.wheel\.fl\.current \(A\)-?\d+(\.\d+)? A$/);
    expect(rows[1]).toMatch(/^rover\.wheel\.fr\.current \(A\)-?\d+(\.\d+)? A$/);
    await page.mouse.move(plot.x + plot.width + 40, plot.y + plot.height * 0.5);
    await expect.poll(() => readout.isHidden()).toBe(true);
    await ctx.close();
  });

  it('switches tools by key, cancels a drawing with Escape and commits a title with Enter', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 700 } });
    const doc = newId();
    const page = await openChart(ctx, { channels: FL, lastMs: '60000' }, doc);
    const other = await openChart(ctx, { channels: FL, lastMs: '60000', create: '0' }, doc);
    const tool = (name: string) => page.getByRole('radio', { name, exact: true });
    await tool('Select').click();
    await page.keyboard.press('r');
    expect(await tool('Draw range').getAttribute('aria-checked')).toBe('true');
    await page.keyboard.press('g');
    expect(await tool('Draw polygon').getAttribute('aria-checked')).toBe('true');
    await page.keyboard.press('1');
    expect(await tool('Live 1 min').getAttribute('aria-checked')).toBe('true');
    await page.keyboard.press('2');
    // Tooltips name each tool with its key.
    await tool('Draw rect').hover();
    await expect.poll(() => page.getByRole('tooltip').textContent()).toMatch(/Draw rect.*B/);

    // Escape drops a polygon being drawn: nothing is created and the chart follows again.
    await drawOnPlot(page, [0.3, 0.3], [0.3, 0.3]);
    await drawOnPlot(page, [0.5, 0.2], [0.5, 0.2]);
    await expect
      .poll(() => page.locator('.telemetry-plot').getAttribute('data-following'))
      .toBe('paused');
    await page.keyboard.press('Escape');
    await expect
      .poll(() => page.locator('.telemetry-plot').getAttribute('data-following'))
      .toBe('on');
    // …and a range mid-drag.
    await page.keyboard.press('r');
    const plot = (await page.locator('.u-over').boundingBox())!;
    await page.mouse.move(plot.x + plot.width * 0.4, plot.y + 50);
    await page.mouse.down();
    await page.mouse.move(plot.x + plot.width * 0.6, plot.y + 50, { steps: 4 });
    await page.keyboard.press('Escape');
    await page.mouse.up();
    await page.waitForTimeout(300);
    expect(await harness(page, (h) => h.annotations().length)).toBe(0);
    expect(await tool('Draw range').getAttribute('aria-checked')).toBe('true');
    await page.keyboard.press('Escape');
    expect(await tool('Select').getAttribute('aria-checked')).toBe('true');

    // Enter commits an annotation's title (no blur needed); the other page sees it.
    await page.keyboard.press('p');
    await drawOnPlot(page, [0.7, 0.4], [0.7, 0.4]);
    const title = page.getByLabel('Title', { exact: true });
    await title.fill('Committed with Enter');
    await title.press('Enter');
    await expect
      .poll(() => harness(other, (h) => h.annotations().map((a) => a.title)))
      .toEqual(['Committed with Enter']);
    expect(await title.evaluate((el) => el === document.activeElement)).toBe(false);
    // Escape takes back a title being typed.
    await title.fill('Not this');
    await title.press('Escape');
    expect(await title.inputValue()).toBe('Committed with Enter');
    expect(problems).toEqual([]);
    await ctx.close();
  });

  it('closes a polygon on a live chart by clicking its first point or by double-click', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 700 } });
    const page = await openChart(ctx, { channels: FL, lastMs: '60000' });
    await page.getByRole('radio', { name: 'Draw polygon' }).click();
    // Slow clicks: a following chart would have scrolled the first point away meanwhile.
    for (const f of [
      [0.3, 0.3],
      [0.45, 0.25],
      [0.45, 0.7],
    ] as [number, number][]) {
      await drawOnPlot(page, f, f);
      await page.waitForTimeout(900);
    }
    await drawOnPlot(page, [0.302, 0.302], [0.302, 0.302]);
    await expect
      .poll(() => harness(page, (h) => h.annotations().map((a) => a.anchor.points?.length)))
      .toEqual([3]);
    const plot = (await page.locator('.u-over').boundingBox())!;
    for (const f of [
      [0.6, 0.3],
      [0.75, 0.3],
      [0.75, 0.7],
    ] as [number, number][])
      await drawOnPlot(page, f, f);
    await page.mouse.dblclick(plot.x + plot.width * 0.62, plot.y + plot.height * 0.7);
    await expect
      .poll(() => harness(page, (h) => h.annotations().map((a) => a.anchor.points?.length)))
      .toEqual([3, 4]);
    expect(problems).toEqual([]);
    await ctx.close();
  });
});
