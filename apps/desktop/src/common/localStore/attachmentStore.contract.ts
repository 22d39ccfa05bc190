// The behaviour every AttachmentStore must show, written once and run against
// each implementation: main's SQLite (in Node) and the renderer's IndexedDB
// (in Chromium, through test/attachmentHarness.ts).
import { isFieldbookError, newId } from '@fieldbook/shared';
import { afterEach, describe, expect, it } from 'vitest';
import type { AttachmentStore, FileToKeep } from './attachmentStore';

/** A fresh empty store, a way to reopen the same storage, and a cleanup. */
export interface AttachmentStoreUnderTest {
  readonly store: AttachmentStore;
  /** Closes the store and opens the same storage again. */
  readonly reopen: () => Promise<AttachmentStore>;
  readonly close: () => Promise<void>;
}

const HELLO_SHA256 = '2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824';

async function codeOf(p: Promise<unknown>): Promise<unknown> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  return isFieldbookError(err) ? err.code : err;
}

/** Registers the contract suite for one implementation. */
export function describeAttachmentStoreContract(
  name: string,
  open: () => Promise<AttachmentStoreUnderTest>,
): void {
  describe(`AttachmentStore contract: ${name}`, () => {
    const cleanups: (() => Promise<void>)[] = [];
    const start = async () => {
      const t = await open();
      cleanups.push(t.close);
      return t;
    };
    afterEach(async () => {
      await Promise.all(cleanups.splice(0).map((c) => c().catch(() => undefined)));
    });

    const workspaceId = newId();
    const file = (text: string, more: Partial<FileToKeep> = {}): FileToKeep => ({
      workspaceId,
      bytes: new TextEncoder().encode(text),
      name: `${text}.txt`,
      mimeType: 'text/plain',
      uploaded: false,
      ...more,
    });

    it('keeps a file under its sha256 with its name, type and size', async () => {
      const { store } = await start();
      const kept = await store.keepFile(file('hello'));
      expect(kept).toEqual({
        hash: HELLO_SHA256,
        name: 'hello.txt',
        mimeType: 'text/plain',
        size: 5,
        uploaded: false,
      });
      expect(await store.keptFile(HELLO_SHA256)).toEqual({
        ...kept,
        bytes: new TextEncoder().encode('hello'),
      });
      expect(await store.keptFile('0'.repeat(64))).toBeNull();
    });

    it('lists what waits for upload until the server has it, and never forgets an upload', async () => {
      const { store } = await start();
      const a = await store.keepFile(file('alpha'));
      const b = await store.keepFile(file('beta', { mimeType: 'image/png', name: 'b.png' }));
      await store.keepFile(file('seen', { uploaded: true }));
      expect(await store.pendingUploads()).toEqual(
        [a, b].sort((x, y) => (x.hash < y.hash ? -1 : 1)),
      );
      await store.markUploaded(a.hash);
      expect(await store.pendingUploads()).toEqual([b]);
      const again = await store.keepFile(file('alpha', { name: 'renamed.txt' }));
      expect(again).toMatchObject({ hash: a.hash, name: 'renamed.txt', uploaded: true });
      expect(await store.pendingUploads()).toEqual([b]);
    });

    it('refuses bad input with coded errors and keeps nothing', async () => {
      const { store } = await start();
      expect(await codeOf(store.keepFile(file('x', { mimeType: 'not a type' })))).toBe(
        'VALIDATION_ERROR',
      );
      expect(await codeOf(store.keepFile(file('x', { name: ' ' })))).toBe('VALIDATION_ERROR');
      expect(await codeOf(store.keepFile(file('x', { workspaceId: 'nope' })))).toBe(
        'VALIDATION_ERROR',
      );
      expect(await codeOf(store.keptFile('not-a-hash'))).toBe('VALIDATION_ERROR');
      expect(await codeOf(store.markUploaded('1'.repeat(64)))).toBe('RESOURCE_NOT_FOUND');
      expect(await store.pendingUploads()).toEqual([]);
    });

    it('keeps files and upload states across a reopen', async () => {
      const { store, reopen } = await start();
      const a = await store.keepFile(file('kept'));
      const b = await store.keepFile(file('sent'));
      await store.markUploaded(b.hash);
      const again = await reopen();
      expect(await again.pendingUploads()).toEqual([a]);
      expect((await again.keptFile(b.hash))?.uploaded).toBe(true);
      expect(new TextDecoder().decode((await again.keptFile(a.hash))!.bytes)).toBe('kept');
    });
  });
}
