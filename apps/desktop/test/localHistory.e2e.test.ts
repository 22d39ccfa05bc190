// The renderer's local history in real Chromium (issue 12 "Offline too"):
// IndexedDB schema v2 keeps every update with its time and actor beside the
// rows loading reads, upgrades a v1 database keeping its content as history
// of unknown time and author, survives compaction, groups entries with the
// server's rule and opens old versions from the local rows alone, as the
// version dialog shows them (the diff to the newest keeps each version's text).
import { newId } from '@fieldbook/shared';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchChromium } from './browser';
import { serveStatic, type StaticServer } from './staticServer';

let dir: string;
let server: StaticServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'fieldbook-local-history-'));
  const { build } = await import('esbuild');
  await build({
    entryPoints: [fileURLToPath(new URL('./localHistoryHarness.page.ts', import.meta.url))],
    bundle: true,
    format: 'iife',
    target: 'es2022',
    outfile: join(dir, 'harness.js'),
  });
  writeFileSync(join(dir, 'index.html'), '<!doctype html><script src="harness.js"></script>');
  server = await serveStatic(dir);
  browser = await launchChromium();
  page = await (await browser.newContext()).newPage();
  await page.goto(server.url);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

const profile = 'p1';
const workspaceId = newId();
const history = (docId: string) =>
  page.evaluate(([p, d]) => window.historyHarness.history(p, d), [profile, docId] as const);
const merged = (docId: string, online: boolean) =>
  page.evaluate(([p, d, o]) => window.historyHarness.merged(p, d, o), [
    profile,
    docId,
    online,
  ] as const);
const edit = (docId: string, actor: string, texts: string[], acked: boolean, settleMs?: number) =>
  page.evaluate(
    ([p, d, w, a, t, k, s]) =>
      window.historyHarness.edit(p, { docId: d, workspaceId: w }, a, t, k, s),
    [profile, docId, workspaceId, actor, texts, acked, settleMs] as const,
  );

it('upgrades a v1 database: its rows become history of unknown author; new edits are local until acknowledged', async () => {
  const docId = newId();
  await page.evaluate(([p, d]) => window.historyHarness.seedV1(p, d, ['one', 'two']), [
    profile,
    docId,
  ] as const);
  expect(await history(docId)).toEqual([
    expect.objectContaining({ actor: '', actorName: 'Unknown author', known: false, text: 'two' }),
  ]);
  expect(
    await page.evaluate(([p, d]) => window.historyHarness.counts(p, d), [profile, docId] as const),
  ).toEqual({ updates: 2, history: 2, version: 2 });

  await edit(docId, 'ann', ['two and three'], false);
  const [mine, old] = await history(docId);
  expect(mine).toMatchObject({ actor: 'ann', known: true, acked: false, text: 'two and three' });
  expect(mine!.inserted).toBeGreaterThan(0);
  expect(old).toMatchObject({ known: false, text: 'two' });
  // Offline every local entry shows; online only the one the server has not acknowledged.
  expect(await merged(docId, false)).toEqual([`local:${mine!.seq - mine!.updates + 1}`, 'local:1']);
  expect(await merged(docId, true)).toEqual([`local:${mine!.seq - mine!.updates + 1}`]);

  await edit(docId, 'ann', ['four'], true);
  expect(await merged(docId, true)).toEqual([]);
  expect((await history(docId))[0]).toMatchObject({ acked: true, text: 'four' });
});

it('keeps every history row across compaction, and each entry opens as it was', async () => {
  const docId = newId();
  const texts = Array.from({ length: 520 }, (_, i) => `line ${i}`);
  await edit(docId, 'bob', texts, false, 1500);
  const counts = await page.evaluate(([p, d]) => window.historyHarness.counts(p, d), [
    profile,
    docId,
  ] as const);
  expect(counts.updates).toBeLessThan(100);
  expect(counts.history).toBe(521);
  const [entry] = await history(docId);
  expect(entry).toMatchObject({ actor: 'bob', updates: 521, text: 'line 519', known: true });
});

it('opens every entry as it was in the version dialog: the diff to the newest shows its text, what came after as inserted', async () => {
  const docId = newId();
  await edit(docId, 'ann', ['Wheels nominal.'], true);
  await edit(docId, 'bob', ['Wheels nominal. Dust storm.'], false);
  await edit(docId, 'ann', ['Wheels nominal, offline. Dust storm.'], false);
  const [newest, middle, oldest] = await page.evaluate(
    ([p, d]) => window.historyHarness.opened(p, d),
    [profile, docId] as const,
  );
  expect(oldest).toEqual({
    replayed: 'Wheels nominal.',
    text: 'Wheels nominal.',
    shown: 'Wheels nominal.',
    inserted: ', offline Dust storm.',
  });
  expect(middle).toEqual({
    replayed: 'Wheels nominal. Dust storm.',
    text: 'Wheels nominal. Dust storm.',
    shown: 'Wheels nominal. Dust storm.',
    inserted: ', offline',
  });
  expect(newest).toMatchObject({ replayed: 'Wheels nominal, offline. Dust storm.', shown: null });
});
