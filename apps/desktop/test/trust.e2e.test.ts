// The app never keeps what the server refused (issue 10, item 3), in
// Debian's Chromium against the sync server: a viewer is offered no way to
// change anything, and a member demoted while typing is told once what was
// not saved (with a Copy button), the refused text reaches nobody, and it is
// gone from the browser's IndexedDB after a reload.
import { noteBody } from '@fieldbook/crdt-model';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { SqliteLocalDocStore } from '../src/node/localStore/sqliteLocalDocStore';
import { unsavedChanges } from '../src/renderer/sync/unsavedChanges';
import { changeRole, inviteMember, teamWithWorkspace, type TestUser } from './accounts';
import { a11yProblems } from './axe';
import { buildRenderer, launchChromium } from './browser';
import { installDesktopBridge } from './desktopBridge';
import { accessToken, fetchDoc, storedMarkdown } from './docReader';
import { startServerProcess, type ServerProcess } from './serverProcess';
import { noteEditingOffered, storedNoteInBrowser } from './trustFlows';
import { editorText, newNote, openNote, signIn, syncStatus, typeAtEnd } from './webUi';

const work = mkdtempSync(join(tmpdir(), 'fieldbook-trust-e2e-'));
const ada: TestUser = { name: 'Ada Okafor', email: 'ada@trust.test', password: 'correct horse 1' };
const bo: TestUser = { name: 'Bo Lindqvist', email: 'bo@trust.test', password: 'battery staple 2' };
const cy: TestUser = { name: 'Cy Viewer', email: 'cy@trust.test', password: 'read only please 3' };
const VIEWPORT = { width: 1280, height: 800 };

let server: ServerProcess;
let team: Awaited<ReturnType<typeof teamWithWorkspace>>;
let browser: Browser;
const contexts: BrowserContext[] = [];
const problems: string[] = [];

/** A signed-in page; with `desktop`, main's SQLite store sits behind the emulated bridge. */
async function signedIn(user: TestUser, desktop?: SqliteLocalDocStore): Promise<Page> {
  const context = await browser.newContext({
    viewport: VIEWPORT,
    permissions: ['clipboard-read', 'clipboard-write'],
  });
  contexts.push(context);
  if (desktop) await installDesktopBridge(context, desktop, { next: null });
  const page = await context.newPage();
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(server.url);
  await signIn(page, user);
  await expect.poll(() => syncStatus(page), { timeout: 15_000 }).toMatch(/^Synced at/);
  return page;
}

beforeAll(async () => {
  const webDir = join(work, 'renderer');
  await buildRenderer(webDir);
  server = await startServerProcess(webDir);
  team = await teamWithWorkspace(server.url, 'Clean room', ada, bo, 'contributor');
  await inviteMember(server.url, team, cy, 'viewer');
  browser = await launchChromium();
});

afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
  await server?.dispose();
  rmSync(work, { recursive: true, force: true });
});

describe('the app never keeps what the server refused', () => {
  let adaPage: Page | undefined;

  it('offers a viewer no way to type, rename, tag, file or create', async () => {
    adaPage = await signedIn(ada);
    await newNote(adaPage, 'Bake-out log');
    await adaPage.keyboard.type('Chamber at 120 C since 08:00.');
    await adaPage.getByLabel('Add tag').fill('vacuum');
    await adaPage.getByLabel('Add tag').press('Enter');

    const cyPage = await signedIn(cy);
    await openNote(cyPage, 'Bake-out log');
    await expect.poll(() => editorText(cyPage)).toBe('Chamber at 120 C since 08:00.');
    expect(await noteEditingOffered(cyPage)).toEqual({
      editorEditable: false,
      titleReadOnly: true,
      addTag: 0,
      removeTag: 0,
      newNote: 0,
      newFolder: 0,
    });
    // Keys go nowhere: the text, the title and the document list stay as they were.
    await typeAtEnd(cyPage, ' viewer was here');
    await cyPage.getByLabel('Title', { exact: true }).click();
    await cyPage.keyboard.type(' (viewer)');
    await cyPage.keyboard.press('Enter');
    await cyPage.keyboard.press('Alt+N');
    expect(await editorText(cyPage)).toBe('Chamber at 120 C since 08:00.');
    expect(await cyPage.getByLabel('Title', { exact: true }).inputValue()).toBe('Bake-out log');
    // The document's menus offer opening only: no rename, move or trash.
    await cyPage.getByRole('button', { name: 'Document actions' }).click();
    const items = await cyPage.getByRole('menuitem').allTextContents();
    expect(items.filter((i) => /Rename|Move|trash/i.test(i))).toEqual([]);
    await cyPage.keyboard.press('Escape');
    const link = cyPage.getByRole('navigation', { name: 'Workspace' }).getByRole('link', {
      name: 'Bake-out log',
    });
    expect(await link.locator('xpath=..').getAttribute('draggable')).toBe('false');
    expect(await cyPage.getByRole('dialog').count()).toBe(0);
  });

  it('tells a member demoted while offline what was not saved, once, and keeps it from everyone', async () => {
    adaPage ??= await signedIn(ada);
    // Bo runs the desktop app: IndexedDB in the window, SQLite with the outbox in main.
    const desktop = SqliteLocalDocStore.open(join(work, 'bo.sqlite'));
    const boPage = await signedIn(bo, desktop);
    const docId = await newNote(boPage, 'Pump-down notes');
    await boPage.keyboard.type('Roughing pump on.');
    const adaSees = adaPage;
    await openNote(adaSees, 'Pump-down notes');
    await expect.poll(() => editorText(adaSees)).toBe('Roughing pump on.');
    await expect.poll(() => syncStatus(boPage)).toMatch(/^Synced at/);

    // An open socket learns a role change at once and the editor turns read-only, so the
    // refusal a member meets is of work done offline while an admin demoted them.
    const typed = ' Turbo pump spinning up, pressure falling through 1e-3 mbar.';
    await boPage.context().setOffline(true);
    await expect.poll(() => syncStatus(boPage)).not.toMatch(/^Synced at/);
    await typeAtEnd(boPage, typed);
    await changeRole(server.url, team, team.memberId, 'viewer');
    await boPage.context().setOffline(false);

    const notice = boPage.getByRole('dialog', { name: 'Your changes were not saved' });
    await notice.waitFor({ timeout: 20_000 });
    const lost = await notice.getByRole('textbox').inputValue();
    const token = await accessToken(server.url, ada.email, ada.password);
    const stored = await storedMarkdown(server.url, token, team.workspaceId, docId);
    const saved = stored.slice('Roughing pump on.'.length);
    expect(stored.startsWith('Roughing pump on.')).toBe(true);
    // The server took what Bo typed online and refused all that was typed offline.
    expect(saved).toBe('');
    expect(lost).toBe(typed);
    expect(await a11yProblems(boPage, { include: '[role=dialog]' })).toEqual([]);
    await notice.getByRole('button', { name: 'Copy' }).click();
    expect(await boPage.evaluate(() => navigator.clipboard.readText())).toBe(lost);
    await notice.getByRole('button', { name: 'Close' }).last().click();
    await expect.poll(() => notice.count()).toBe(0);

    // Bo now holds the server's copy, read-only; Ada never sees the refused text.
    await expect.poll(() => editorText(boPage), { timeout: 15_000 }).toBe(stored);
    expect((await noteEditingOffered(boPage)).editorEditable).toBe(false);
    await expect.poll(() => editorText(adaSees)).toBe(stored);
    await new Promise((r) => setTimeout(r, 1500));
    expect(await editorText(adaSees)).toBe(stored);
    expect(await storedMarkdown(server.url, token, team.workspaceId, docId)).toBe(stored);

    // Main's SQLite copy is the server's too, and its outbox holds nothing of the note the
    // server lacks (opening a copy queues its known removals again; they change nothing).
    const inMain = new Y.Doc();
    Y.applyUpdate(inMain, (await desktop.loadDoc(docId))!.state);
    expect(noteBody(inMain).toString()).toBe(stored);
    const queued = (await desktop.pendingOutbox()).filter((e) => e.docId === docId);
    const serverState = Y.encodeStateAsUpdate(
      await fetchDoc(server.url, token, team.workspaceId, docId),
    );
    for (const entry of queued) {
      expect(unsavedChanges(entry.update, serverState).changes).toBe(0);
    }

    // After a reload the browser's copy is the server's, and no notice comes back.
    await boPage.reload();
    await expect.poll(() => syncStatus(boPage), { timeout: 15_000 }).toMatch(/^Synced at/);
    expect(await storedNoteInBrowser(boPage, docId)).toBe(stored);
    await expect.poll(() => editorText(boPage)).toBe(stored);
    expect(await boPage.getByRole('dialog').count()).toBe(0);
    expect(problems).toEqual([]);
    await desktop.close();
  });
});
