// Webhooks admin screen and the notifications bell in the web app, in
// Chromium against the sync server as `pnpm serve` runs it: an admin creates a
// webhook (secret shown once), pings a real HTTP receiver on loopback (allowed
// by WEBHOOK_ALLOW_HOSTS), reads the delivery log and redelivers; a member's
// open app hears of a role change live through the bell. Screenshots (light
// and dark, 1024 and 1440 px) go to docs/screenshots/integrations; axe checks both.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { teamWithWorkspace, type TestUser } from './accounts';
import { a11yProblems } from './axe';
import { buildRenderer, launchChromium } from './browser';
import { startServerProcess, type ServerProcess } from './serverProcess';
import { signIn, waitForSynced } from './webUi';

const shots = fileURLToPath(new URL('../../../docs/screenshots/integrations', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'fieldbook-integrations-e2e-'));
const ada: TestUser = { name: 'Ada Okafor', email: 'ada@hooks.test', password: 'correct horse 1' };
const bo: TestUser = { name: 'Bo Lindqvist', email: 'bo@hooks.test', password: 'battery staple 2' };

let server: ServerProcess;
let browser: Browser;
let admin: Page;
let member: Page;
let team: Awaited<ReturnType<typeof teamWithWorkspace>>;
let receiver: Server;
const received: { headers: IncomingHttpHeaders; body: string }[] = [];
const problems: string[] = [];

async function open(user: TestUser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(server.url);
  await signIn(page, user);
  await waitForSynced(page, 30_000);
  return page;
}

/** Screenshots `page` in both themes at 1024 and 1440 px as `<name>-<theme>-<width>.png`. */
async function gallery(page: Page, name: string, prepare: () => Promise<void> = async () => {}) {
  for (const scheme of ['light', 'dark'] as const) {
    for (const width of [1024, 1440]) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.setViewportSize({ width, height: 800 });
      await prepare();
      await page.waitForTimeout(200);
      await page.screenshot({ path: join(shots, `${name}-${scheme}-${width}.png`) });
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1440, height: 900 });
}

beforeAll(async () => {
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.writeHead(200, { 'content-type': 'text/plain' }).end('thanks');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const webDir = join(work, 'renderer');
  await buildRenderer(webDir);
  server = await startServerProcess(webDir, {
    WEBHOOK_ALLOW_HOSTS: '127.0.0.1',
    WEBHOOK_POLL_MS: '50',
  });
  team = await teamWithWorkspace(server.url, 'Rover ops', ada, bo, 'contributor');
  browser = await launchChromium();
  mkdirSync(shots, { recursive: true });
  admin = await open(ada);
  member = await open(bo);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.dispose();
  await new Promise((r) => receiver?.close(r));
  rmSync(work, { recursive: true, force: true });
});

describe('webhooks screen', () => {
  it('creates a webhook, shows its secret once, pings, shows the log and redelivers', async () => {
    const nav = admin.getByRole('navigation', { name: 'Workspace' });
    await nav.getByRole('link', { name: 'Webhooks' }).click();
    await expect.poll(() => admin.getByText('No webhooks yet').isVisible()).toBe(true);
    await gallery(admin, 'webhooks-empty');
    expect(await a11yProblems(admin)).toEqual([]);
    await expect.poll(() => member.getByRole('link', { name: 'Webhooks' }).count()).toBe(0);

    await admin.getByRole('button', { name: 'New webhook' }).first().click();
    const port = (receiver.address() as AddressInfo).port;
    await admin.getByLabel('Payload URL').fill(`http://127.0.0.1:${port}/fieldbook`);
    await admin.getByLabel('Description').fill('Ops chat bridge');
    await gallery(admin, 'webhook-new');
    await admin.getByRole('button', { name: 'Create webhook' }).click();
    const secret = admin.locator('.webhook-secret__value');
    await expect.poll(() => secret.textContent()).toMatch(/^whsec_/);
    await gallery(admin, 'webhook-secret');
    await admin.getByRole('button', { name: 'Done' }).click();
    await expect.poll(() => admin.locator('.webhook-secret__value').count()).toBe(0);

    await admin.getByRole('button', { name: /^Ping / }).click();
    await expect.poll(() => received.length, { timeout: 15_000 }).toBe(1);
    const deliveries = admin.getByRole('table', { name: 'Deliveries' });
    await expect.poll(() => deliveries.getByText('delivered').count(), { timeout: 15_000 }).toBe(1);
    await deliveries.getByRole('button', { name: 'webhook.ping', exact: true }).click();
    await expect.poll(() => deliveries.getByText('thanks').isVisible()).toBe(true);
    await gallery(admin, 'webhook-deliveries');
    expect(await a11yProblems(admin)).toEqual([]);

    await deliveries
      .getByRole('button', { name: /^Redeliver / })
      .first()
      .click();
    await expect.poll(() => received.length, { timeout: 15_000 }).toBe(2);
    const [first, again] = received.map((r) => JSON.parse(r.body) as { id: string });
    expect(again!.id).toBe(first!.id);
    expect(received[0]!.headers['x-fieldbook-delivery']).not.toBe(
      received[1]!.headers['x-fieldbook-delivery'],
    );
  });
});

describe('notifications bell', () => {
  it('shows a role change live in the member’s open app, opens the list and marks all read', async () => {
    const bell = member.getByRole('button', { name: /^Notifications/ });
    await expect.poll(() => bell.getAttribute('aria-label')).toBe('Notifications');
    const res = await fetch(
      `${server.url}/api/v1/workspaces/${team.workspaceId}/members/${team.memberId}`,
      {
        method: 'PATCH',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${team.adminToken}`,
        },
        body: JSON.stringify({ role: 'reviewer' }),
      },
    );
    expect(res.status).toBe(200);
    await expect
      .poll(() => bell.getAttribute('aria-label'), { timeout: 15_000 })
      .toBe('Notifications, 1 unread');
    await bell.click();
    const panel = member.getByRole('dialog', { name: 'Notifications' });
    await expect.poll(() => panel.getByText('Your role is now reviewer').isVisible()).toBe(true);
    await gallery(member, 'notifications', async () => {
      if (!(await panel.isVisible())) await bell.click();
    });
    expect(await a11yProblems(member)).toEqual([]);
    await panel.getByRole('button', { name: 'Mark all read' }).click();
    await expect.poll(() => bell.getAttribute('aria-label')).toBe('Notifications');
    expect(problems).toEqual([]);
  });
});
