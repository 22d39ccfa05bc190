// The `.fieldbook` workspace file: a SQLite file holding a manifest, each
// document's merged Yjs state and the workspace's attachments. The manifest's
// sha256 covers the manifest itself and every byte of content, so a damaged or
// altered file is recognised before anything from it is merged.
import { FieldbookError, IdSchema } from '@fieldbook/shared';
import { createHash } from 'node:crypto';
import { z } from 'zod';

/** `PRAGMA application_id` of a workspace file ("FBWS"). */
export const WORKSPACE_FILE_APP_ID = 0x46425753;
/** The format this app writes, and the newest it reads. */
export const WORKSPACE_FILE_FORMAT_VERSION = 1;
/** File name extension of workspace files. */
export const WORKSPACE_FILE_EXTENSION = '.fieldbook';

/** Tables of a workspace file; written once, never updated in place. */
export const WORKSPACE_FILE_SCHEMA = `
CREATE TABLE manifest (id INTEGER PRIMARY KEY CHECK (id = 1), json TEXT NOT NULL);
CREATE TABLE documents (id TEXT PRIMARY KEY, state BLOB NOT NULL);
CREATE TABLE attachments (hash TEXT PRIMARY KEY, mime_type TEXT NOT NULL, bytes BLOB NOT NULL);
PRAGMA application_id = ${WORKSPACE_FILE_APP_ID};
`;

/** The manifest row as stored (JSON). Checked in two steps: version first, then the rest. */
export const ManifestSchema = z.strictObject({
  format: z.literal('fieldbook-workspace'),
  formatVersion: z.number().int().positive(),
  workspaceId: IdSchema,
  exportedAt: z.number().int().nonnegative(),
  exportedBy: z.string().min(1).max(200),
  documentCount: z.number().int().nonnegative(),
  attachmentCount: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
/** A workspace file's manifest. */
export type Manifest = z.infer<typeof ManifestSchema>;

/** One document of a workspace file. */
export interface FileDocument {
  readonly id: string;
  readonly state: Uint8Array;
}

/** One attachment of a workspace file. */
export interface FileAttachment {
  readonly hash: string;
  readonly mimeType: string;
  readonly bytes: Uint8Array;
}

/** Progress of a long export or import, for a progress bar. */
export interface WorkspaceFileProgress {
  readonly phase: 'documents' | 'attachments' | 'finishing';
  readonly done: number;
  readonly total: number;
}

/** Receives progress; may throw to abort (an aborted export leaves no file). */
export type ProgressCallback = (progress: WorkspaceFileProgress) => void;

/**
 * Incremental sha256 over a workspace file's content in canonical order
 * (documents by id, then attachments by hash), each item framed by its length
 * so no two different contents hash alike.
 */
export class ContentHasher {
  private readonly hash = createHash('sha256');

  constructor(manifest: Omit<Manifest, 'sha256'>) {
    const { format, formatVersion, workspaceId, exportedAt, exportedBy } = manifest;
    const { documentCount, attachmentCount } = manifest;
    const head = [format, formatVersion, workspaceId, exportedAt, exportedBy, documentCount];
    this.hash.update(`${JSON.stringify([...head, attachmentCount])}\n`);
  }

  /** Adds a document; call in id order. */
  document(doc: FileDocument): void {
    this.hash.update(`doc ${doc.id} ${doc.state.byteLength}\n`).update(doc.state);
  }

  /** Adds an attachment; call in hash order, after every document. */
  attachment(att: FileAttachment): void {
    this.hash.update(`att ${att.hash} ${att.mimeType} ${att.bytes.byteLength}\n`).update(att.bytes);
  }

  /** The hex digest. */
  digest(): string {
    return this.hash.digest('hex');
  }
}

/** A WORKSPACE_FILE_INVALID error that starts by naming the file (`name`, as the user knows it). */
export function invalidFile(name: string, reason: string, details?: unknown): FieldbookError {
  return new FieldbookError(
    'WORKSPACE_FILE_INVALID',
    `${name} cannot be imported: ${reason}. Nothing was changed.`,
    details,
  );
}
