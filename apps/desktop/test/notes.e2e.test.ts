// The note editor in Debian's Chromium against the sync server: Markdown
// lists continue as people expect (the bug cases, asserted on the
// Markdown the server stores), task checkboxes toggle, [[ completes links
// by title and a link opens its note (with a backlink under it), tags keep
// their case and merge spellings, a reload reopens the note, and a viewer
// can read but not type.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { teamWithWorkspace, type TestUser } from './accounts';
import { buildRenderer, launchChromium } from './browser';
import { accessToken, storedMarkdown } from './docReader';
import { startServerProcess, type ServerProcess } from './serverProcess';
import { newNote, openNote, sidebarItem, signIn, signInAt } from './webUi';

const work = mkdtempSync(join(tmpdir(), 'fieldbook-notes-e2e-'));
const ada: TestUser = { name: 'Ada Okafor', email: 'ada@rover.test', password: 'correct horse 1' };
const vic: TestUser = { name: 'Vic Viewer', email: 'vic@rover.test', password: 'read only please' };

let server: ServerProcess;
let browser: Browser;
let workspaceId: string;
let token: string;
let context: BrowserContext;
let page: Page;
const problems: string[] = [];

beforeAll(async () => {
  const webDir = join(work, 'renderer');
  await buildRenderer(webDir);
  server = await startServerProcess(webDir);
  workspaceId = (await teamWithWorkspace(server.url, 'Rover notes', ada, vic, 'viewer'))
    .workspaceId;
  token = await accessToken(server.url, ada.email, ada.password);
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  page = await context.newPage();
  page.on('pageerror', (e) => problems.push(e.message));
  await signInAt(page, server.url, ada);
});

afterAll(async () => {
  await browser?.close();
  await server?.dispose();
  rmSync(work, { recursive: true, force: true });
});

/** The Markdown the server holds for a note, once it has what was typed. */
const stored = (docId: string) => storedMarkdown(server.url, token, workspaceId, docId);

describe('notes', () => {
  let listsId = '';

  it('continues lists on Enter as people expect, and the stored text is plain Markdown', async () => {
    listsId = await newNote(page, 'Lists');
    // "- a⏎" then "b"; "- a⏎" then "- b" (no doubled marker); ordered lists count on. Enter on
    // an empty item ends the list (the line stays, empty), one more Enter leaves a blank line.
    await page.keyboard.type('- a\nb\n\n\n- c\n- d\n\n\n1. first\nsecond\n\n\n1. one\n2. two');
    const expected = '- a\n- b\n\n- c\n- d\n\n1. first\n2. second\n\n1. one\n2. two';
    await expect.poll(() => stored(listsId), { timeout: 10_000 }).toBe(expected);
    // Tab nests the next item under the last one.
    await page.keyboard.type('\n');
    await page.keyboard.press('Tab');
    await page.keyboard.type('nested');
    await expect
      .poll(() => stored(listsId), { timeout: 10_000 })
      .toMatch(/2\. two\n {2,3}\d\. nested$/);
  });

  it('toggles a task checkbox in the text', async () => {
    const id = await newNote(page, 'Checklist');
    await page.keyboard.type('- [ ] download images\n- [ ] check wheel currents');
    await page.getByLabel('Title', { exact: true }).click();
    const boxes = page.getByRole('checkbox', { name: 'Mark as done' });
    await expect.poll(() => boxes.count()).toBe(2);
    await boxes.first().click();
    await expect
      .poll(() => stored(id), { timeout: 10_000 })
      .toBe('- [x] download images\n- [ ] check wheel currents');
    await page.getByRole('checkbox', { name: 'Done: mark as not done' }).click();
    await expect
      .poll(() => stored(id), { timeout: 10_000 })
      .toBe('- [ ] download images\n- [ ] check wheel currents');
  });

  it('completes [[ with note titles, opens the linked note, and lists the backlink there', async () => {
    const target = await newNote(page, 'Wheel current anomaly');
    await page.keyboard.type('Left-middle wheel drew 0.9 A.');
    const source = await newNote(page, 'Sol 1204 traverse');
    await page.keyboard.type('See [[Wheel cur');
    const option = page.getByRole('option', { name: /Wheel current anomaly/, selected: true });
    await option.waitFor();
    await page.waitForTimeout(200); // the completion settles on what was typed last
    await option.waitFor();
    await page.keyboard.press('Enter');
    await page.keyboard.type(' for the currents.');
    await expect
      .poll(() => stored(source), { timeout: 10_000 })
      .toBe(`See [[${target}]] for the currents.`);
    await page.getByLabel('Title', { exact: true }).click();
    await page.locator('.cm-md-doclink', { hasText: 'Wheel current anomaly' }).click();
    await expect
      .poll(() => page.getByLabel('Title', { exact: true }).inputValue())
      .toBe('Wheel current anomaly');
    await expect
      .poll(() => page.getByTestId('backlinks').textContent(), { timeout: 10_000 })
      .toContain('Sol 1204 traverse');
    await page.getByTestId('backlinks').getByRole('button', { name: 'Sol 1204 traverse' }).click();
    await expect
      .poll(() => page.getByLabel('Title', { exact: true }).inputValue())
      .toBe('Sol 1204 traverse');
  });

  it('shows tags with one hash, keeps their case, and merges another spelling into the existing one', async () => {
    await openNote(page, 'Lists');
    await page.getByLabel('Add tag').fill('#Needs Review');
    await page.getByLabel('Add tag').press('Enter');
    const tags = page.getByRole('group', { name: 'Tags' });
    await expect.poll(() => tags.textContent()).toContain('#Needs Review');
    expect(await tags.textContent()).not.toContain('##');
    await openNote(page, 'Checklist');
    await page.getByLabel('Add tag').fill('needs review');
    await page.getByLabel('Add tag').press('Enter');
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'regardless of case' }).count())
      .toBeGreaterThan(0);
    await expect.poll(() => tags.textContent()).toContain('#Needs Review');
    const tagList = page
      .getByRole('navigation', { name: 'Workspace' })
      .getByRole('region', { name: 'Tags' });
    await tagList.getByRole('button', { name: /#Needs Review/ }).click();
    await expect.poll(() => sidebarItem(page, 'Lists').count()).toBe(1);
    expect(await sidebarItem(page, 'Checklist').count()).toBe(1);
    expect(await sidebarItem(page, 'Wheel current anomaly').count()).toBe(0);
    await page.getByRole('button', { name: 'Show all documents' }).click();
  });

  it('reopens the open note after a reload', async () => {
    await openNote(page, 'Wheel current anomaly');
    await page.reload();
    await expect
      .poll(() => page.getByLabel('Title', { exact: true }).inputValue(), { timeout: 15_000 })
      .toBe('Wheel current anomaly');
    await expect.poll(() => page.getByTestId('editor').textContent()).toContain('0.9 A');
  });

  it('lets a viewer read but not type, rename, tag, create or trash', async () => {
    const viewer = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const vpage = await viewer.newPage();
    vpage.on('pageerror', (e) => problems.push(e.message));
    await vpage.goto(server.url);
    await signIn(vpage, vic);
    await openNote(vpage, 'Lists');
    const editor = vpage.getByTestId('editor');
    await expect.poll(() => editor.getAttribute('contenteditable')).toBe('false');
    await editor.click();
    await vpage.keyboard.type('viewer was here');
    expect(
      await vpage.getByLabel('Title', { exact: true }).getAttribute('readonly'),
    ).not.toBeNull();
    expect(await vpage.getByLabel('Add tag').count()).toBe(0);
    expect(await vpage.getByRole('button', { name: 'New note' }).count()).toBe(0);
    expect(await vpage.getByRole('button', { name: 'New folder' }).count()).toBe(0);
    await vpage
      .getByRole('button', { name: 'Document actions' })
      .click()
      .catch(() => undefined);
    expect(await vpage.getByRole('menuitem', { name: 'Move to trash' }).count()).toBe(0);
    await vpage.keyboard.press('Escape');
    expect(await stored(listsId)).not.toContain('viewer was here');
    await viewer.close();
    expect(problems).toEqual([]);
  });
});
