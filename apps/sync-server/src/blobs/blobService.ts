import { FieldbookError } from '@fieldbook/shared';
import type { Readable } from 'node:stream';
import type { BlobIndex, BlobRef } from './blobIndex';
import { SHA256, type BlobStore, type StoredBlob } from './blobStore';
import { sniffMimeType } from './sniff';

/** Size limits of attachments. */
export interface BlobLimits {
  /** Largest single attachment in bytes. */
  maxBlobBytes: number;
  /** Bytes one tenant may store across its workspaces (each distinct blob counted once). */
  tenantQuotaBytes: number;
}

/** Who uploads where. */
export interface BlobTarget {
  tenantId: string;
  workspaceId: string;
  actorId: string;
}

/** What an upload did. */
export interface UploadResult {
  ref: BlobRef;
  /** False when the workspace already had this content. */
  created: boolean;
}

const tooLarge = (limit: number) =>
  new FieldbookError(
    'PAYLOAD_TOO_LARGE',
    `Attachments may be at most ${limit} bytes. Nothing was stored.`,
    { limit },
  );
const overQuota = (quota: number, usage: number) =>
  new FieldbookError(
    'QUOTA_EXCEEDED',
    `This upload would pass your organization's attachment storage of ${quota} bytes (${usage} in use). Nothing was stored.`,
    { quota, usage },
  );

/**
 * Attachments of workspaces: uploads streamed into the BlobStore with the
 * per-file limit and the tenant quota enforced while the bytes arrive, the
 * type sniffed from the bytes, an optional claimed sha256 checked, and the
 * workspace's reference recorded; reads only through a reference of the
 * caller's tenant and workspace.
 */
export class BlobService {
  /** Bytes of uploads in flight per tenant, counted against the quota until they finish. */
  private readonly inFlight = new Map<string, number>();

  constructor(
    readonly store: BlobStore,
    readonly index: BlobIndex,
    readonly limits: BlobLimits,
    private readonly now: () => number = Date.now,
  ) {}

  /** Refuses before reading when the declared length is already over the per-file limit. */
  checkDeclaredLength(length: number | null): void {
    if (length !== null && length > this.limits.maxBlobBytes)
      throw tooLarge(this.limits.maxBlobBytes);
  }

  /** Streams `body` in as an attachment of the target workspace. */
  async upload(
    target: BlobTarget,
    body: AsyncIterable<Uint8Array>,
    claimed?: string,
  ): Promise<UploadResult> {
    if (claimed !== undefined && !SHA256.test(claimed))
      throw new FieldbookError('VALIDATION_ERROR', 'sha256 must be 64 lower-case hex digits');
    const { tenantId } = target;
    const free = claimed !== undefined && (await this.index.tenantHas(tenantId, claimed));
    const usage = await this.index.tenantUsage(tenantId);
    let counted = 0;
    const count = (bytes: number) => {
      this.inFlight.set(tenantId, (this.inFlight.get(tenantId) ?? 0) + bytes - counted);
      counted = bytes;
    };
    try {
      const blob = await this.store.write(body, {
        onProgress: (bytes) => {
          if (bytes > this.limits.maxBlobBytes) throw tooLarge(this.limits.maxBlobBytes);
          const others = (this.inFlight.get(tenantId) ?? 0) - counted;
          if (!free && usage + others + bytes > this.limits.tenantQuotaBytes)
            throw overQuota(this.limits.tenantQuotaBytes, usage);
          count(bytes);
        },
        beforeCommit: async (b: StoredBlob) => {
          if (claimed !== undefined && b.sha256 !== claimed)
            throw new FieldbookError(
              'CONTENT_HASH_MISMATCH',
              'The uploaded bytes do not match the sha256 they were sent with. Nothing was stored.',
              { claimed, actual: b.sha256 },
            );
        },
      });
      return await this.reference(target, blob);
    } finally {
      count(0);
    }
  }

  private async reference(target: BlobTarget, blob: StoredBlob): Promise<UploadResult> {
    const existing = await this.index.find(target.tenantId, target.workspaceId, blob.sha256);
    if (existing) return { ref: existing, created: false };
    const ref: BlobRef = {
      tenantId: target.tenantId,
      workspaceId: target.workspaceId,
      sha256: blob.sha256,
      size: blob.size,
      mimeType: await sniffMimeType(blob.head),
      createdBy: target.actorId,
      createdAt: this.now(),
    };
    return { ref, created: await this.index.add(ref) };
  }

  /** The attachment `sha256` of the workspace and its bytes, or null (unknown here: never another tenant's). */
  async open(
    tenantId: string,
    workspaceId: string,
    sha256: string,
  ): Promise<{ ref: BlobRef; stream: Readable } | null> {
    if (!SHA256.test(sha256)) return null;
    const ref = await this.index.find(tenantId, workspaceId, sha256);
    if (!ref) return null;
    const stream = await this.store.open(sha256);
    return stream ? { ref, stream } : null;
  }
}
