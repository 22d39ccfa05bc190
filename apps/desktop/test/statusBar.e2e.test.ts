// The status bar's every state, in turn, for one member in Chromium against a
// real server process: not signed in, signing in and syncing, synced,
// verified identical with the server, a copy that differs for real (its
// IndexedDB altered while the app was closed) resynced and logged, offline,
// a role changed by an admin, a session ended elsewhere ("Sign in again"),
// and removal from the workspace. Each state is shot in light and dark, 1024
// and 1440 px wide, into docs/screenshots/team/status-*.png.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page, WebSocketRoute } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeRole, removeMember, teamWithWorkspace, type TestUser } from './accounts';
import { buildRenderer, launchChromium } from './browser';
import { shootAll } from './gallery';
import { startServerProcess, type ServerProcess } from './serverProcess';
import { alterStoredText, routeSyncSockets, type SocketMode } from './statusBarSockets';
import { editorText, newNote, signIn } from './webUi';

const work = mkdtempSync(join(tmpdir(), 'fieldbook-status-e2e-'));
const shots = fileURLToPath(new URL('../../../docs/screenshots/team', import.meta.url));
const ada: TestUser = { name: 'Ada Okafor', email: 'ada@status.test', password: 'correct horse 1' };
const bo: TestUser = {
  name: 'Bo Lindqvist',
  email: 'bo@status.test',
  password: 'battery staple 2',
};
const NEW_PASSWORD = 'a much newer phrase';

let server: ServerProcess;
let browser: Browser;

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  const webDir = join(work, 'renderer');
  await buildRenderer(webDir);
  server = await startServerProcess(webDir);
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.dispose();
  rmSync(work, { recursive: true, force: true });
});

const status = (page: Page) => page.getByTestId('sync-status');
const verify = (page: Page) => page.getByTestId('verify-status');
const shoot = (page: Page, name: string) => shootAll(page, shots, `status-${name}`);

async function api(path: string, method: string, body: unknown, token?: string) {
  const res = await fetch(`${server.url}/api/v1${path}`, {
    method,
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(body),
  });
  expect(res.status, `${method} ${path}`).toBeLessThan(300);
  return res.status === 204 ? null : ((await res.json()) as Record<string, unknown>);
}

describe('the status bar', () => {
  it('reaches every state in turn, each one true to what is happening', async () => {
    const team = await teamWithWorkspace(server.url, 'Status lab', ada, bo, 'contributor');
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const logs: string[] = [];
    const errors: string[] = [];
    const watch = (page: Page) => {
      page.on('console', (m) => logs.push(m.text()));
      page.on('pageerror', (e) => errors.push(e.message));
      return page;
    };
    let mode: SocketMode = 'hold';
    const held: WebSocketRoute[] = [];
    let page = watch(await context.newPage());
    await routeSyncSockets(page, () => mode, held);

    // Not signed in.
    await page.goto(server.url);
    await page.getByLabel('Email').waitFor();
    await expect.poll(() => status(page).textContent()).toBe('Offline — not signed in');
    await shoot(page, 'signed-out');

    // Signing in: the server has not answered yet (the sockets are held).
    await signIn(page, bo);
    await status(page)
      .filter({ hasText: /^Syncing \d+ docs?$/ })
      .waitFor();
    expect(await page.getByTestId('refusal').count()).toBe(0);
    await shoot(page, 'syncing');

    // Synced: the sockets reach the server.
    mode = 'pass';
    for (const ws of held.splice(0)) await ws.close();
    await status(page)
      .filter({ hasText: /^Synced at \d\d:\d\d$/ })
      .waitFor({ timeout: 20_000 });
    await shoot(page, 'synced');

    // Verified identical: the index and the open note match the server's digests.
    const docId = await newNote(page, 'Calibration log');
    await page.keyboard.insertText('calibration QX7 check');
    await verify(page)
      .filter({ hasText: /^Verified identical with the server at \d\d:\d\d$/ })
      .waitFor({ timeout: 20_000 });
    expect(await verify(page).getAttribute('title')).toContain('2 open documents matched');
    await shoot(page, 'verified');

    // A copy that differs for real: the note's text altered in IndexedDB while the app is
    // closed, under the same ids (no sync can exchange it); the server's answer to the
    // repair is slowed so the resync can be seen.
    const route = `#/${team.workspaceId}/doc/${docId}`;
    await page.close();
    page = watch(await context.newPage());
    await page.goto(`${server.url}/health`);
    expect(await alterStoredText(page, docId, 'QX7', 'ZX7')).toBeGreaterThan(0);
    mode = { slowSocket: `/${team.workspaceId}/${docId}`, nth: 2, delayMs: 6000 };
    await routeSyncSockets(page, () => mode, held);
    await page.goto(`${server.url}/${route}`);
    const text = () => editorText(page).catch(() => '');
    await expect.poll(text, { timeout: 15_000, interval: 50 }).toContain('calibration ZX7 check');
    await verify(page)
      .filter({ hasText: 'A copy differed from the server — resyncing it' })
      .waitFor({ timeout: 20_000 });
    await shoot(page, 'verify-resyncing');
    await expect.poll(text, { timeout: 20_000 }).toContain('calibration QX7 check');
    await verify(page)
      .filter({ hasText: /^Verified identical .* — resynced a copy that differed at \d\d:\d\d$/ })
      .waitFor({ timeout: 20_000 });
    expect(logs).toContainEqual(
      `Fieldbook verify: ${docId} differed from the server (other content under the same edits); resyncing (1)`,
    );
    expect(logs).toContainEqual(
      `Fieldbook verify: ${docId} is identical with the server again after a resync`,
    );
    await shoot(page, 'verify-resynced');
    mode = 'pass';

    // Offline: no network; then back and synced.
    await context.setOffline(true);
    await status(page).filter({ hasText: 'Offline — no network' }).waitFor();
    expect(await verify(page).count()).toBe(0);
    await shoot(page, 'offline');
    await context.setOffline(false);
    await status(page)
      .filter({ hasText: /^Synced at/ })
      .waitFor({ timeout: 20_000 });

    // An admin makes Bo a viewer: the bar says what he can still do.
    await changeRole(server.url, team, team.memberId, 'viewer');
    await page.getByTestId('role-change').filter({ hasText: 'now Viewer' }).waitFor();
    await verify(page)
      .filter({ hasText: /^Verified \d\d:\d\d$/ })
      .waitFor();
    await shoot(page, 'role-changed');

    // Bo changes his password on another device: this session ends.
    const login = await api('/auth/login', 'POST', { email: bo.email, password: bo.password });
    await api(
      '/auth/password',
      'POST',
      { currentPassword: bo.password, newPassword: NEW_PASSWORD },
      login?.accessToken as string,
    );
    const refusal = page.getByTestId('refusal');
    await refusal.filter({ hasText: 'session has expired or was ended' }).waitFor();
    await expect.poll(() => status(page).textContent()).toBe('Not syncing — refused by the server');
    expect(await verify(page).count()).toBe(0);
    await shoot(page, 'session-ended');
    await refusal.getByRole('button', { name: 'Sign in again' }).click();
    await signIn(page, { ...bo, password: NEW_PASSWORD });
    await status(page)
      .filter({ hasText: /^Synced at/ })
      .waitFor({ timeout: 20_000 });

    // Removed from the workspace: said so, and no "Synced" beside it.
    await removeMember(server.url, team);
    await refusal.filter({ hasText: 'no longer a member' }).waitFor();
    expect(await status(page).textContent()).toBe('Not syncing — refused by the server');
    await shoot(page, 'removed');
    expect(errors).toEqual([]);
    await context.close();
  }, 300_000);
});
