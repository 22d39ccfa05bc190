// History of collections past the newest state, in Debian's Chromium against
// the sync server: Ada branches a collection from an older version (the
// dialog names the point it forks), compares the branch with its source
// field by field, and as an admin sets the workspace's history retention
// (asked first); Bo, a contributor, sees no retention setting. Screenshots
// go to docs/screenshots/history/.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  createAnnotation,
  createAnnotationCollection,
  editAnnotation,
  readAnnotation,
} from '@fieldbook/crdt-model';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { teamWithWorkspace, type TestUser } from './accounts';
import { a11yProblems } from './axe';
import { buildRenderer, launchChromium } from './browser';
import { accessToken, fetchDoc } from './docReader';
import { shootAll } from './gallery';
import { inSession, listDocument, userIdOf, type Signer } from './historySeed';
import { startServerProcess, type ServerProcess } from './serverProcess';
import { sidebarItem, signInAt } from './webUi';

const shots = fileURLToPath(new URL('../../../docs/screenshots/history', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'fieldbook-branch-version-e2e-'));
const ada: TestUser = { name: 'Ada Okafor', email: 'ada@fork.test', password: 'correct horse 1' };
const bo: TestUser = { name: 'Bo Lindqvist', email: 'bo@fork.test', password: 'battery staple 2' };

let server: ServerProcess;
let browser: Browser;
let workspaceId: string;
const problems: string[] = [];

async function signedIn(user: TestUser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  page.on('pageerror', (e) => problems.push(e.message));
  await signInAt(page, server.url, user);
  return page;
}

/** Opens a screen from the workspace navigation and waits for its heading. */
async function screen(page: Page, title: string): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Workspace' })
    .getByRole('link', { name: title })
    .click();
  await page.getByRole('heading', { name: title, level: 1 }).waitFor();
}

beforeAll(async () => {
  const webDir = join(work, 'renderer');
  await buildRenderer(webDir);
  server = await startServerProcess(webDir);
  ({ workspaceId } = await teamWithWorkspace(server.url, 'Crater team', ada, bo, 'contributor'));
  browser = await launchChromium();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.dispose();
  rmSync(work, { recursive: true, force: true });
});

const panel = (page: Page) => page.getByRole('complementary', { name: 'History' });
const timeline = (page: Page) => panel(page).getByRole('list', { name: 'Changes, newest first' });

describe('branching from a version, comparing and retention', () => {
  it('branches from an older version and compares the branch with its source', async () => {
    const a = await signedIn(ada);
    const token = await accessToken(server.url, ada.email, ada.password);
    const as: Signer = {
      server: server.url,
      token,
      userId: await userIdOf(server.url, token),
      workspaceId,
    };
    const sourceId = await listDocument(as, 'annotations', 'Crater survey');
    const anchor = { channels: ['tau'], t: 0, t2: 60_000 };
    let rim = '';
    let floor = '';
    await inSession(
      as,
      sourceId,
      (doc, origin) => {
        createAnnotationCollection(doc, { name: 'Crater survey' }, origin);
        rim = createAnnotation(doc, { kind: 'range', anchor, title: 'Rim' }, origin);
        floor = createAnnotation(doc, { kind: 'range', anchor, title: 'Floor' }, origin);
      },
      (doc) => doc.getMap('annotations').size === 2,
    );
    let ejecta = '';
    await inSession(
      as,
      sourceId,
      (doc, origin) => {
        editAnnotation(doc, { id: rim, title: 'Rim, north' }, origin);
        ejecta = createAnnotation(doc, { kind: 'range', anchor, title: 'Ejecta' }, origin);
      },
      (doc) => doc.getMap('annotations').size === 3,
    );

    await sidebarItem(a, 'Crater survey').click();
    await a.getByRole('button', { name: 'Show history' }).click();
    await expect.poll(() => timeline(a).getByRole('button').count(), { timeout: 15_000 }).toBe(2);
    // The older entry: the collection as the first session left it.
    await timeline(a).getByRole('button').last().click();
    await a.getByRole('button', { name: 'Branch from here' }).click();
    const fork = a.getByRole('dialog', { name: 'Branch from this version' });
    await fork.getByText(/as they were on .+, after Ada Okafor’s change/).waitFor();
    await fork.getByLabel('Branch name').fill('Crater survey, first pass');
    expect(await a11yProblems(a)).toEqual([]);
    await shootAll(a, shots, 'branch-from-version');
    await fork.getByRole('button', { name: 'Create branch' }).click();
    await a.getByText('Branched as “Crater survey, first pass”', { exact: true }).waitFor();

    const list = await fetch(
      `${server.url}/api/v1/workspaces/${workspaceId}/documents/${sourceId}/branches`,
      { headers: { authorization: `Bearer ${token}` } },
    );
    const branchId = ((await list.json()) as { items: { id: string }[] }).items[0]!.id;
    const branch = await fetchDoc(server.url, token, workspaceId, branchId);
    expect(readAnnotation(branch, rim)?.title).toBe('Rim');
    expect(readAnnotation(branch, floor)?.title).toBe('Floor');
    expect(readAnnotation(branch, ejecta)).toBeFalsy();

    await sidebarItem(a, 'Crater survey, first pass').click({ timeout: 15_000 });
    await a.getByRole('button', { name: /^(Show|Hide) history$/ }).waitFor();
    if ((await panel(a).count()) === 0) {
      await a.getByRole('button', { name: 'Show history' }).click();
    }
    await panel(a).getByRole('button', { name: 'Compare with source' }).click();
    const dialog = a.getByRole('dialog', { name: 'Compared with “Crater survey”' });
    const changes = dialog.getByRole('list', { name: 'How the branch differs from its source' });
    await changes.waitFor({ timeout: 15_000 });
    const rimRow = changes.getByRole('listitem').filter({ hasText: /^Rim/ }).first();
    await rimRow.getByText('changed', { exact: true }).waitFor();
    await rimRow.getByText('“Rim, north”').waitFor();
    await rimRow.getByText('“Rim”', { exact: true }).waitFor();
    await changes
      .getByRole('listitem')
      .filter({ hasText: 'Ejecta' })
      .getByText('deleted', { exact: true })
      .waitFor();
    expect(await a11yProblems(a)).toEqual([]);
    await shootAll(a, shots, 'branch-compare');
    await dialog.getByRole('button', { name: 'Close' }).first().click();
    expect(problems).toEqual([]);
  }, 180_000);

  it('lets an admin fold old history after saying what folding does; contributors see no setting', async () => {
    const a = await signedIn(ada);
    await screen(a, 'Settings');
    const card = a.getByRole('region', { name: 'History' });
    await card.getByRole('combobox', { name: 'Keep' }).click();
    await a.getByRole('option', { name: 'Fold older updates into daily points' }).click();
    await card.getByLabel('Older than (days)').fill('30');
    // At the top of the view, so the narrow shots show the whole card too.
    await card.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    expect(await a11yProblems(a)).toEqual([]);
    await shootAll(a, shots, 'retention-setting');
    await card.getByRole('button', { name: 'Save history setting' }).click();
    const ask = a.getByRole('alertdialog', { name: 'Fold history older than 30 days?' });
    await ask.getByText(/Named versions, restores and merges are always kept/).waitFor();
    await shootAll(a, shots, 'retention-confirm');
    await ask.getByRole('button', { name: 'Fold older history' }).click();
    await a
      .getByText('History older than 30 days folds into daily points', { exact: true })
      .waitFor();

    const token = await accessToken(server.url, ada.email, ada.password);
    const read = async () => {
      const res = await fetch(`${server.url}/api/v1/workspaces/${workspaceId}/history-retention`, {
        headers: { authorization: `Bearer ${token}` },
      });
      return ((await res.json()) as { foldAfterDays: number | null }).foldAfterDays;
    };
    expect(await read()).toBe(30);
    await card.getByRole('combobox', { name: 'Keep' }).click();
    await a.getByRole('option', { name: 'Keep everything (default)' }).click();
    await card.getByRole('button', { name: 'Save history setting' }).click();
    await a.getByText('History keeps everything', { exact: true }).waitFor();
    expect(await read()).toBeNull();

    const b = await signedIn(bo);
    await screen(b, 'Settings');
    await b.getByRole('heading', { name: 'Archive' }).waitFor();
    expect(await b.getByRole('region', { name: 'History' }).count()).toBe(0);
    expect(problems).toEqual([]);
  }, 120_000);
});
