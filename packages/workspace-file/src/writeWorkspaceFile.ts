import Database from 'better-sqlite3';
import { FieldbookError, IdSchema, validationError } from '@fieldbook/shared';
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { z } from 'zod';
import {
  ContentHasher,
  WORKSPACE_FILE_FORMAT_VERSION,
  WORKSPACE_FILE_SCHEMA,
  type FileAttachment,
  type Manifest,
  type ProgressCallback,
} from './format';

/** Where a workspace's content comes from (a desktop store, the server's document store). */
export interface WorkspaceSource {
  /** Ids of the workspace's documents, in any order. */
  documentIds(): Promise<readonly string[]>;
  /** A document's merged Yjs state; null when it is gone. */
  documentState(id: string): Promise<Uint8Array | null>;
  /** Hashes of the workspace's attachments, in any order. */
  attachmentHashes(): Promise<readonly string[]>;
  /** One attachment; null when it is gone. */
  attachment(hash: string): Promise<FileAttachment | null>;
}

const WriteRequestSchema = z.object({
  workspaceId: IdSchema,
  exportedBy: z.string().min(1).max(200),
  path: z.string().min(1),
});

/** What to write, by whom, and where. */
export type WriteRequest = z.infer<typeof WriteRequestSchema> & {
  onProgress?: ProgressCallback;
  now?: () => number;
};

/** Flushes a file (or, on POSIX, a directory entry) to disk. */
function fsync(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Flushes the rename to disk where the platform allows syncing a directory (not Windows). */
function fsyncDirectoryBestEffort(dir: string): void {
  try {
    fsync(dir);
  } catch {
    // Windows cannot open a directory for syncing; the rename is still atomic there.
  }
}

const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Writes a workspace's documents (each one's merged state) and attachments
 * from `source` to a `.fieldbook` file at `path`. The file is built under a
 * temporary name beside the target and renamed into place once complete and
 * synced, so a crash or an error never leaves half a file (an older file at
 * `path` stays as it was). Returns the manifest written.
 */
export async function writeWorkspaceFile(
  source: WorkspaceSource,
  request: WriteRequest,
): Promise<Manifest> {
  const parsed = WriteRequestSchema.safeParse(request);
  if (!parsed.success) throw validationError('export request', parsed.error);
  const { workspaceId, exportedBy, path } = parsed.data;
  const progress = request.onProgress ?? (() => undefined);
  // The checksum and the reader take content in id order (SQLite's binary collation).
  const ids = [...(await source.documentIds())].sort(byCodePoint);
  if (ids.length === 0) {
    throw new FieldbookError(
      'RESOURCE_NOT_FOUND',
      `Workspace ${workspaceId} has no documents here`,
    );
  }
  const hashes = [...(await source.attachmentHashes())].sort(byCodePoint);
  const head: Omit<Manifest, 'sha256'> = {
    format: 'fieldbook-workspace',
    formatVersion: WORKSPACE_FILE_FORMAT_VERSION,
    workspaceId,
    exportedAt: (request.now ?? Date.now)(),
    exportedBy,
    documentCount: ids.length,
    attachmentCount: hashes.length,
  };
  const hasher = new ContentHasher(head);
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.partial`);
  const db = new Database(temp);
  try {
    db.exec(WORKSPACE_FILE_SCHEMA);
    db.exec('BEGIN');
    const putDoc = db.prepare('INSERT INTO documents (id, state) VALUES (?, ?)');
    for (const [i, id] of ids.entries()) {
      const state = await source.documentState(id);
      if (!state) throw new FieldbookError('CONFLICT', `Document ${id} vanished during export`);
      hasher.document({ id, state });
      putDoc.run(id, state);
      progress({ phase: 'documents', done: i + 1, total: ids.length });
    }
    const putAtt = db.prepare('INSERT INTO attachments (hash, mime_type, bytes) VALUES (?, ?, ?)');
    for (const [i, hash] of hashes.entries()) {
      const att = await source.attachment(hash);
      if (!att) throw new FieldbookError('CONFLICT', `Attachment ${hash} vanished during export`);
      hasher.attachment(att);
      putAtt.run(att.hash, att.mimeType, att.bytes);
      progress({ phase: 'attachments', done: i + 1, total: hashes.length });
    }
    const manifest: Manifest = { ...head, sha256: hasher.digest() };
    db.prepare('INSERT INTO manifest (id, json) VALUES (1, ?)').run(JSON.stringify(manifest));
    db.exec('COMMIT');
    db.close();
    fsync(temp);
    renameSync(temp, path);
    fsyncDirectoryBestEffort(dirname(path));
    progress({ phase: 'finishing', done: 1, total: 1 });
    return manifest;
  } catch (err) {
    if (db.open) db.close();
    rmSync(temp, { force: true });
    rmSync(`${temp}-journal`, { force: true });
    throw err;
  }
}
