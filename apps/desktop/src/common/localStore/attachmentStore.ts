/**
 * The attachments a device keeps, so a file attached offline is there at once
 * and uploaded later, and one seen once opens offline (issue 16). The browser
 * keeps them in IndexedDB (renderer/files/attachmentCache.ts); the desktop app
 * in main's SQLite (node/localStore/sqliteAttachments.ts), reached over IPC.
 * Both pass `attachmentStore.contract.ts`.
 */
import { IdSchema, validationError } from '@fieldbook/shared';
import { z } from 'zod';

/** What the device knows of a kept file; `hash` is the sha256 (hex) of its bytes. */
export interface KeptAttachment {
  readonly hash: string;
  readonly name: string;
  readonly mimeType: string;
  readonly size: number;
  /** Whether the server has it (false: waiting to upload). */
  readonly uploaded: boolean;
}

/** A kept file with its bytes. */
export interface KeptFile extends KeptAttachment {
  readonly bytes: Uint8Array;
}

/** A file to keep. */
export interface FileToKeep {
  readonly workspaceId: string;
  readonly bytes: Uint8Array;
  readonly name: string;
  readonly mimeType: string;
  /** True for a file that came from the server (downloaded), false for one attached here. */
  readonly uploaded: boolean;
}

/** The largest file a device keeps (the server refuses bigger uploads anyway). */
export const MAX_KEPT_FILE_BYTES = 512 * 1024 * 1024;

/** A file's metadata as both stores check it (bytes are checked by type and size only). */
export const FileToKeepSchema = z.strictObject({
  workspaceId: IdSchema,
  bytes: z
    .custom<Uint8Array>((b) => b instanceof Uint8Array, 'bytes')
    .refine((b) => b.byteLength <= MAX_KEPT_FILE_BYTES, 'a file of at most 512 MiB'),
  name: z.string().trim().min(1).max(255),
  mimeType: z
    .string()
    .max(255)
    .regex(/^[\w.+-]+\/[\w.+-]+$/, 'expected a MIME type'),
  uploaded: z.boolean(),
});

/** A sha256 hex digest, as attachments are named. */
export const AttachmentHashSchema = z.string().regex(/^[0-9a-f]{64}$/, 'a sha256 hex digest');

/** Parses `value` with `schema`, or throws VALIDATION_ERROR naming `what`. */
export function parseOrThrow<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw validationError(what, parsed.error);
  return parsed.data;
}

/** The attachment store of one profile. */
export interface AttachmentStore {
  /**
   * Keeps a file under the sha256 of its bytes and returns what is kept.
   * Keeping known bytes again updates name and type but never clears
   * `uploaded`: once the server has a file it keeps having it.
   */
  keepFile(file: FileToKeep): Promise<KeptAttachment>;
  /** The kept file with this hash, or null. */
  keptFile(hash: string): Promise<KeptFile | null>;
  /** Kept files the server does not have yet, ordered by hash. */
  pendingUploads(): Promise<KeptAttachment[]>;
  /** Records that the server has the file; RESOURCE_NOT_FOUND when none is kept under `hash`. */
  markUploaded(hash: string): Promise<void>;
}
