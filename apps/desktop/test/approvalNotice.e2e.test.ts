// A hazardous command's approval request in the other operator's open app, in
// Chromium against a real server process and the rover simulator as a real
// agent process: Bo asks to arm the drill (REST); Ada's bell counts it live,
// its entry opens the Instruments screen where the request waits, and her
// approval lets the agent run it.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchChromium } from './browser';
import { ada, instrumentScene, type InstrumentScene } from './instrumentScene';
import { signIn } from './webUi';

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

async function signedIn(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.on('pageerror', (e) => problems.push(e.stack ?? e.message));
  await page.goto(scene.server.url);
  await signIn(page, ada);
  await page
    .getByTestId('sync-status')
    .filter({ hasText: /^Synced at/ })
    .waitFor({ timeout: 20_000 });
  return page;
}

it('tells the other operator live; the entry opens the Instruments screen to approve it', async () => {
  const page = await signedIn();
  const bell = page.getByRole('button', { name: /^Notifications/ });
  const panel = page.getByRole('dialog', { name: 'Notifications' });
  // The scene made Ada an operator (a role change she was told of): read that first.
  await expect.poll(() => bell.getAttribute('aria-label')).toBe('Notifications, 1 unread');
  await bell.click();
  await panel.getByRole('button', { name: 'Mark all read' }).click();
  await expect.poll(() => bell.getAttribute('aria-label')).toBe('Notifications');
  await page.keyboard.press('Escape');
  await panel.waitFor({ state: 'detached' });

  const { items } = await scene.api<{ items: { id: string; key: string }[] }>(
    'GET',
    `/workspaces/${scene.workspaceId}/instruments`,
  );
  const rover = items.find((i) => i.key === 'rover')!.id;
  const asked = await scene.api<{ id: string; state: string }>(
    'POST',
    `/instruments/${rover}/commands`,
    { command: 'drill.arm', params: { depthCm: 3 } },
  );
  expect(asked.state).toBe('awaiting_approval');

  await expect
    .poll(() => bell.getAttribute('aria-label'), { timeout: 15_000 })
    .toBe('Notifications, 1 unread');
  await bell.click();
  const entry = panel.getByText('Approval needed: drill.arm');
  await expect.poll(() => entry.isVisible()).toBe(true);
  await entry.click();

  await page.getByRole('heading', { name: 'Instruments', level: 1 }).waitFor();
  await expect
    .poll(() => page.evaluate(() => location.hash))
    .toBe(`#/${scene.workspaceId}/instruments`);
  await expect.poll(() => bell.getAttribute('aria-label')).toBe('Notifications');
  const queue = page.getByRole('region', { name: /Waiting for approval/ });
  await queue.getByText(/Bo Lindqvist asks to run drill\.arm/).waitFor();
  await queue.getByRole('button', { name: 'Approve' }).click();
  await expect
    .poll(async () => (await scene.api<{ state: string }>('GET', `/commands/${asked.id}`)).state, {
      timeout: 15_000,
    })
    .toBe('succeeded');
  expect(problems).toEqual([]);
});
