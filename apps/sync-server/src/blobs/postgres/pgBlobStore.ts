import { createHash, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { and, asc, eq, gt } from 'drizzle-orm';
import type { Postgres } from '../../postgres/connection';
import { HEAD_BYTES, SHA256, type BlobStore, type StoredBlob, type WriteGuard } from '../blobStore';
import { blobChunks, blobContents } from './schema';

/** Bytes per stored chunk row: large enough for few rows, small enough to stream without holding a blob in memory. */
const CHUNK_BYTES = 1024 * 1024;

/**
 * Blobs as bytea rows in PostgreSQL, readable from every node. A write runs
 * in one transaction: its chunks go in under a fresh upload id while the
 * content streams, and the sha256 → upload row is added last, so a refused or
 * failed write (or a killed node) rolls back and leaves nothing; the same
 * content written twice at once keeps the first commit and drops the other.
 */
export function openPgBlobStore(pg: Postgres): BlobStore {
  const check = (sha: string) => {
    if (!SHA256.test(sha)) throw new Error(`not a sha256: ${sha}`);
  };
  const uploadOf = async (sha: string) =>
    (
      await pg.db
        .select({ uploadId: blobContents.uploadId, size: blobContents.size })
        .from(blobContents)
        .where(eq(blobContents.sha256, sha))
    )[0];

  return {
    async write(content, guard: WriteGuard = {}) {
      return pg.db.transaction(async (tx) => {
        const uploadId = randomUUID();
        const hash = createHash('sha256');
        const heads: Buffer[] = [];
        let headSize = 0;
        let size = 0;
        let seq = 0;
        let pending: Buffer[] = [];
        let pendingBytes = 0;
        const flush = async () => {
          if (pendingBytes === 0) return;
          const data = Buffer.concat(pending);
          pending = [];
          pendingBytes = 0;
          await tx.insert(blobChunks).values({ uploadId, seq: seq++, data });
        };
        for await (const chunk of content) {
          const buf = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
          size += buf.length;
          guard.onProgress?.(size);
          hash.update(buf);
          if (headSize < HEAD_BYTES) {
            heads.push(buf.subarray(0, HEAD_BYTES - headSize));
            headSize += Math.min(buf.length, HEAD_BYTES - headSize);
          }
          for (let off = 0; off < buf.length;) {
            const take = Math.min(buf.length - off, CHUNK_BYTES - pendingBytes);
            pending.push(Buffer.from(buf.subarray(off, off + take)));
            pendingBytes += take;
            off += take;
            if (pendingBytes === CHUNK_BYTES) await flush();
          }
        }
        await flush();
        const blob: StoredBlob = { sha256: hash.digest('hex'), size, head: Buffer.concat(heads) };
        await guard.beforeCommit?.(blob);
        const added = await tx
          .insert(blobContents)
          .values({ sha256: blob.sha256, uploadId, size })
          .onConflictDoNothing()
          .returning({ sha256: blobContents.sha256 });
        // Already stored (by an earlier or a concurrent write): drop this copy's chunks.
        if (added.length === 0)
          await tx.delete(blobChunks).where(eq(blobChunks.uploadId, uploadId));
        return blob;
      });
    },

    async open(sha) {
      check(sha);
      const row = await uploadOf(sha);
      if (!row) return null;
      const { uploadId } = row;
      async function* chunks() {
        for (let seq = -1; ;) {
          const next = await pg.db
            .select({ seq: blobChunks.seq, data: blobChunks.data })
            .from(blobChunks)
            .where(and(eq(blobChunks.uploadId, uploadId), gt(blobChunks.seq, seq)))
            .orderBy(asc(blobChunks.seq))
            .limit(1);
          if (next.length === 0) return;
          seq = next[0]!.seq;
          yield next[0]!.data;
        }
      }
      return Readable.from(chunks());
    },

    async size(sha) {
      check(sha);
      return (await uploadOf(sha))?.size ?? null;
    },

    async remove(sha) {
      check(sha);
      await pg.db.transaction(async (tx) => {
        const gone = await tx
          .delete(blobContents)
          .where(eq(blobContents.sha256, sha))
          .returning({ uploadId: blobContents.uploadId });
        if (gone.length > 0)
          await tx.delete(blobChunks).where(eq(blobChunks.uploadId, gone[0]!.uploadId));
      });
    },

    async close() {},
  };
}
