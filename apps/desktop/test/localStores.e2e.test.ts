// The renderer's local stores in real Chromium: the IndexedDB attachment store
// passes the same contract as main's SQLite one, and discarding a staged
// document (a cancelled import) removes it from main's SQLite too, through
// the real IPC handlers (test/desktopBridge.ts).
import { FieldbookError, newId } from '@fieldbook/shared';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import * as Y from 'yjs';
import { describeAttachmentStoreContract } from '../src/common/localStore/attachmentStore.contract';
import type { AttachmentStore } from '../src/common/localStore/attachmentStore';
import { SqliteLocalDocStore } from '../src/node/localStore/sqliteLocalDocStore';
import { launchChromium } from './browser';
import { installDesktopBridge } from './desktopBridge';
import { serveStatic, type StaticServer } from './staticServer';

type Harness = {
  attachments(profileId: string, method: string, args: unknown[]): Promise<unknown>;
  closeAttachments(profileId: string): Promise<void>;
  stage(profileId: string, docId: string, workspaceId: string, text: string): Promise<void>;
  discard(profileId: string, docId: string, workspaceId: string): Promise<void>;
};
declare global {
  interface Window {
    harness: Harness;
  }
}

let dir: string;
let server: StaticServer;
let browser: Browser;
let page: Page;
let store: SqliteLocalDocStore;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'fieldbook-local-stores-'));
  const { build } = await import('esbuild');
  await build({
    entryPoints: [fileURLToPath(new URL('./localStoresHarness.page.ts', import.meta.url))],
    bundle: true,
    format: 'iife',
    target: 'es2022',
    outfile: join(dir, 'harness.js'),
  });
  writeFileSync(join(dir, 'index.html'), '<!doctype html><script src="harness.js"></script>');
  server = await serveStatic(dir);
  browser = await launchChromium();
  store = SqliteLocalDocStore.open(join(dir, 'main.sqlite'));
  const context = await browser.newContext();
  await installDesktopBridge(context, store, { next: null });
  page = await context.newPage();
  await page.goto(server.url);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

const toWire = (v: unknown): unknown =>
  v instanceof Uint8Array
    ? { __bytes: Buffer.from(v).toString('base64') }
    : v && typeof v === 'object'
      ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, toWire(x)]))
      : v;
const fromWire = (v: unknown): unknown => {
  if (Array.isArray(v)) return v.map(fromWire);
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (typeof o.__bytes === 'string') return new Uint8Array(Buffer.from(o.__bytes, 'base64'));
    return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, fromWire(x)]));
  }
  return v;
};

/** The page's IndexedDB attachment store of `profileId`, called from Node. */
function pageStore(profileId: string): AttachmentStore {
  const call = async (method: string, ...args: unknown[]) => {
    const r = (await page.evaluate(([p, m, a]) => window.harness.attachments(p, m, a), [
      profileId,
      method,
      args.map(toWire),
    ] as const)) as { value?: unknown; error?: { code: string; message: string } };
    if (r.error) throw new FieldbookError(r.error.code as 'INTERNAL_ERROR', r.error.message);
    return fromWire(r.value) as never;
  };
  return {
    keepFile: (file) => call('keepFile', file),
    keptFile: (hash) => call('keptFile', hash),
    pendingUploads: () => call('pendingUploads'),
    markUploaded: (hash) => call('markUploaded', hash),
  };
}

describeAttachmentStoreContract('IndexedDB (real Chromium)', async () => {
  const profileId = newId().replace(/-/g, '');
  const close = () => page.evaluate((p) => window.harness.closeAttachments(p), profileId);
  return {
    store: pageStore(profileId),
    reopen: async () => {
      await close();
      return pageStore(profileId);
    },
    close,
  };
});

it('discarding a staged document (a cancelled import) removes it from main too', async () => {
  const [workspaceId, kept, dropped] = [newId(), newId(), newId()] as const;
  const stage = (docId: string, text: string) =>
    page.evaluate(([d, w, t]) => window.harness.stage('local', d, w, t), [
      docId,
      workspaceId,
      text,
    ] as const);
  await stage(kept, 'stays');
  await stage(dropped, 'goes');
  expect((await store.listDocs(workspaceId)).map((d) => d.docId).sort()).toEqual(
    [kept, dropped].sort(),
  );
  await page.evaluate(([d, w]) => window.harness.discard('local', d, w), [
    dropped,
    workspaceId,
  ] as const);
  expect((await store.listDocs(workspaceId)).map((d) => d.docId)).toEqual([kept]);
  expect((await store.pendingOutbox()).map((e) => e.docId)).toEqual([kept]);
  const doc = new Y.Doc();
  Y.applyUpdate(doc, (await store.loadDoc(kept))!.state);
  expect(doc.getText('body').toString()).toBe('stays');
});
