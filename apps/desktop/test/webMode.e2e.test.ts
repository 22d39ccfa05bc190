// End to end in Debian's Chromium against the sync server run as `pnpm serve`
// runs it: two users editing one note at once, one of them offline for a
// while, a reload with the server gone, and a workspace file carried from one
// desktop profile to a fresh one. Screenshots go to artifacts/screenshots.
import { newId } from '@fieldbook/shared';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteLocalDocStore } from '../src/node/localStore/sqliteLocalDocStore';
import { removeMember, teamWithWorkspace, type TestUser } from './accounts';
import { buildRenderer, launchChromium } from './browser';
import { installDesktopBridge } from './desktopBridge';
import { startServerProcess, type ServerProcess } from './serverProcess';
import {
  documentAction,
  editorText,
  openNote,
  sidebarItem,
  signIn,
  syncStatus,
  typeAtEnd,
  workspaceMenu,
} from './webUi';

const screenshots = fileURLToPath(new URL('../../../artifacts/screenshots', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'fieldbook-web-e2e-'));
const ada: TestUser = { name: 'Ada Okafor', email: 'ada@rover.test', password: 'correct horse 1' };
const bo: TestUser = { name: 'Bo Lindqvist', email: 'bo@rover.test', password: 'battery staple 2' };
const VIEWPORT = { width: 1280, height: 800 };

let server: ServerProcess;
let team: Awaited<ReturnType<typeof teamWithWorkspace>>;
let browser: Browser;
const problems: string[] = [];

async function newPage(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  page.on('pageerror', (e) => problems.push(e.message));
  return page;
}

beforeAll(async () => {
  const webDir = join(work, 'renderer');
  await buildRenderer(webDir);
  server = await startServerProcess(webDir);
  // Bo edits Ada's note: editing everyone's documents takes a reviewer (the permission matrix).
  team = await teamWithWorkspace(server.url, 'Rover traverse', ada, bo, 'reviewer');
  browser = await launchChromium();
  mkdirSync(screenshots, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await server?.dispose();
  rmSync(work, { recursive: true, force: true });
});

const count = (text: string, part: string) => text.split(part).length - 1;

describe('web mode against the sync server', () => {
  let a: { context: BrowserContext; page: Page };
  let b: { context: BrowserContext; page: Page };

  it('two users type into the same note at once and converge', async () => {
    const ctxA = await browser.newContext({ viewport: VIEWPORT });
    a = { context: ctxA, page: await newPage(ctxA) };
    await a.page.goto(server.url);
    await signIn(a.page, ada);
    await expect.poll(() => syncStatus(a.page), { timeout: 10_000 }).toMatch(/^Synced at/);
    await a.page.getByRole('navigation').getByRole('button', { name: 'New note' }).click();
    await a.page.getByLabel('Title', { exact: true }).fill('Sol 1204 traverse');
    await a.page.getByLabel('Title', { exact: true }).press('Enter');
    await typeAtEnd(a.page, 'Ada: drive log\nBo: imaging plan\n');

    const ctxB = await browser.newContext({ viewport: VIEWPORT });
    b = { context: ctxB, page: await newPage(ctxB) };
    await b.page.goto(server.url);
    await signIn(b.page, bo);
    await openNote(b.page, 'Sol 1204 traverse');
    await expect.poll(() => editorText(b.page)).toContain('Bo: imaging plan');

    // Both type at once, each on their own line.
    const adaTypes = async () => {
      await a.page.getByTestId('editor').click();
      await a.page.keyboard.press('Control+Home');
      await a.page.keyboard.press('End');
      await a.page.keyboard.type(' wheel currents nominal', { delay: 15 });
    };
    const boTypes = async () => {
      await b.page.getByTestId('editor').click();
      await b.page.keyboard.press('Control+Home');
      await b.page.keyboard.press('ArrowDown');
      await b.page.keyboard.press('End');
      await b.page.keyboard.type(' mastcam mosaic at noon', { delay: 15 });
    };
    await Promise.all([adaTypes(), boTypes()]);
    const both = [
      'Ada: drive log wheel currents nominal',
      'Bo: imaging plan mastcam mosaic at noon',
    ];
    for (const page of [a.page, b.page]) {
      await expect.poll(() => editorText(page), { timeout: 10_000 }).toContain(both[0]);
      await expect.poll(() => editorText(page), { timeout: 10_000 }).toContain(both[1]);
    }
    expect(await editorText(a.page)).toBe(await editorText(b.page));
    await expect.poll(() => a.page.locator('.cm-ySelectionInfo').textContent()).toBe(bo.name);
    await expect.poll(() => a.page.getByLabel('People here').textContent()).toBe('BL');

    // Tags, a folder, and a second note made with the keyboard, seen by the other user.
    await a.page.getByLabel('Add tag').fill('traverse');
    await a.page.getByLabel('Add tag').press('Enter');
    await a.page.getByRole('button', { name: 'New folder' }).click();
    await a.page.getByLabel('Folder name').fill('Sol 1204');
    await a.page.getByLabel('Folder name').press('Enter');
    await documentAction(a.page, 'Move to', 'Sol 1204');
    await a.page.keyboard.press('Alt+N');
    await a.page.getByLabel('Title', { exact: true }).fill('Wheel current anomaly');
    await a.page.getByLabel('Title', { exact: true }).press('Enter');
    await typeAtEnd(a.page, 'Left-middle wheel drew 0.9 A on the slope.');
    await expect.poll(() => sidebarItem(b.page, 'Wheel current anomaly').count()).toBe(1);
    expect(await b.page.getByRole('group').filter({ hasText: 'Sol 1204' }).isVisible()).toBe(true);

    await openNote(a.page, 'Sol 1204 traverse');
    await typeAtEnd(a.page, '');
    await b.page.getByText('mastcam mosaic').click();
    await expect.poll(() => a.page.locator('.cm-ySelectionInfo').count()).toBe(1);
    await a.page.screenshot({ path: join(screenshots, 'editor-two-cursors.png') });
    await b.page.screenshot({ path: join(screenshots, 'main.png') });
  });

  it('one user goes offline, both keep editing, and each edit is there once after reconnecting', async () => {
    await a.context.setOffline(true);
    await expect.poll(() => syncStatus(a.page)).toBe('Offline — no network');
    await typeAtEnd(a.page, '\nAda offline: rock abrasion done');
    await typeAtEnd(b.page, '\nBo online: downlink at 14:20');
    expect(await editorText(b.page)).not.toContain('Ada offline');
    await a.page.screenshot({ path: join(screenshots, 'offline.png') });

    await a.context.setOffline(false);
    for (const page of [a.page, b.page]) {
      await expect.poll(() => editorText(page), { timeout: 15_000 }).toContain('Ada offline');
      await expect.poll(() => editorText(page), { timeout: 15_000 }).toContain('Bo online');
    }
    await expect
      .poll(async () => (await editorText(a.page)) === (await editorText(b.page)))
      .toBe(true);
    const text = await editorText(a.page);
    for (const part of [
      'Ada offline: rock abrasion done',
      'Bo online: downlink at 14:20',
      'mastcam mosaic',
    ]) {
      expect(count(text, part)).toBe(1);
    }
    await expect
      .poll(() => syncStatus(a.page), { timeout: 10_000 })
      .toMatch(/^Synced at \d\d:\d\d$/);

    // Undo is per user: Ada's undo takes back her offline line, never Bo's.
    await a.page.keyboard.press('Control+z');
    await expect.poll(() => editorText(b.page)).not.toContain('Ada offline');
    expect(await editorText(b.page)).toContain('Bo online: downlink at 14:20');
    expect(await editorText(a.page)).toContain('Bo online: downlink at 14:20');

    // Bo never opened the second note, yet it is on his machine: every document is kept locally.
    await b.context.setOffline(true);
    await openNote(b.page, 'Wheel current anomaly');
    await expect.poll(() => editorText(b.page)).toBe('Left-middle wheel drew 0.9 A on the slope.');
    await openNote(b.page, 'Sol 1204 traverse');
    await b.context.setOffline(false);
    await expect.poll(() => syncStatus(b.page)).toMatch(/^Synced at/);
  });

  it('tells a member plainly when the server stops letting them in', async () => {
    await removeMember(server.url, team);
    await expect
      .poll(() => b.page.getByTestId('refusal').textContent(), { timeout: 10_000 })
      .toContain('no permission');
    await b.page.screenshot({ path: join(screenshots, 'refused.png') });

    // A session the server no longer honours (here: forged tokens) is named as such.
    const ctx = await browser.newContext({ viewport: VIEWPORT });
    const saved = await a.page.evaluate(() => localStorage.getItem('fieldbook.session'));
    const forged = {
      ...JSON.parse(saved!),
      tokens: { accessToken: 'x', refreshToken: 'y', expiresAt: 0 },
    };
    await ctx.addInitScript(
      (s) => localStorage.setItem('fieldbook.session', s),
      JSON.stringify(forged),
    );
    const page = await newPage(ctx);
    await page.goto(server.url);
    await expect
      .poll(() => page.getByTestId('refusal').textContent())
      .toContain('session has expired');
    await page.getByRole('button', { name: 'Sign in again', exact: true }).click();
    await expect
      .poll(() => page.getByRole('heading', { name: 'Sign in to Fieldbook' }).isVisible())
      .toBe(true);
    await ctx.close();
  });

  it('a reload with the server stopped shows the note from IndexedDB', async () => {
    const expected = await editorText(a.page);
    await a.page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
    await b.context.close();
    await server.stop();
    await a.page.reload();
    await openNote(a.page, 'Sol 1204 traverse');
    await expect.poll(() => editorText(a.page)).toBe(expected);
    await expect.poll(() => syncStatus(a.page)).toBe('Offline — sync server unreachable');
    await a.context.close();
    await server.restart();
  });

  it('a workspace file exported from one desktop profile imports into a fresh one', async () => {
    const exported = join(work, 'clean-room.fieldbook');
    const files = { next: exported as string | null };
    const storeA = SqliteLocalDocStore.open(join(work, `${newId()}.sqlite`));
    const ctxA = await browser.newContext({ viewport: VIEWPORT });
    await installDesktopBridge(ctxA, storeA, files);
    const pageA = await newPage(ctxA);
    await pageA.goto(server.url);
    await pageA.getByRole('button', { name: 'Work offline' }).click();
    await pageA.getByLabel('Workspace name').fill('Clean room B');
    await pageA.getByRole('button', { name: 'Create workspace' }).click();
    await pageA.getByRole('navigation').getByRole('button', { name: 'New note' }).click();
    await pageA.getByLabel('Title', { exact: true }).fill('Bake-out log');
    await pageA.getByLabel('Title', { exact: true }).press('Enter');
    await typeAtEnd(pageA, 'Chamber at 120 C for 48 h');
    await expect.poll(async () => (await storeA.listDocs()).length).toBe(2);
    await workspaceMenu(pageA, 'Export workspace file…');
    await expect
      .poll(() => pageA.getByTestId('activity').textContent())
      .toBe('Exported 2 documents to clean-room.fieldbook');
    expect(existsSync(exported)).toBe(true);

    const storeB = SqliteLocalDocStore.open(join(work, `${newId()}.sqlite`));
    const ctxB = await browser.newContext({ viewport: VIEWPORT });
    await installDesktopBridge(ctxB, storeB, files);
    const pageB = await newPage(ctxB);
    await pageB.goto(server.url);
    await pageB.getByRole('button', { name: 'Work offline' }).click();
    await workspaceMenu(pageB, 'Import workspace file…');
    await expect
      .poll(() => pageB.getByTestId('activity').textContent())
      .toBe('Imported a new workspace: 2 new, 0 updated documents');
    await openNote(pageB, 'Bake-out log');
    await expect.poll(() => editorText(pageB)).toBe('Chamber at 120 C for 48 h');

    const bad = join(work, 'bad.fieldbook');
    writeFileSync(bad, 'not a workspace');
    files.next = bad;
    await workspaceMenu(pageB, 'Import workspace file…');
    await expect
      .poll(() => pageB.getByRole('alert').first().textContent())
      .toContain('bad.fieldbook cannot be imported');
    expect(await storeB.listDocs()).toHaveLength(2);
    await ctxA.close();
    await ctxB.close();
    await storeA.close();
    await storeB.close();
    expect(problems).toEqual([]);
  });
});
