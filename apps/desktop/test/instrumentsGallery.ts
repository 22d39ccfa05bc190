// Renders the Instruments screens in light and dark, at 1024 and 1440 px
// wide, into docs/screenshots/instruments/, against a real server with the
// rover simulator and two operators.
//   pnpm --filter @fieldbook/desktop exec tsx test/instrumentsGallery.ts
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './browser';
import { ada, bo, instrumentScene, type InstrumentScene } from './instrumentScene';
import { newNote, signIn } from './webUi';
import { shootAll } from './gallery';

const out = fileURLToPath(new URL('../../../docs/screenshots/instruments', import.meta.url));

const shoot = (page: Page, name: string) =>
  shootAll(page, out, name, { narrowHeight: 760, settleMs: 300 });

async function open(browser: Browser, scene: InstrumentScene, user: typeof ada): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await page.goto(scene.server.url);
  await signIn(page, user);
  await page
    .getByTestId('sync-status')
    .filter({ hasText: /^Synced at/ })
    .waitFor({ timeout: 20_000 });
  return page;
}

async function send(
  page: Page,
  command: string,
  fill: Record<string, string>,
  button = 'Send command',
) {
  await page.getByRole('combobox', { name: 'Command' }).click();
  await page.getByRole('option', { name: command, exact: true }).click();
  for (const [label, value] of Object.entries(fill)) {
    if (label === 'Protocol') {
      await page.getByRole('combobox', { name: 'Protocol' }).click();
      await page.getByRole('option', { name: value }).click();
    } else await page.getByLabel(label).fill(value);
  }
  await page.getByRole('button', { name: button }).click();
}

async function main(browser: Browser, scene: InstrumentScene) {
  const a = await open(browser, scene, ada);
  await newNote(a, 'Drill log');
  await a.getByRole('link', { name: 'Instruments' }).click();
  await a.getByText('Online').waitFor();
  await shoot(a, 'instrument-list');

  await a.getByRole('button', { name: 'Rover', exact: true }).click();
  await send(a, 'drive.move', { 'Distance (m)': '0.4', 'Speed (m/s)': '0.4' });
  await a.locator('tr[data-state="succeeded"]').first().waitFor({ timeout: 15_000 });
  await send(a, 'camera.mode', {});
  await a.getByText('Mode is required.').waitFor();
  await send(a, 'drill.arm', { 'Depth (cm)': '3' }, 'Request approval');
  await a.locator('tr[data-state="awaiting_approval"]').waitFor();
  await shoot(a, 'instrument-commands-awaiting');

  const b = await open(browser, scene, bo);
  await b.getByRole('link', { name: 'Instruments' }).click();
  await b.getByText(/asks to run drill\.arm/).waitFor();
  await shoot(b, 'approvals-queue');
  await b.getByRole('button', { name: 'Approve' }).click();
  await a.locator('tr[data-command="drill.arm"][data-state="in_progress"]').waitFor();
  await shoot(a, 'command-in-progress');
  await a.locator('tr[data-command="drill.arm"][data-state="succeeded"]').waitFor();
  // The armed drill is the rover's warning alarm, in the list and on the instrument.
  await a.getByRole('button', { name: 'All instruments' }).click();
  await a.getByText('The sample drill is armed').waitFor({ timeout: 15_000 });
  await shoot(a, 'instrument-alarm');
  await a.getByRole('button', { name: 'Rover', exact: true }).click();

  // A run with a full-speed drive in it: the wheel currents cross their warning limit on the chart.
  await send(a, 'run.start', { Protocol: 'traverse', 'Duration (s)': '6' });
  await send(a, 'drive.move', { 'Distance (m)': '2', 'Speed (m/s)': '0.5' });
  await a.getByRole('tab', { name: 'Runs' }).click();
  await a.getByRole('table', { name: 'Runs' }).getByText('Completed').waitFor({ timeout: 20_000 });
  await shoot(a, 'runs');
  await a.getByRole('button', { name: 'traverse' }).click();
  await a.getByRole('table', { name: 'QC results' }).waitFor();
  await shoot(a, 'run-detail');
  await a.getByRole('button', { name: 'Show on chart' }).click();
  await a.locator('.u-over').first().waitFor({ timeout: 15_000 });
  await a.locator('.telemetry-plot[data-events*="Run traverse"]').waitFor({ timeout: 15_000 });
  await a.waitForTimeout(1500);
  await shoot(a, 'run-on-chart');

  await scene.killRover();
  await a.getByRole('link', { name: 'Instruments' }).click();
  await a.getByText('Offline').waitFor({ timeout: 20_000 });
  await shoot(a, 'instrument-offline');
}

mkdirSync(out, { recursive: true });
const scene = await instrumentScene();
const browser = await launchChromium();
try {
  await main(browser, scene);
} finally {
  await browser.close();
  await scene.dispose();
}
