import type { Readable } from 'node:stream';

/** What a write stored: the content hash, its size, and the first bytes (for type sniffing). */
export interface StoredBlob {
  sha256: string;
  size: number;
  /** Up to HEAD_BYTES of the content's beginning. */
  head: Buffer;
}

/** The first bytes a write keeps for sniffing the content type (file-type's recommended sample). */
export const HEAD_BYTES = 4100;

/** Checks a write may make before its bytes are kept; a throw aborts the write and keeps nothing. */
export interface WriteGuard {
  /** Called with the running byte count after each chunk. */
  onProgress?(bytes: number): void;
  /** Called once the whole content is hashed, before it is kept. */
  beforeCommit?(blob: StoredBlob): void | Promise<void>;
}

/**
 * Content-addressed byte storage for attachments: bytes go in as a stream
 * and are kept under their sha256, so the same content is stored once. It
 * knows nothing of tenants or workspaces (the blob index does); callers only
 * ever reach a hash their tenant has a reference to. Implementations: the
 * filesystem under DATA_DIR (fs/), and any other (S3-compatible) store that
 * passes blobStore.contract.ts.
 */
export interface BlobStore {
  /**
   * Streams `content` in, hashing as it goes; the blob becomes readable only
   * once complete and `guard` agreed. A failed or refused write keeps nothing.
   */
  write(
    content: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
    guard?: WriteGuard,
  ): Promise<StoredBlob>;
  /** The blob's bytes as a stream, or null when it is not stored. */
  open(sha256: string): Promise<Readable | null>;
  /** The blob's size, or null when it is not stored. */
  size(sha256: string): Promise<number | null>;
  /** Deletes a blob (no-op when absent). */
  remove(sha256: string): Promise<void>;
  close(): Promise<void>;
}

/** A lower-case hex sha256. */
export const SHA256 = /^[0-9a-f]{64}$/;
