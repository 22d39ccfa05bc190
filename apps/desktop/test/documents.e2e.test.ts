// Folders, the trash and notices between two people, in Debian's Chromium
// against the sync server: folders made, renamed, nested (by drag and drop
// and by the keyboard's "Move to" menu) and deleted in one browser are seen
// in another; a document open in one browser and trashed or restored in the
// other says so; the trash restores, deletes forever and empties, each
// destructive step confirmed first.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { teamWithWorkspace, type TestUser } from './accounts';
import { buildRenderer, launchChromium } from './browser';
import { accessToken, storedIndex } from './docReader';
import { startServerProcess, type ServerProcess } from './serverProcess';
import { documentAction, newNote, openNote, sidebarItem, signInAt } from './webUi';

const work = mkdtempSync(join(tmpdir(), 'fieldbook-documents-e2e-'));
const ada: TestUser = { name: 'Ada Okafor', email: 'ada@rover.test', password: 'correct horse 1' };
const bo: TestUser = { name: 'Bo Lindqvist', email: 'bo@rover.test', password: 'battery staple 2' };

let server: ServerProcess;
let browser: Browser;
let workspaceId: string;
let token: string;
const problems: string[] = [];

async function signedIn(user: TestUser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  page.on('pageerror', (e) => problems.push(e.message));
  await signInAt(page, server.url, user);
  return { context, page };
}

const tree = (page: Page) => page.getByRole('navigation', { name: 'Workspace' });
const folderRow = (page: Page, name: string) =>
  tree(page).getByRole('button', { name, exact: true });
const folderGroup = (page: Page, name: string) =>
  tree(page).getByRole('group', { name, exact: true });
const index = () => storedIndex(server.url, token, workspaceId);

beforeAll(async () => {
  const webDir = join(work, 'renderer');
  await buildRenderer(webDir);
  server = await startServerProcess(webDir);
  workspaceId = (await teamWithWorkspace(server.url, 'Rover documents', ada, bo, 'reviewer'))
    .workspaceId;
  token = await accessToken(server.url, ada.email, ada.password);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.dispose();
  rmSync(work, { recursive: true, force: true });
});

describe('folders, trash and notices between two browsers', () => {
  let a: Page;
  let b: Page;

  it('makes, renames, nests and moves folders, and the other browser sees the same tree', async () => {
    a = (await signedIn(ada)).page;
    b = (await signedIn(bo)).page;
    await newNote(a, 'Drive log');
    await newNote(a, 'Imaging plan');

    // A folder, named as it is made; renamed with F2.
    await tree(a).getByRole('button', { name: 'New folder' }).click();
    await a.getByLabel('Folder name').fill('Sol 12');
    await a.getByLabel('Folder name').press('Enter');
    await folderRow(a, 'Sol 12').focus();
    await a.keyboard.press('F2');
    await a.getByLabel('Folder name').fill('Sol 1204');
    await a.getByLabel('Folder name').press('Enter');

    // A second folder, nested into the first by drag and drop.
    await tree(a).getByRole('button', { name: 'New folder' }).click();
    await a.getByLabel('Folder name').fill('Drive');
    await a.getByLabel('Folder name').press('Enter');
    await folderRow(a, 'Drive').dragTo(folderRow(a, 'Sol 1204'));
    await expect
      .poll(() =>
        folderGroup(a, 'Sol 1204').getByRole('button', { name: 'Drive', exact: true }).count(),
      )
      .toBe(1);

    // A note dragged into the nested folder; another filed by the menu (keyboard).
    await sidebarItem(a, 'Drive log').dragTo(folderRow(a, 'Drive'));
    await openNote(a, 'Imaging plan');
    await documentAction(a, 'Move to', 'Sol 1204');

    for (const page of [a, b]) {
      await expect
        .poll(
          () =>
            folderGroup(page, 'Drive')
              .getByRole('link', { name: 'Drive log', exact: true })
              .count(),
          {
            timeout: 10_000,
          },
        )
        .toBe(1);
      await expect
        .poll(() =>
          folderGroup(page, 'Sol 1204')
            .getByRole('link', { name: 'Imaging plan', exact: true })
            .count(),
        )
        .toBe(1);
    }
    const stored = await index();
    const top = stored.folders.find((f) => f.name === 'Sol 1204')!;
    expect(stored.folders.find((f) => f.name === 'Drive')?.parentId).toBe(top.id);
  });

  it('tells the other browser when the note it has open is trashed and restored', async () => {
    await openNote(b, 'Imaging plan');
    await openNote(a, 'Imaging plan');
    await documentAction(a, 'Move to trash');
    await expect
      .poll(() => b.getByText('moved there by Ada Okafor').count(), { timeout: 10_000 })
      .toBeGreaterThan(0);
    expect(await b.getByTestId('editor').getAttribute('contenteditable')).toBe('false');
    await a.getByRole('button', { name: 'Undo' }).click();
    await expect
      .poll(() => b.getByText('Ada Okafor restored “Imaging plan”').count(), { timeout: 10_000 })
      .toBeGreaterThan(0);
    await expect.poll(() => b.getByTestId('editor').getAttribute('contenteditable')).toBe('true');
  });

  it('deletes a folder after a confirmation: its documents go to the trash, for both', async () => {
    await tree(a).getByRole('button', { name: 'More for folder Sol 1204' }).click();
    await a.getByRole('menuitem', { name: 'Delete folder…' }).click();
    const dialog = a.getByRole('alertdialog');
    await expect.poll(() => dialog.textContent()).toContain('2 documents inside move to the trash');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(await folderRow(a, 'Sol 1204').count()).toBe(1);
    await tree(a).getByRole('button', { name: 'More for folder Sol 1204' }).click();
    await a.getByRole('menuitem', { name: 'Delete folder…' }).click();
    await dialog.getByRole('button', { name: 'Delete folder' }).click();
    for (const page of [a, b]) {
      await expect.poll(() => folderRow(page, 'Sol 1204').count(), { timeout: 10_000 }).toBe(0);
      await expect.poll(() => tree(page).getByRole('link', { name: 'Trash 2' }).count()).toBe(1);
    }
    const stored = await index();
    expect(stored.folders).toEqual([]);
    expect(
      stored.documents
        .filter((d) => d.trashedAt !== null)
        .map((d) => d.title)
        .sort(),
    ).toEqual(['Drive log', 'Imaging plan']);
  });

  it('restores, deletes forever and empties the trash, confirming each deletion', async () => {
    await tree(a)
      .getByRole('link', { name: /^Trash/ })
      .click();
    await a.getByRole('button', { name: 'Restore Drive log' }).click();
    await expect.poll(() => sidebarItem(b, 'Drive log').count(), { timeout: 10_000 }).toBe(1);

    await a.getByRole('button', { name: 'Delete Imaging plan forever' }).click();
    await a.getByRole('alertdialog').getByRole('button', { name: 'Cancel' }).click();
    expect(await a.getByRole('button', { name: 'Delete Imaging plan forever' }).count()).toBe(1);
    await a.getByRole('button', { name: 'Delete Imaging plan forever' }).click();
    await a.getByRole('alertdialog').getByRole('button', { name: 'Delete forever' }).click();
    await expect.poll(() => a.getByRole('heading', { name: 'The trash is empty' }).count()).toBe(1);

    await openNote(a, 'Drive log');
    await documentAction(a, 'Move to trash');
    await tree(a)
      .getByRole('link', { name: /^Trash/ })
      .click();
    await a.getByRole('button', { name: 'Empty trash' }).click();
    await a.getByRole('alertdialog').getByRole('button', { name: 'Empty trash' }).click();
    await expect.poll(() => a.getByRole('heading', { name: 'The trash is empty' }).count()).toBe(1);
    await expect.poll(async () => (await index()).documents.length, { timeout: 10_000 }).toBe(0);
    expect(problems).toEqual([]);
  });
});
