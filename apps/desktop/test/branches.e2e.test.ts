// Branches in the History panel, in Debian's Chromium against the sync server:
// Ada branches a collection, the branch is edited apart (a stock client), she
// previews what merging it back changes and merges; the source holds the
// branch's changes. Bo, a contributor, may branch but not merge. Screenshots
// of the branch dialog and the merge preview go to docs/screenshots/history/.
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
const work = mkdtempSync(join(tmpdir(), 'fieldbook-branches-e2e-'));
const ada: TestUser = { name: 'Ada Okafor', email: 'ada@branch.test', password: 'correct horse 1' };
const bo: TestUser = {
  name: 'Bo Lindqvist',
  email: 'bo@branch.test',
  password: 'battery staple 2',
};

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

beforeAll(async () => {
  const webDir = join(work, 'renderer');
  await buildRenderer(webDir);
  server = await startServerProcess(webDir);
  ({ workspaceId } = await teamWithWorkspace(server.url, 'Rover branches', ada, bo, 'contributor'));
  browser = await launchChromium();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.dispose();
  rmSync(work, { recursive: true, force: true });
});

const panel = (page: Page) => page.getByRole('complementary', { name: 'History' });

describe('branches in the History panel', () => {
  it('branches a collection, previews the merge back and merges it', async () => {
    const a = await signedIn(ada); // the app makes the workspace's index on first open
    const token = await accessToken(server.url, ada.email, ada.password);
    const as: Signer = {
      server: server.url,
      token,
      userId: await userIdOf(server.url, token),
      workspaceId,
    };
    const sourceId = await listDocument(as, 'annotations', 'Dust events');
    let storm = '';
    await inSession(
      as,
      sourceId,
      (doc, origin) => {
        createAnnotationCollection(doc, { name: 'Dust events' }, origin);
        const anchor = { channels: ['tau'], t: 0, t2: 60_000 };
        storm = createAnnotation(doc, { kind: 'range', anchor, title: 'Dust storm' }, origin);
        createAnnotation(doc, { kind: 'range', anchor, title: 'Dune crossing' }, origin);
      },
      (doc) => doc.getMap('annotations').size === 2,
    );

    await sidebarItem(a, 'Dust events').click();
    await a.getByRole('button', { name: 'Show history' }).click();
    await panel(a).getByRole('listitem').first().waitFor({ timeout: 15_000 });
    await panel(a).getByRole('button', { name: 'Branch', exact: true }).click();
    await a.getByLabel('Branch name').fill('Dust events, relabelled');
    await shootAll(a, shots, 'branch');
    await a.getByRole('button', { name: 'Create branch' }).click();
    await a.getByText('Branched as “Dust events, relabelled”', { exact: true }).waitFor();
    await sidebarItem(a, 'Dust events, relabelled').waitFor({ timeout: 15_000 });

    // The branch is a document of its own: edited apart by a stock client.
    const list = await fetch(
      `${server.url}/api/v1/workspaces/${workspaceId}/documents/${sourceId}/branches`,
      { headers: { authorization: `Bearer ${token}` } },
    );
    const branchId = ((await list.json()) as { items: { id: string }[] }).items[0]!.id;
    let added = '';
    await inSession(
      as,
      branchId,
      (doc, origin) => {
        editAnnotation(doc, { id: storm, title: 'Dust storm, category 2' }, origin);
        const anchor = { channels: ['tau'], t: 90_000, t2: 120_000 };
        added = createAnnotation(doc, { kind: 'range', anchor, title: 'Dust devil' }, origin);
      },
      (doc) => doc.getMap('annotations').size === 3,
    );

    await sidebarItem(a, 'Dust events, relabelled').click();
    await a.getByRole('button', { name: /^(Show|Hide) history$/ }).waitFor();
    if ((await panel(a).count()) === 0) {
      await a.getByRole('button', { name: 'Show history' }).click();
    }
    await panel(a).getByText('Branch of “Dust events”').waitFor({ timeout: 15_000 });
    await panel(a).getByRole('button', { name: 'Merge back' }).click();
    const dialog = a.getByRole('dialog', { name: 'Merge back into “Dust events”' });
    const preview = dialog.getByRole('list', { name: 'What the merge changes' });
    await preview
      .getByRole('listitem')
      .filter({ hasText: 'Dust devil' })
      .getByText('added')
      .waitFor();
    await preview
      .getByRole('listitem')
      .filter({ hasText: 'Dust storm, category 2' })
      .getByText('changed')
      .waitFor();
    expect(await a11yProblems(a)).toEqual([]);
    await shootAll(a, shots, 'merge-preview');
    await dialog.getByRole('button', { name: 'Merge back' }).click();
    await a.getByText('Merged into “Dust events”', { exact: true }).waitFor();
    const source = await fetchDoc(server.url, token, workspaceId, sourceId);
    expect(readAnnotation(source, storm)?.title).toBe('Dust storm, category 2');
    expect(readAnnotation(source, added)?.title).toBe('Dust devil');

    // Bo, a contributor, may branch but not merge back.
    const b = await signedIn(bo);
    await sidebarItem(b, 'Dust events, relabelled').click();
    await b.getByRole('button', { name: 'Show history' }).click();
    await panel(b).getByText('Branch of “Dust events”').waitFor({ timeout: 15_000 });
    await panel(b).getByRole('button', { name: 'Branch', exact: true }).waitFor();
    expect(await panel(b).getByRole('button', { name: 'Merge back' }).count()).toBe(0);
    expect(problems).toEqual([]);
  }, 180_000);
});
