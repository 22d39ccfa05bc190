import type Database from 'better-sqlite3';
import { FieldbookError, IdSchema } from '@fieldbook/shared';
import { createHash } from 'node:crypto';
import {
  AttachmentHashSchema,
  FileToKeepSchema,
  parseOrThrow,
  type FileToKeep,
  type KeptAttachment,
  type KeptFile,
} from '../../common/localStore/attachmentStore';
import type { StoredAttachment } from '../../common/localStore/localDocStore';
import { plainBytes } from './sqliteOpen';

interface BlobRow {
  hash: string;
  name: string;
  mime_type: string;
  size: number;
  uploaded: number;
}

const META = 'hash, name, mime_type, size, uploaded';

function kept(r: BlobRow): KeptAttachment {
  const { hash, name, mime_type: mimeType, size } = r;
  return { hash, name, mimeType, size, uploaded: r.uploaded === 1 };
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/**
 * The attachments of a profile's SQLite store (schema v2): the content-
 * addressed blobs a workspace file carries, and the metadata and upload
 * state the app keeps files offline with. Synchronous; SqliteLocalDocStore
 * wraps the calls with its error mapping.
 */
export class SqliteAttachments {
  private readonly stmt;

  constructor(private readonly db: Database.Database) {
    const p = (sql: string) => db.prepare(sql);
    this.stmt = {
      putBlob: p(`INSERT INTO attachment_blobs (hash, mime_type, bytes, name, size)
        VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`),
      keepBlob: p(`INSERT INTO attachment_blobs (hash, mime_type, bytes, name, size, uploaded)
        VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (hash) DO UPDATE SET
        name = excluded.name, mime_type = excluded.mime_type,
        uploaded = max(uploaded, excluded.uploaded)`),
      linkBlob: p('INSERT OR IGNORE INTO workspace_attachments (workspace_id, hash) VALUES (?, ?)'),
      meta: p(`SELECT ${META} FROM attachment_blobs WHERE hash = ?`),
      file: p(`SELECT ${META}, bytes FROM attachment_blobs WHERE hash = ?`),
      pending: p(`SELECT ${META} FROM attachment_blobs WHERE uploaded = 0 ORDER BY hash`),
      markUploaded: p('UPDATE attachment_blobs SET uploaded = 1 WHERE hash = ?'),
      blobsOf: p('SELECT hash FROM workspace_attachments WHERE workspace_id = ? ORDER BY hash'),
    };
  }

  /** LocalDocStore.putAttachment: a blob from a workspace file, named by its hash until the app names it. */
  put(workspaceId: string, bytes: Uint8Array, mimeType: string): string {
    const file = parseOrThrow(
      FileToKeepSchema,
      { workspaceId, bytes, mimeType, name: 'file', uploaded: false },
      'attachment',
    );
    const hash = sha256(file.bytes);
    this.db.transaction(() => {
      this.stmt.putBlob.run(hash, file.mimeType, file.bytes, hash, file.bytes.byteLength);
      this.stmt.linkBlob.run(file.workspaceId, hash);
    })();
    return hash;
  }

  /** LocalDocStore.getAttachment. */
  get(hash: string): StoredAttachment | null {
    const row = this.file(hash);
    return row ? { hash: row.hash, mimeType: row.mimeType, bytes: row.bytes } : null;
  }

  /** LocalDocStore.listAttachments. */
  list(workspaceId: string): string[] {
    const id = parseOrThrow(IdSchema, workspaceId, 'workspace id');
    return (this.stmt.blobsOf.all(id) as { hash: string }[]).map((r) => r.hash);
  }

  /** AttachmentStore.keepFile. */
  keep(input: FileToKeep): KeptAttachment {
    const file = parseOrThrow(FileToKeepSchema, input, 'attachment');
    const hash = sha256(file.bytes);
    return this.db.transaction(() => {
      this.stmt.keepBlob.run(
        hash,
        file.mimeType,
        file.bytes,
        file.name,
        file.bytes.byteLength,
        file.uploaded ? 1 : 0,
      );
      this.stmt.linkBlob.run(file.workspaceId, hash);
      return kept(this.stmt.meta.get(hash) as BlobRow);
    })();
  }

  /** AttachmentStore.keptFile. */
  file(hash: string): KeptFile | null {
    const row = this.stmt.file.get(parseOrThrow(AttachmentHashSchema, hash, 'attachment hash')) as
      (BlobRow & { bytes: Uint8Array }) | undefined;
    return row ? { ...kept(row), bytes: plainBytes(row.bytes) } : null;
  }

  /** AttachmentStore.pendingUploads. */
  pending(): KeptAttachment[] {
    return (this.stmt.pending.all() as BlobRow[]).map(kept);
  }

  /** AttachmentStore.markUploaded. */
  markUploaded(hash: string): void {
    const valid = parseOrThrow(AttachmentHashSchema, hash, 'attachment hash');
    if (this.stmt.markUploaded.run(valid).changes === 0) {
      throw new FieldbookError('RESOURCE_NOT_FOUND', 'No file is kept under this hash', { hash });
    }
  }
}
