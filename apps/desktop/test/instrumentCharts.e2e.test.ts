// An instrument's channels on a chart in Chromium, against a real server
// process and the rover simulator as a real agent process: the manifest's
// limits drawn as bands with the samples beyond them marked, the commands
// and runs of the rover at their times, and a new command appearing live.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './browser';
import { signedInPage } from './gallery';
import { ada, instrumentScene, type InstrumentScene } from './instrumentScene';

let scene: InstrumentScene;
let browser: Browser;
const problems: string[] = [];

beforeAll(async () => {
  scene = await instrumentScene();
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await scene?.dispose();
});

interface DrawnEvent {
  kind: 'command' | 'run';
  label: string;
  state: string;
  left: number;
  right: number;
}

const plot = (page: Page) => page.locator('.telemetry-plot').first();
const drawn = async (page: Page, attr: string): Promise<unknown> =>
  JSON.parse((await plot(page).getAttribute(attr)) ?? 'null');
const events = async (page: Page) => ((await drawn(page, 'data-events')) ?? []) as DrawnEvent[];

async function roverId(): Promise<string> {
  const { items } = await scene.api<{ items: { id: string; key: string }[] }>(
    'GET',
    `/workspaces/${scene.workspaceId}/instruments`,
  );
  return items.find((i) => i.key === 'rover')!.id;
}

describe('instrument channels on charts', () => {
  it('draws limit bands, marks samples beyond them and shows commands and runs as events', async () => {
    const rover = await roverId();
    const send = (command: string, params: Record<string, unknown>) =>
      scene.api<{ id: string }>('POST', `/instruments/${rover}/commands`, { command, params });
    // A run with a fast drive inside it: full speed pushes the wheel currents past 4 A (their warning limit).
    await send('run.start', { protocol: 'traverse', durationSec: 6 });
    await new Promise((r) => setTimeout(r, 800));
    await send('drive.move', { meters: 2, speed: 0.5 });
    await expect
      .poll(
        async () =>
          (await scene.api<{ items: { status: string }[] }>('GET', `/instruments/${rover}/runs`))
            .items[0]?.status,
        { timeout: 30_000 },
      )
      .toBe('completed');

    const a = await signedInPage(browser, scene.server.url, ada);
    a.on('pageerror', (e) => problems.push(e.stack ?? e.message));
    await a.getByRole('link', { name: 'Instruments' }).click();
    await a.getByRole('button', { name: 'Rover', exact: true }).click();
    await a.getByRole('tab', { name: 'Runs' }).click();
    await a.getByRole('table', { name: 'Runs' }).getByRole('button', { name: 'traverse' }).click();
    await a.getByRole('button', { name: 'Show on chart' }).click();
    await a.locator('.u-over').first().waitFor({ timeout: 15_000 });

    // The run is a span with its name; the drive and the run's start command are markers inside it.
    await expect
      .poll(async () => (await events(a)).map((e) => e.label).sort(), { timeout: 15_000 })
      .toEqual(['Run traverse', 'drive.move', 'run.start']);
    const byLabel = Object.fromEntries((await events(a)).map((e) => [e.label, e]));
    const run = byLabel['Run traverse']!;
    expect(run.kind).toBe('run');
    expect(run.right - run.left).toBeGreaterThan(100);
    const drive = byLabel['drive.move']!;
    expect(drive).toMatchObject({ kind: 'command', state: 'succeeded' });
    expect(drive.left).toBeGreaterThan(run.left);
    expect(drive.left).toBeLessThan(run.right);

    // The wheel currents' warning band shows, and samples of the drive beyond it are marked.
    await expect
      .poll(async () => ((await drawn(a, 'data-limit-marks')) as { warning: number }).warning, {
        timeout: 15_000,
      })
      .toBeGreaterThan(0);
    expect(await drawn(a, 'data-limit-bands')).toContain('warning');

    // A live chart learns a new command at once, from the live feed.
    await a.getByRole('radio', { name: 'Live 1 min' }).click();
    await expect.poll(async () => (await events(a)).map((e) => e.label)).toContain('drive.move');
    await send('camera.mode', { mode: 'science' });
    await expect
      .poll(async () => (await events(a)).find((e) => e.label === 'camera.mode')?.state, {
        timeout: 15_000,
      })
      .toBe('succeeded');
    expect(problems).toEqual([]);
  }, 180_000);
});
