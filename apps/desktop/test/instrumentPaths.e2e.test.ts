// The Instruments screen's other paths in Chromium, against a real server
// process and the rover simulator as a real agent process: a second
// operator rejecting a hazardous command, an alarm of the rover appearing
// and clearing, a command expiring while the agent is offline, and a member
// without the operator capability, who gets no command form (and a 403
// from the server all the same).
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './browser';
import { signedInPage } from './gallery';
import { login } from './harnessChart';
import { ada, bo, instrumentScene, type InstrumentScene } from './instrumentScene';

let scene: InstrumentScene;
let browser: Browser;
let rover: string;
/** Ada's access token and id (signing in once: sign-ins are rate-limited per account). */
let adaLogin: Awaited<ReturnType<typeof login>>;
const problems: string[] = [];

beforeAll(async () => {
  scene = await instrumentScene();
  browser = await launchChromium();
  const { items } = await scene.api<{ items: { id: string; key: string }[] }>(
    'GET',
    `/workspaces/${scene.workspaceId}/instruments`,
  );
  rover = items.find((i) => i.key === 'rover')!.id;
  adaLogin = await login(scene.server.url, ada);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await scene?.dispose();
});

async function openRover(user: typeof ada): Promise<Page> {
  const page = await signedInPage(browser, scene.server.url, user);
  page.on('pageerror', (e) => problems.push(e.stack ?? e.message));
  await page.getByRole('link', { name: 'Instruments' }).click();
  await page.getByRole('heading', { name: 'Instruments', level: 1 }).waitFor();
  return page;
}

const roverRow = (page: Page) =>
  page.getByRole('table', { name: 'Instruments' }).locator('tr[data-instrument="rover"]');
const commandRow = (page: Page, command: string) =>
  page.getByRole('table', { name: 'Commands' }).locator(`tr[data-command="${command}"]`).first();

async function chooseCommand(page: Page, command: string) {
  await page.getByRole('combobox', { name: 'Command' }).click();
  await page.getByRole('option', { name: command, exact: true }).click();
}

/** Calls the REST API as Ada; the status and the body. */
async function asAda(method: string, path: string, body?: unknown) {
  const res = await fetch(`${scene.server.url}/api/v1${path}`, {
    method,
    headers: {
      authorization: `Bearer ${adaLogin.accessToken}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify(body ?? {}),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('instruments in the app: rejections, alarms, expiry and who may command', () => {
  it('lets a second operator reject a hazardous command', async () => {
    const a = await openRover(ada);
    await roverRow(a).getByRole('button', { name: 'Rover' }).click();
    await chooseCommand(a, 'drill.arm');
    await a.getByLabel('Depth (cm)').fill('4');
    await a.getByRole('button', { name: 'Request approval' }).click();
    await expect
      .poll(() => commandRow(a, 'drill.arm').getAttribute('data-state'))
      .toBe('awaiting_approval');

    const b = await openRover(bo);
    const queue = b.getByRole('region', { name: /Waiting for approval/ });
    await queue.getByText(/Ada Okafor asks to run drill\.arm/).waitFor();
    await queue.getByRole('button', { name: 'Reject' }).click();
    const confirm = b.getByRole('alertdialog');
    await confirm.getByText('Reject drill.arm?').waitFor();
    await confirm.getByRole('button', { name: 'Reject' }).click();
    await queue.waitFor({ state: 'detached' });

    // Ada sees it rejected by Bo, live; the rover never got it.
    await expect
      .poll(() => commandRow(a, 'drill.arm').getAttribute('data-state'), { timeout: 15_000 })
      .toBe('rejected');
    expect(await commandRow(a, 'drill.arm').textContent()).toContain('rejected by Bo Lindqvist');
    await a.getByRole('region', { name: /Waiting for approval/ }).waitFor({ state: 'detached' });
    const list = await scene.api<{ items: { command: string; releasedAt: number | null }[] }>(
      'GET',
      `/instruments/${rover}/commands`,
    );
    expect(list.items.find((c) => c.command === 'drill.arm')?.releasedAt).toBeNull();
    await a.context().close();
    await b.context().close();
  }, 120_000);

  it('shows an alarm of the rover as it appears and clears it when it ends', async () => {
    const a = await openRover(ada);
    await expect.poll(() => roverRow(a).textContent(), { timeout: 10_000 }).toContain('None');
    // Bo asks to arm the drill, Ada approves: the armed drill is a warning alarm.
    const armed = await scene.api<{ id: string }>('POST', `/instruments/${rover}/commands`, {
      command: 'drill.arm',
      params: { depthCm: 2 },
    });
    expect((await asAda('POST', `/commands/${armed.id}/approve`)).status).toBe(200);
    await expect
      .poll(() => roverRow(a).textContent(), { timeout: 15_000 })
      .toContain('Warning: The sample drill is armed');

    await roverRow(a).getByRole('button', { name: 'Rover' }).click();
    const alarms = a.locator('.instrument__alarms');
    await alarms.getByText('The sample drill is armed').waitFor();
    await chooseCommand(a, 'drill.disarm');
    await a.getByRole('button', { name: 'Send command' }).click();
    await alarms.waitFor({ state: 'detached', timeout: 15_000 });
    await a.getByRole('button', { name: 'All instruments' }).click();
    await expect.poll(() => roverRow(a).textContent()).not.toContain('armed');
    expect(await roverRow(a).textContent()).toContain('None');
    await a.context().close();
  }, 120_000);

  it('expires a command the offline rover never acknowledged', async () => {
    const a = await openRover(ada);
    await scene.killRover();
    await expect.poll(() => roverRow(a).textContent(), { timeout: 20_000 }).toContain('Offline');
    const sent = await asAda('POST', `/instruments/${rover}/commands`, {
      command: 'camera.mode',
      params: { mode: 'science' },
      expiresInSec: 3,
    });
    expect(sent.status).toBe(201);
    await roverRow(a).getByRole('button', { name: 'Rover' }).click();
    const row = commandRow(a, 'camera.mode');
    await expect.poll(() => row.getAttribute('data-state'), { timeout: 20_000 }).toBe('expired');
    expect(await row.textContent()).toMatch(/expired/i);
    await a.context().close();
  }, 120_000);

  it('gives a member without the operator capability no command form, and the server refuses them', async () => {
    const a = await openRover(ada);
    await roverRow(a).getByRole('button', { name: 'Rover' }).click();
    await a.getByRole('button', { name: /Send command|Request approval/ }).waitFor();
    const { user } = adaLogin;
    const members = await scene.api<{ items: { userId: string; role: string }[] }>(
      'GET',
      `/workspaces/${scene.workspaceId}/members`,
    );
    const role = members.items.find((m) => m.userId === user.id)!.role;
    await scene.api('PATCH', `/workspaces/${scene.workspaceId}/members/${user.id}`, {
      role,
      capabilities: [],
    });

    // The open page learns it without a reload.
    await a
      .getByText('Sending commands needs the operator capability')
      .waitFor({ timeout: 15_000 });
    expect(await a.getByRole('combobox', { name: 'Command' }).count()).toBe(0);
    expect(await a.getByRole('button', { name: /Send command|Request approval/ }).count()).toBe(0);
    const refused = await asAda('POST', `/instruments/${rover}/commands`, {
      command: 'camera.mode',
      params: { mode: 'off' },
    });
    expect(refused.status).toBe(403);
    expect(problems).toEqual([]);
  }, 120_000);
});
