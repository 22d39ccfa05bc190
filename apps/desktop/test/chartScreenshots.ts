// Renders the chart screen in light and dark, at 1024 and 1440 px wide, into
// docs/screenshots/charts/ (or the folder given as the first argument):
// a live chart of two rover channels before any annotation, then with a crowd
// of annotations (one selected, tagged and commented on) and another user's
// pointer, and with the annotation filters open; against a real server and
// the rover simulator.
//   pnpm --filter @fieldbook/desktop exec tsx test/chartScreenshots.ts [outDir]
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { teamWithWorkspace, type TestUser } from './accounts';
import { buildRenderer, launchChromium } from './browser';
import { startRover } from './roverStream';
import { startServerProcess } from './serverProcess';
import { addChannel, drawOnPlot, newChart } from './chartUi';
import { signInAt } from './webUi';

const out = process.argv[2]
  ? resolve(process.argv[2])
  : fileURLToPath(new URL('../../../docs/screenshots/charts', import.meta.url));
const ada: TestUser = { name: 'Ada Okafor', email: 'ada@rover.test', password: 'correct horse 1' };
const bo: TestUser = { name: 'Bo Lindqvist', email: 'bo@rover.test', password: 'battery staple 2' };
const WIDTHS = [1024, 1440] as const;
const THEMES = ['light', 'dark'] as const;

async function shoot(page: Page, name: string, beforeShot?: () => Promise<void>) {
  for (const theme of THEMES) {
    await page.emulateMedia({ colorScheme: theme });
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: width === 1024 ? 700 : 900 });
      await page.waitForTimeout(400);
      await beforeShot?.();
      await page.screenshot({ path: join(out, `${name}-${theme}-${width}.png`) });
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

async function signedIn(browser: Browser, url: string, user: TestUser, hash = '') {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await signInAt(page, url, user);
  if (hash) await page.goto(`${url}/${hash}`);
  return page;
}

async function main(browser: Browser, url: string, streamStart: number) {
  const ada1 = await signedIn(browser, url, ada);
  await newChart(ada1);
  await addChannel(ada1, 'rover.wheel.fl.current (A)');
  await addChannel(ada1, 'rover.wheel.fr.current (A)');
  // A one-minute window, drawn on once most of it holds samples.
  await ada1.getByRole('radio', { name: 'Live 1 min' }).click();
  await ada1.waitForTimeout(Math.max(2000, streamStart + 45_000 - Date.now()));
  await ada1.mouse.move(0, 0);
  await shoot(ada1, 'chart-no-annotations');
  const marks: [string, string, [number, number], [number, number]][] = [
    ['range', 'Wheel stall on the slope', [0.55, 0.5], [0.7, 0.5]],
    ['range', 'Second stall', [0.6, 0.5], [0.75, 0.5]],
    ['point', 'Current spike front-left', [0.62, 0.3], [0.62, 0.3]],
    ['point', 'Spike again', [0.64, 0.32], [0.64, 0.32]],
    ['text', 'Operator: slip detected on the ridge', [0.66, 0.35], [0.66, 0.35]],
    ['rect', 'Noise band', [0.72, 0.2], [0.8, 0.6]],
  ];
  for (const [kind, title, from, to] of marks) {
    await ada1.getByLabel('Annotation title').fill(title);
    await ada1.getByLabel(`Draw ${kind}`).click();
    await drawOnPlot(ada1, from, to);
  }
  await ada1.getByRole('radio', { name: 'Select' }).click();
  const panel = ada1.getByRole('complementary', { name: 'Annotations' });
  await panel.locator('.annotation-item', { hasText: 'Wheel stall on the slope' }).click();
  for (const tag of ['wheel-slip', 'Needs Review']) {
    await panel.getByLabel('New tag').fill(tag);
    await panel.getByRole('button', { name: 'Tag', exact: true }).click();
  }
  const hash = await ada1.evaluate(() => location.hash);
  const bo1 = await signedIn(browser, url, bo, hash);
  await bo1.locator('.u-over').waitFor();
  const boPanel = bo1.getByRole('complementary', { name: 'Annotations' });
  await boPanel.locator('.annotation-item', { hasText: 'Wheel stall on the slope' }).click();
  await boPanel
    .getByLabel('Comment', { exact: true })
    .fill('Same slope as Tuesday; check traction.');
  await boPanel.getByRole('button', { name: 'Comment', exact: true }).click();
  await panel.getByText('Same slope as Tuesday').waitFor();
  const pointBo = async () => {
    const box = (await bo1.locator('.u-over').boundingBox())!;
    await bo1.mouse.move(box.x + box.width * 0.4, box.y + box.height * 0.45);
    await bo1.mouse.move(box.x + box.width * 0.42, box.y + box.height * 0.4);
    const mine = (await ada1.locator('.u-over').boundingBox())!;
    await ada1.mouse.move(mine.x + mine.width * 0.5, mine.y + mine.height * 0.55);
    await ada1.waitForTimeout(300);
  };
  await shoot(ada1, 'chart', pointBo);
  await ada1.mouse.move(0, 0);
  await panel.getByRole('button', { name: /^Filter/ }).click();
  await ada1.getByRole('combobox', { name: 'Tag' }).waitFor();
  await shoot(ada1, 'chart-filters');
}

const work = mkdtempSync(join(tmpdir(), 'fieldbook-chart-shots-'));
mkdirSync(out, { recursive: true });
const webDir = join(work, 'web');
await buildRenderer(webDir);
const server = await startServerProcess(webDir);
const team = await teamWithWorkspace(server.url, 'Rover telemetry', ada, bo);
const rover = await startRover(server.url, team.adminToken, team.workspaceId, join(work, 'buf'));
const browser = await launchChromium();
try {
  await main(browser, server.url, rover.streamStart);
  process.stdout.write(`screenshots in ${out}\n`);
} finally {
  await browser.close();
  rover.stop();
  await server.dispose();
  rmSync(work, { recursive: true, force: true });
}
