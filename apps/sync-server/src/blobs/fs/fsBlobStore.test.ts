import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { blobStoreContract } from '../blobStore.contract';
import { openFsBlobStore } from './fsBlobStore';

blobStoreContract('filesystem', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'fb-blobs-'));
  return {
    store: openFsBlobStore(dir),
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
});

it('leaves no temp file behind a refused write', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'fb-blobs-'));
  const store = openFsBlobStore(dir);
  await expect(
    store.write([Buffer.from('x')], { beforeCommit: () => Promise.reject(new Error('no')) }),
  ).rejects.toThrow();
  expect(readdirSync(join(dir, 'tmp'))).toEqual([]);
  rmSync(dir, { recursive: true, force: true });
});
