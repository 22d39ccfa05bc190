// The Instruments screen end to end in Chromium, against a real server
// process and the rover simulator as a real agent process: live status,
// a command form checked like the server checks it, a hazardous command
// approved by a second operator in another browser, a run with its QC
// results, "Add to note" and the link back, "Show on chart", and the rover
// going offline when its agent dies.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { a11yProblems } from './axe';
import { launchChromium } from './browser';
import { ada, bo, instrumentScene, type InstrumentScene } from './instrumentScene';
import { editorText, newNote, signIn } from './webUi';

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

async function signedIn(user: typeof ada, colorScheme: 'light' | 'dark' = 'light'): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme });
  const page = await context.newPage();
  page.on('pageerror', (e) => problems.push(e.stack ?? e.message));
  await page.goto(scene.server.url);
  await signIn(page, user);
  await page
    .getByTestId('sync-status')
    .filter({ hasText: /^Synced at/ })
    .waitFor({ timeout: 20_000 });
  return page;
}

async function openInstruments(page: Page) {
  await page.getByRole('link', { name: 'Instruments' }).click();
  await page.getByRole('heading', { name: 'Instruments', level: 1 }).waitFor();
}

async function chooseCommand(page: Page, command: string) {
  await page.getByRole('combobox', { name: 'Command' }).click();
  await page.getByRole('option', { name: command, exact: true }).click();
}

const commandRow = (page: Page, command: string) =>
  page.getByRole('table', { name: 'Commands' }).locator(`tr[data-command="${command}"]`).first();

describe('instruments in the app', () => {
  it('shows live status, sends commands, has a second operator approve a hazardous one, and links runs to notes and charts', async () => {
    const a = await signedIn(ada);
    await newNote(a, 'Drill log');
    await a.keyboard.type('Sol 1205 drilling.');
    await openInstruments(a);
    const row = a
      .getByRole('table', { name: 'Instruments' })
      .locator('tr[data-instrument="rover"]');
    await expect.poll(() => row.textContent(), { timeout: 10_000 }).toContain('Online');
    expect(await a11yProblems(a)).toEqual([]);

    // A normal command: checked in the form first, then sent and watched to the end.
    await row.getByRole('button', { name: 'Rover' }).click();
    await a.getByRole('tab', { name: 'Commands' }).waitFor();
    await a.getByLabel('Distance (m)').fill('80');
    await a.getByRole('button', { name: 'Send command' }).click();
    await a.getByText('Distance (m) must be between 0.1 and 50.').waitFor();
    await a.getByLabel('Distance (m)').fill('0.4');
    await a.getByLabel('Speed (m/s)').fill('0.4');
    await a.getByRole('button', { name: 'Send command' }).click();
    await expect
      .poll(() => commandRow(a, 'drive.move').getAttribute('data-state'), { timeout: 15_000 })
      .toBe('succeeded');
    expect(await commandRow(a, 'drive.move').textContent()).toContain('meters');

    // A hazardous command waits; its requester cannot approve it.
    await chooseCommand(a, 'drill.arm');
    await a.getByText('A second operator must approve it').waitFor();
    await a.getByLabel('Depth (cm)').fill('3');
    await a.getByRole('button', { name: 'Request approval' }).click();
    await expect
      .poll(() => commandRow(a, 'drill.arm').getAttribute('data-state'))
      .toBe('awaiting_approval');
    const queueA = a.getByRole('region', { name: /Waiting for approval/ });
    await queueA.getByText('Waiting for another operator').waitFor();
    expect(await queueA.getByRole('button', { name: 'Approve' }).count()).toBe(0);
    expect(await a11yProblems(a)).toEqual([]);

    // Bo approves from his own browser; Ada sees it run to the end, live.
    const b = await signedIn(bo, 'dark');
    await openInstruments(b);
    const queueB = b.getByRole('region', { name: /Waiting for approval/ });
    await queueB.getByText(/Ada Okafor asks to run drill\.arm/).waitFor();
    expect(await a11yProblems(b)).toEqual([]);
    await queueB.getByRole('button', { name: 'Approve' }).click();
    await queueB.waitFor({ state: 'detached' });
    await expect
      .poll(() => commandRow(a, 'drill.arm').getAttribute('data-state'), { timeout: 15_000 })
      .toBe('succeeded');
    expect(await commandRow(a, 'drill.arm').textContent()).toContain('Bo Lindqvist');
    await queueA.waitFor({ state: 'detached' });

    // A run started by command appears with its QC results.
    await chooseCommand(a, 'run.start');
    await a.getByRole('combobox', { name: 'Protocol' }).click();
    await a.getByRole('option', { name: 'traverse' }).click();
    await a.getByLabel('Duration (s)').fill('2');
    await a.getByRole('button', { name: 'Send command' }).click();
    await a.getByRole('tab', { name: 'Runs' }).click();
    const runs = a.getByRole('table', { name: 'Runs' });
    await runs.getByText('Completed').waitFor({ timeout: 20_000 });
    await runs.getByRole('button', { name: 'traverse' }).click();
    const qc = a.getByRole('table', { name: 'QC results' });
    await qc.getByText('wheel.current.max').waitFor();
    expect(await qc.locator('tbody tr').count()).toBe(3);
    expect(await a11yProblems(a)).toEqual([]);
    const runHash = await a.evaluate(() => location.hash);
    expect(runHash).toMatch(/\/instruments\/[^/]+\/runs\/[^/]+$/);

    // "Add to note" puts a link to the run into the note; Ctrl+click on it comes back.
    await a.getByRole('button', { name: 'Add to note' }).click();
    await a.getByRole('menuitem', { name: 'Drill log' }).click();
    await a.getByTestId('editor').waitFor();
    await expect.poll(() => editorText(a)).toContain('Sol 1205 drilling.');
    const text = await editorText(a);
    expect(text).toContain('Run traverse');
    const link = a.locator('.cm-md-link').filter({ hasText: 'Run traverse' }).first();
    expect(await link.getAttribute('data-href')).toBe(runHash);
    await link.click({ modifiers: ['Control'] });
    await qc.waitFor();
    expect(await a.evaluate(() => location.hash)).toBe(runHash);

    // "Show on chart" opens the run's time span on a new chart of the rover's channels.
    await a.getByRole('button', { name: 'Show on chart' }).click();
    await expect.poll(() => a.evaluate(() => location.hash)).toMatch(/\/doc\//);
    await expect
      .poll(() => a.getByLabel('Title', { exact: true }).inputValue())
      .toMatch(/^Run traverse · .* \(Rover\)$/);
    await a.locator('.u-over').first().waitFor({ timeout: 15_000 });

    // The agent dies: the list says Offline without a reload.
    await openInstruments(a);
    await scene.killRover();
    await expect.poll(() => row.textContent(), { timeout: 20_000 }).toContain('Offline');
    expect(problems).toEqual([]);
  }, 180_000);
});
