// The History panel in Debian's Chromium against the sync server: Ada opens
// a note's history, names a version, keeps writing, views the named version
// as it was (read-only, with what changed since), restores it, and undoes the
// restore; Bo, with the note open in another browser, sees both live. In a
// collection, Ada brings back one deleted annotation from an old state
// without touching the others, and undoes that too.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createAnnotation,
  createAnnotationCollection,
  deleteAnnotation,
  editAnnotation,
  readAnnotation,
} from '@fieldbook/crdt-model';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { teamWithWorkspace, type TestUser } from './accounts';
import { a11yProblems } from './axe';
import { buildRenderer, launchChromium } from './browser';
import { accessToken, fetchDoc } from './docReader';
import { inSession, listDocument, userIdOf, type Signer } from './historySeed';
import { startServerProcess, type ServerProcess } from './serverProcess';
import { editorText, newNote, openNote, sidebarItem, signInAt, typeAtEnd } from './webUi';

const work = mkdtempSync(join(tmpdir(), 'fieldbook-history-e2e-'));
const ada: TestUser = {
  name: 'Ada Okafor',
  email: 'ada@history.test',
  password: 'correct horse 1',
};
const bo: TestUser = {
  name: 'Bo Lindqvist',
  email: 'bo@history.test',
  password: 'battery staple 2',
};

let server: ServerProcess;
let browser: Browser;
let workspaceId: string;
const problems: string[] = [];

async function signedIn(user: TestUser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  page.on('pageerror', (e) => problems.push(e.message));
  await signInAt(page, server.url, user);
  return page;
}

beforeAll(async () => {
  const webDir = join(work, 'renderer');
  await buildRenderer(webDir);
  server = await startServerProcess(webDir);
  ({ workspaceId } = await teamWithWorkspace(server.url, 'Rover history', ada, bo, 'contributor'));
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.dispose();
  rmSync(work, { recursive: true, force: true });
});

const panel = (page: Page) => page.getByRole('complementary', { name: 'History' });
const BEFORE = 'Wheels nominal on the ridge.';
const SLIP = ' Slip on the left middle wheel.';

describe('the History panel', () => {
  it('views an old state, restores it, undoes the restore, and the other user sees it live', async () => {
    const a = await signedIn(ada);
    const b = await signedIn(bo);
    await newNote(a, 'Drive log');
    await a.keyboard.type(BEFORE);
    await openNote(b, 'Drive log');
    await expect.poll(() => editorText(b), { timeout: 10_000 }).toBe(BEFORE);

    await a.getByRole('button', { name: 'Show history' }).click();
    await expect
      .poll(() => panel(a).getByRole('listitem').count(), { timeout: 10_000 })
      .toBeGreaterThan(0);
    await expect
      .poll(() =>
        panel(a)
          .getByText(/^Typed \d+ characters/)
          .count(),
      )
      .toBeGreaterThan(0);
    await panel(a).getByRole('button', { name: 'Name this version' }).click();
    await a.getByLabel('Version name').fill('Before the slip');
    await a.getByRole('button', { name: 'Name version' }).click();
    await panel(a)
      .getByRole('button', { name: /Before the slip/ })
      .waitFor();

    await typeAtEnd(a, SLIP);
    await expect.poll(() => editorText(b), { timeout: 10_000 }).toBe(BEFORE + SLIP);
    expect(await a11yProblems(a)).toEqual([]);

    // The named version, as it was: the text since added is not in it.
    await panel(a)
      .getByRole('button', { name: /Before the slip/ })
      .click();
    const dialog = a.getByRole('dialog', { name: '“Before the slip”' });
    await expect.poll(() => dialog.getByTestId('version-text').textContent()).toBe(BEFORE);
    await expect
      .poll(() => dialog.getByText(`${SLIP.length} characters added since`).count())
      .toBe(1);
    expect(await a11yProblems(a)).toEqual([]);

    // Bo, a contributor, may view but not restore.
    await b.getByRole('button', { name: 'Show history' }).click();
    await panel(b)
      .getByRole('button', { name: /Before the slip/ })
      .click();
    const boDialog = b.getByRole('dialog', { name: '“Before the slip”' });
    await boDialog.getByTestId('version-text').waitFor();
    expect(await boDialog.getByRole('button', { name: 'Restore this version' }).count()).toBe(0);
    await boDialog.getByRole('button', { name: 'Close' }).first().click();

    await dialog.getByRole('button', { name: 'Restore this version' }).click();
    await a.getByRole('alertdialog').getByRole('button', { name: 'Restore' }).click();
    await a.getByText('Version restored', { exact: true }).waitFor();
    await expect.poll(() => editorText(a), { timeout: 10_000 }).toBe(BEFORE);
    await expect.poll(() => editorText(b), { timeout: 10_000 }).toBe(BEFORE);
    await expect
      .poll(() => panel(a).getByText('Restored “Before the slip”').count(), { timeout: 10_000 })
      .toBeGreaterThan(0);

    await a.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => editorText(a), { timeout: 10_000 }).toBe(BEFORE + SLIP);
    await expect.poll(() => editorText(b), { timeout: 10_000 }).toBe(BEFORE + SLIP);
    expect(problems).toEqual([]);
  });
  it('restores one deleted annotation of a collection from an old state, and undoes it', async () => {
    const a = await signedIn(ada); // the app makes the workspace's index on first open
    const token = await accessToken(server.url, ada.email, ada.password);
    const as: Signer = {
      server: server.url,
      token,
      userId: await userIdOf(server.url, token),
      workspaceId,
    };
    const docId = await listDocument(as, 'annotations', 'Dust events');
    const size = (doc: { getMap: (name: string) => { size: number } }) =>
      doc.getMap('annotations').size;
    let storm = '';
    let dune = '';
    await inSession(
      as,
      docId,
      (doc, origin) => {
        createAnnotationCollection(doc, { name: 'Dust events' }, origin);
        const anchor = { channels: ['tau'], t: 0, t2: 60_000 };
        storm = createAnnotation(doc, { kind: 'range', anchor, title: 'Dust storm' }, origin);
        dune = createAnnotation(doc, { kind: 'range', anchor, title: 'Dune crossing' }, origin);
      },
      (doc) => size(doc) === 2,
    );
    await inSession(
      as,
      docId,
      (doc, origin) => {
        deleteAnnotation(doc, { id: storm }, origin);
        editAnnotation(doc, { id: dune, title: 'Dune crossing, wheel slip' }, origin);
      },
      (doc) => size(doc) === 1,
    );
    const stored = () => fetchDoc(server.url, token, workspaceId, docId);

    await sidebarItem(a, 'Dust events').click();
    await a.getByRole('button', { name: 'Show history' }).click();
    const created = panel(a).getByRole('button', {
      name: /created 2 annotations/i,
    });
    await created.waitFor({ timeout: 15_000 });
    await created.click();
    const dialog = a.getByRole('dialog');
    const row = dialog.getByRole('listitem').filter({ hasText: 'Dust storm' });
    await row.getByText('deleted since').waitFor({ timeout: 10_000 });
    await dialog
      .getByRole('listitem')
      .filter({ hasText: 'Dune crossing' })
      .getByText('changed since')
      .waitFor();
    expect(await a11yProblems(a)).toEqual([]);

    await row.getByRole('button', { name: 'Restore “Dust storm” as it was' }).click();
    await a.getByRole('alertdialog').getByRole('button', { name: 'Restore' }).click();
    await a.getByText('“Dust storm” restored', { exact: true }).waitFor();
    await expect
      .poll(async () => readAnnotation(await stored(), storm)?.title ?? null, { timeout: 10_000 })
      .toBe('Dust storm');
    expect(readAnnotation(await stored(), dune)?.title).toBe('Dune crossing, wheel slip');

    await a.getByRole('button', { name: 'Undo' }).click();
    await expect
      .poll(async () => readAnnotation(await stored(), storm), { timeout: 10_000 })
      .toBeNull();
    expect(readAnnotation(await stored(), dune)?.title).toBe('Dune crossing, wheel slip');
    expect(problems).toEqual([]);
  }, 150_000);
  it('says after a reconnect how many changes from whom were merged, linking to the history', async () => {
    const a = await signedIn(ada);
    const b = await signedIn(bo);
    await newNote(a, 'Traverse notes');
    await a.keyboard.type('Sol 1205.');
    await openNote(b, 'Traverse notes');
    await expect.poll(() => editorText(b), { timeout: 10_000 }).toBe('Sol 1205.');

    await a.context().setOffline(true);
    await a
      .getByTestId('sync-status')
      .filter({ hasText: /^Offline/ })
      .waitFor();
    await typeAtEnd(a, ' Written offline.');
    await typeAtEnd(b, ' Bo meanwhile.');
    await a.context().setOffline(false);

    const notice = a.getByText('Merged offline changes', { exact: true });
    await notice.waitFor({ timeout: 20_000 });
    await expect
      .poll(() => a.getByText(/^Your offline edits and \d+ changes? from Bo Lindqvist/).count())
      .toBeGreaterThan(0);
    await a.getByRole('button', { name: 'Show in history' }).click();
    await panel(a).getByRole('listitem').first().waitFor();
    await expect.poll(() => editorText(a), { timeout: 10_000 }).toContain('Bo meanwhile.');
    expect(problems).toEqual([]);
  }, 150_000);
});
