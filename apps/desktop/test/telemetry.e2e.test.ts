// End to end in Debian's Chromium: the rover simulator streams to a real
// server process; two users share an annotation collection on a live chart
// (draw, see within a second, comment, approve, move while offline, agree),
// and a chart with an annotation of every kind is drawn and photographed to
// artifacts/screenshots.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANNOTATION_KINDS, newId, type Annotation } from '@fieldbook/shared';
import { teamWithWorkspace, type TestUser } from './accounts';
import { buildRenderer, launchChromium } from './browser';
import { startServerProcess, type ServerProcess } from './serverProcess';
import { addChannel } from './chartUi';
import { buildTelemetryHarness } from './telemetryHarness';
import { signIn, syncStatus } from './webUi';

const repo = fileURLToPath(new URL('../../..', import.meta.url));
const screenshots = join(repo, 'artifacts/screenshots');
const work = mkdtempSync(join(tmpdir(), 'fieldbook-telemetry-e2e-'));
const ada: TestUser = { name: 'Ada Okafor', email: 'ada@rover.test', password: 'correct horse 1' };
const bo: TestUser = { name: 'Bo Lindqvist', email: 'bo@rover.test', password: 'battery staple 2' };
const CHANNEL = 'wheel.fl.current';

let server: ServerProcess;
let agent: ChildProcess;
let browser: Browser;
let ws: string;
let adminToken: string;
let memberToken: string;
/** The user ids the annotations are authored by (the server checks author = sender). */
let adminId: string;
let memberId: string;
/** When the rover's first samples were stored (about). */
let streamStart: number;
const problems: string[] = [];

async function api<T>(path: string, token: string, body?: unknown): Promise<T> {
  const res = await fetch(`${server.url}/api/v1${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

beforeAll(async () => {
  const webDir = join(work, 'web');
  await buildRenderer(webDir);
  await buildTelemetryHarness(join(webDir, 'harness'));
  server = await startServerProcess(webDir);
  const team = await teamWithWorkspace(server.url, 'Rover telemetry', bo, ada);
  ws = team.workspaceId;
  adminToken = team.adminToken;
  const login = async (user: typeof ada) => {
    const res = await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: user.email, password: user.password }),
    });
    return (await res.json()) as { accessToken: string; user: { id: string } };
  };
  const member = await login(ada);
  memberToken = member.accessToken;
  memberId = member.user.id;
  adminId = (await login(bo)).user.id;
  const key = await api<{ key: string }>('/api-keys', adminToken, {
    name: 'rover',
    workspaceId: ws,
    access: 'write',
    agent: true,
  });
  agent = spawn(
    process.execPath,
    [
      join(repo, 'packages/agent/bin/fieldbook-agent.js'),
      'run',
      'rover',
      '--server',
      server.url,
      '--rate',
      '20',
      '--buffer',
      join(work, 'agent-buffer'),
    ],
    { env: { ...process.env, FIELDBOOK_AGENT_KEY: key.key }, stdio: 'ignore' },
  );
  const deadline = Date.now() + 30_000;
  for (;;) {
    const { items } = await api<{ items: { key: string; lastT: number | null }[] }>(
      `/workspaces/${ws}/channels`,
      adminToken,
    );
    const lastT = items.find((c) => c.key === CHANNEL)?.lastT;
    if (lastT) {
      streamStart = lastT;
      break;
    }
    if (Date.now() > deadline) throw new Error('the rover simulator never streamed');
    await new Promise((r) => setTimeout(r, 200));
  }
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  agent?.kill('SIGTERM');
  await server?.dispose();
  rmSync(work, { recursive: true, force: true });
});

async function openChart(context: BrowserContext, params: Record<string, string>): Promise<Page> {
  const page = await context.newPage();
  page.on('pageerror', (e) => problems.push(e.stack ?? e.message));
  await page.goto(`${server.url}/harness/index.html#${new URLSearchParams(params).toString()}`);
  await page.locator('.u-over').waitFor();
  return page;
}

const annotations = (page: Page) =>
  page.evaluate(() =>
    (window as unknown as { harness: { annotations(): Annotation[] } }).harness.annotations(),
  );

/** Drags over the plot between fractions of its width and height. */
async function drag(page: Page, from: [number, number], to: [number, number]) {
  const box = (await page.locator('.u-over').boundingBox())!;
  const at = (f: [number, number]) =>
    [box.x + box.width * f[0], box.y + box.height * f[1]] as const;
  await page.mouse.move(...at(from));
  await page.mouse.down();
  await page.mouse.move(...at(to), { steps: 5 });
  await page.mouse.up();
}

async function click(page: Page, f: [number, number]) {
  const box = (await page.locator('.u-over').boundingBox())!;
  await page.mouse.click(box.x + box.width * f[0], box.y + box.height * f[1]);
}

describe('telemetry charts with collaborative annotations', () => {
  it('streams the rover, shares a range annotation, comments, approval and an offline move', async () => {
    const doc = newId();
    const common = { ws, doc, channels: CHANNEL, lastMs: '60000' };
    const ctxA = await browser.newContext({ viewport: { width: 1280, height: 640 } });
    const ctxB = await browser.newContext({ viewport: { width: 1280, height: 640 } });
    const a = await openChart(ctxA, {
      ...common,
      token: memberToken,
      actor: memberId,
      name: 'ada',
      role: 'contributor',
      create: '1',
      color: '#c2255c',
    });
    const b = await openChart(ctxB, {
      ...common,
      token: adminToken,
      actor: adminId,
      name: 'bo',
      role: 'admin',
      color: '#2b8a3e',
    });
    const pointsOf = (p: Page) =>
      p.locator('.telemetry-plot').evaluate((el) => Number(el.getAttribute('data-points')));
    const before = await pointsOf(a);
    await expect.poll(() => pointsOf(a), { timeout: 10_000 }).toBeGreaterThan(before);

    await a.getByLabel('Annotation title').fill('Wheel stall');
    await a.getByLabel('Draw range').click();
    await drag(a, [0.55, 0.5], [0.75, 0.5]);
    const drawnAt = Date.now();
    await expect.poll(() => annotations(b), { interval: 20 }).toHaveLength(1);
    const seenAfter = Date.now() - drawnAt;
    expect(seenAfter).toBeLessThan(1000);
    const [range] = await annotations(a);
    expect(range).toMatchObject({ kind: 'range', title: 'Wheel stall', author: memberId });
    expect(range!.anchor.channels).toHaveLength(1);

    await b.locator('.annotation-item').first().click();
    await b.getByLabel('Comment').fill('Current spike on the front-left wheel');
    await b.getByRole('button', { name: 'Comment' }).click();
    await a.getByText('Current spike on the front-left wheel').waitFor({ timeout: 5000 });

    const box = (await b.locator('.u-over').boundingBox())!;
    await b.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.4);
    await a.waitForTimeout(400);
    mkdirSync(screenshots, { recursive: true });
    await a.screenshot({ path: join(screenshots, 'telemetry-live-shared.png') });

    await a.evaluate(() =>
      (window as unknown as { harness: { setOnline(o: boolean): void } }).harness.setOnline(false),
    );
    await ctxA.setOffline(true);
    await a.getByRole('radio', { name: 'Select' }).click();
    const moved = (await annotations(a))[0]!;
    const x0 = box.x + box.width * 0.65;
    await a.mouse.move(x0, box.y + box.height * 0.5);
    await a.mouse.down();
    await a.mouse.move(x0 - box.width * 0.15, box.y + box.height * 0.5, { steps: 5 });
    await a.mouse.up();
    const offlineA = (await annotations(a))[0]!;
    // Offline, a wider window is served from the ranges this browser has viewed.
    await a.getByRole('radio', { name: 'Live 5 min' }).click();
    await a.getByText('offline — cached data').waitFor({ timeout: 5000 });
    expect(await pointsOf(a)).toBeGreaterThan(0);
    expect(offlineA.anchor.t).toBeLessThan(moved.anchor.t);
    expect((await annotations(b))[0]!.anchor.t).toBe(moved.anchor.t);
    await ctxA.setOffline(false);
    await a.evaluate(() =>
      (window as unknown as { harness: { setOnline(o: boolean): void } }).harness.setOnline(true),
    );
    await expect
      .poll(async () => (await annotations(b))[0]!.anchor.t, { timeout: 10_000 })
      .toBe(offlineA.anchor.t);
    expect(await annotations(b)).toEqual(await annotations(a));
    // Approved after the move: an approved annotation is locked until a reviewer reopens it.
    await b.locator('.annotation-item').first().click();
    await b.getByRole('button', { name: 'Approve', exact: true }).click();
    await expect.poll(async () => (await annotations(a))[0]?.status).toBe('approved');
    // The panel shows the signature record: who, when, and what the approval means.
    await expect
      .poll(() => b.getByTestId('approval').textContent())
      .toMatch(/^Approved by .+ at .+ — reviewed and approved$/);
    expect(await a.getByRole('button', { name: 'Approve', exact: true }).count()).toBe(0);
    // An admin deletes it with the Delete key, after saying yes; it goes for both.
    await b.locator('.annotation-item').first().click();
    await b.keyboard.press('Delete');
    const ask = b.getByRole('alertdialog', { name: /^Delete “Wheel stall”\?$/ });
    await ask.getByText('with its comment').waitFor();
    await ask.getByRole('button', { name: 'Cancel' }).click();
    await new Promise((r) => setTimeout(r, 300));
    expect(await annotations(a)).toHaveLength(1);
    await b.locator('.annotation-item').first().click();
    await b.keyboard.press('Delete');
    await ask.getByRole('button', { name: 'Delete', exact: true }).click();
    await expect.poll(() => annotations(a)).toHaveLength(0);
    expect(problems).toEqual([]);
    await ctxA.close();
    await ctxB.close();
  });

  it('draws an annotation of every kind with the tools and saves a screenshot', async () => {
    const wait = streamStart + 11_000 - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const ctx = await browser.newContext({ viewport: { width: 1400, height: 700 } });
    const page = await openChart(ctx, {
      ws,
      doc: newId(),
      token: memberToken,
      actor: memberId,
      name: 'ada',
      role: 'contributor',
      create: '1',
      channels: `${CHANNEL},wheel.fr.current`,
      from: String(streamStart),
      to: String(streamStart + 10_000),
    });
    await expect
      .poll(() =>
        page.locator('.telemetry-plot').evaluate((el) => Number(el.getAttribute('data-points'))),
      )
      .toBeGreaterThan(50);
    const title = page.getByLabel('Annotation title');
    const tool = (k: string) => page.getByLabel(`Draw ${k}`).click();
    await title.fill('Slope');
    await tool('range');
    await drag(page, [0.04, 0.5], [0.12, 0.5]);
    await title.fill('Peak');
    await tool('point');
    await click(page, [0.18, 0.25]);
    await title.fill('Trend');
    await tool('line');
    await drag(page, [0.22, 0.8], [0.34, 0.3]);
    await title.fill('Look here');
    await tool('arrow');
    await drag(page, [0.38, 0.15], [0.46, 0.45]);
    await title.fill('Noise');
    await tool('rect');
    await drag(page, [0.5, 0.2], [0.62, 0.6]);
    await title.fill('Operator note: wheel slip');
    await tool('text');
    await click(page, [0.66, 0.2]);
    await title.fill('Region');
    await tool('polygon');
    for (const f of [
      [0.76, 0.3],
      [0.9, 0.25],
      [0.94, 0.7],
      [0.8, 0.75],
      [0.76, 0.3],
    ] as [number, number][])
      await click(page, f);
    await expect
      .poll(async () => (await annotations(page)).map((a) => a.kind).sort())
      .toEqual([...ANNOTATION_KINDS].sort());
    await page.getByRole('radio', { name: 'Select' }).click();
    await page.locator('.annotation-item', { hasText: 'Noise' }).click();
    await page.waitForTimeout(200);
    mkdirSync(screenshots, { recursive: true });
    await page.screenshot({ path: join(screenshots, 'telemetry-all-kinds.png') });
    // A contributor's Delete key removes nothing (deleting is for admins); Escape deselects.
    await page.keyboard.press('Delete');
    expect(await annotations(page)).toHaveLength(ANNOTATION_KINDS.length);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('.annotation-item.selected').count()).toBe(0);
    expect(problems).toEqual([]);
    await ctx.close();
  });

  it('makes a chart from the app shell, streams a channel into it and annotates it', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1400, height: 800 } });
    const page = await ctx.newPage();
    page.on('pageerror', (e) => problems.push(e.stack ?? e.message));
    await page.goto(server.url);
    await signIn(page, ada);
    await expect.poll(() => syncStatus(page), { timeout: 10_000 }).toMatch(/^Synced at/);
    await page.getByRole('button', { name: 'More to create' }).click();
    await page.getByRole('menuitem', { name: 'New chart' }).click();
    await addChannel(page, `rover.${CHANNEL} (A)`);
    await page.locator('.u-over').waitFor();
    await expect
      .poll(
        () =>
          page.locator('.telemetry-plot').evaluate((el) => Number(el.getAttribute('data-points'))),
        { timeout: 10_000 },
      )
      .toBeGreaterThan(10);
    await page.getByLabel('Annotation title').fill('Shell-drawn range');
    await page.getByLabel('Draw range').click();
    await drag(page, [0.8, 0.5], [0.9, 0.5]);
    await page.locator('.annotation-item', { hasText: 'Shell-drawn range' }).waitFor();
    await page.getByText(`range by ${ada.name}`).waitFor();
    await page.getByLabel('New tag').fill('stall');
    await page.getByRole('button', { name: 'Tag', exact: true }).click();
    await page.getByLabel('Colour of stall').fill('#e03131');
    await expect
      .poll(() =>
        page
          .locator('.annotation-item .tag', { hasText: 'stall' })
          .locator('.tag__dot')
          .evaluate((el) => getComputedStyle(el).backgroundColor),
      )
      .toBe('rgb(224, 49, 49)');
    await page.getByRole('button', { name: 'Panel settings' }).click();
    await page.getByLabel('Value axis min').fill('0');
    await page.getByLabel('Value axis max').fill('8');
    await page.getByLabel('Value axis max').blur();
    await expect.poll(() => page.getByLabel('Value axis max').inputValue()).toBe('8');
    await page.keyboard.press('Escape');
    await page.waitForTimeout(300);
    mkdirSync(screenshots, { recursive: true });
    await page.screenshot({ path: join(screenshots, 'telemetry-app-chart.png') });
    // Zoom by dragging with the select tool, then keep that range in the view.
    await page.getByRole('radio', { name: 'Select' }).click();
    await drag(page, [0.3, 0.5], [0.6, 0.5]);
    await page.getByRole('button', { name: 'Keep this range for everyone' }).click();
    await page.getByTestId('fixed-range').waitFor();
    expect(await page.getByRole('radio', { name: 'Live 5 min' }).getAttribute('aria-checked')).toBe(
      'false',
    );
    // Panels: add one, reorder, remove; the view document keeps the order.
    const titles = () => page.locator('.panel-arrange__title').allTextContents();
    await page.getByRole('button', { name: 'Add panel' }).click();
    await expect.poll(titles).toEqual(['Panel 1', 'Panel 2']);
    await page.getByLabel('Arrange Panel 1').getByRole('button', { name: 'Move down' }).click();
    await expect.poll(titles).toEqual(['Panel 2', 'Panel 1']);
    await page.getByLabel('Arrange Panel 2').getByRole('button', { name: 'Remove panel' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Remove panel' }).click();
    await expect.poll(titles).toEqual(['Panel 1']);
    expect(problems).toEqual([]);
    await ctx.close();
  });
});
