import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, mkdirSync, rmSync } from 'node:fs';
import { open, rename, rm, stat } from 'node:fs/promises';
import { once } from 'node:events';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { HEAD_BYTES, SHA256, type BlobStore, type StoredBlob, type WriteGuard } from '../blobStore';

/**
 * Blobs as files under `dir`: `<dir>/<aa>/<bb>/<sha256>`, written to
 * `<dir>/tmp/` while streaming in, fsynced, then renamed into place — a
 * reader never sees half a blob, and a crash leaves only a temp file (cleared
 * at the next start).
 */
export function openFsBlobStore(dir: string): BlobStore {
  const tmp = join(dir, 'tmp');
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  const pathOf = (sha: string) => join(dir, sha.slice(0, 2), sha.slice(2, 4), sha);
  const check = (sha: string) => {
    if (!SHA256.test(sha)) throw new Error(`not a sha256: ${sha}`);
  };

  return {
    async write(content, guard: WriteGuard = {}) {
      mkdirSync(tmp, { recursive: true });
      const temp = join(tmp, `${randomBytes(8).toString('hex')}.part`);
      const out = createWriteStream(temp);
      const hash = createHash('sha256');
      const heads: Buffer[] = [];
      let headSize = 0;
      let size = 0;
      try {
        for await (const chunk of content) {
          const buf = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
          size += buf.length;
          guard.onProgress?.(size);
          hash.update(buf);
          if (headSize < HEAD_BYTES) {
            heads.push(buf.subarray(0, HEAD_BYTES - headSize));
            headSize += Math.min(buf.length, HEAD_BYTES - headSize);
          }
          if (!out.write(buf)) await once(out, 'drain');
        }
        out.end();
        await once(out, 'finish');
        const blob: StoredBlob = { sha256: hash.digest('hex'), size, head: Buffer.concat(heads) };
        await guard.beforeCommit?.(blob);
        const fd = await open(temp, 'r');
        await fd.sync();
        await fd.close();
        const target = pathOf(blob.sha256);
        mkdirSync(join(target, '..'), { recursive: true });
        await rename(temp, target);
        return blob;
      } catch (err) {
        out.destroy();
        await rm(temp, { force: true });
        throw err;
      }
    },

    async open(sha) {
      check(sha);
      const path = pathOf(sha);
      try {
        await stat(path);
      } catch {
        return null;
      }
      return createReadStream(path) as Readable;
    },

    async size(sha) {
      check(sha);
      try {
        return (await stat(pathOf(sha))).size;
      } catch {
        return null;
      }
    },

    async remove(sha) {
      check(sha);
      await rm(pathOf(sha), { force: true });
    },

    async close() {},
  };
}
