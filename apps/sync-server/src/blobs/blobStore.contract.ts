import { createHash } from 'node:crypto';
import { text } from 'node:stream/consumers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BlobStore } from './blobStore';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

async function* chunks(total: number, size = 64 * 1024, fill = 7): AsyncGenerator<Uint8Array> {
  for (let sent = 0; sent < total; sent += size)
    yield Buffer.alloc(Math.min(size, total - sent), fill);
}

/** The behaviour every BlobStore must show; run it on each implementation. */
export function blobStoreContract(
  name: string,
  open: () => Promise<{ store: BlobStore; cleanup(): Promise<void> }>,
) {
  describe(`BlobStore contract: ${name}`, () => {
    let store: BlobStore;
    let cleanup: () => Promise<void>;
    beforeEach(async () => ({ store, cleanup } = await open()));
    afterEach(async () => {
      await store.close();
      await cleanup();
    });

    it('stores bytes under their sha256 and streams them back', async () => {
      const bytes = Buffer.from('spectrum,532nm\n');
      const blob = await store.write([bytes]);
      expect(blob).toMatchObject({ sha256: sha(bytes), size: bytes.length });
      expect(blob.head.toString()).toBe('spectrum,532nm\n');
      expect(await text((await store.open(blob.sha256))!)).toBe('spectrum,532nm\n');
      expect(await store.size(blob.sha256)).toBe(bytes.length);
    });

    it('streams large content in chunks, keeping only the head in the result', async () => {
      const total = 3 * 1024 * 1024 + 17;
      const blob = await store.write(chunks(total));
      expect(blob.size).toBe(total);
      expect(blob.head.length).toBe(4100);
      expect(blob.sha256).toBe(sha(Buffer.alloc(total, 7)));
      let read = 0;
      for await (const c of (await store.open(blob.sha256))!) read += (c as Buffer).length;
      expect(read).toBe(total);
    });

    it('keeps nothing when the guard refuses midway or at commit, or the source fails', async () => {
      const refusedMidway = store.write(chunks(1024 * 1024), {
        onProgress: (n) => {
          if (n > 200_000) throw new Error('too large');
        },
      });
      await expect(refusedMidway).rejects.toThrow('too large');
      const bytes = Buffer.from('refused at commit');
      await expect(
        store.write([bytes], {
          beforeCommit: () => {
            throw new Error('hash mismatch');
          },
        }),
      ).rejects.toThrow('hash mismatch');
      expect(await store.open(sha(bytes))).toBeNull();
      async function* failing() {
        yield Buffer.from('half');
        throw new Error('connection reset');
      }
      await expect(store.write(failing())).rejects.toThrow('connection reset');
      expect(await store.size(sha(Buffer.from('half')))).toBeNull();
    });

    it('stores the same content once; unknown hashes are null; remove deletes', async () => {
      const bytes = Buffer.from('same');
      const [a, b] = await Promise.all([store.write([bytes]), store.write([bytes])]);
      expect(a.sha256).toBe(b.sha256);
      expect(await store.open('0'.repeat(64))).toBeNull();
      expect(await store.size('0'.repeat(64))).toBeNull();
      await store.remove(a.sha256);
      expect(await store.open(a.sha256)).toBeNull();
    });
  });
}
