import Database from 'better-sqlite3';
import { FieldbookError, isId } from '@fieldbook/shared';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import * as Y from 'yjs';
import {
  ContentHasher,
  invalidFile,
  ManifestSchema,
  WORKSPACE_FILE_APP_ID,
  WORKSPACE_FILE_FORMAT_VERSION,
  type FileAttachment,
  type FileDocument,
  type Manifest,
} from './format';

/** A workspace file's content after every check passed. */
export interface WorkspaceFileContents {
  readonly manifest: Manifest;
  readonly documents: readonly FileDocument[];
  readonly attachments: readonly FileAttachment[];
}

const NOT_OURS = 'it is not a Fieldbook workspace file';
const DAMAGED = 'the file is damaged';

/** True for SQLite's "this is not (or no longer) a database" errors. */
function isCorruptionError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return (
    typeof code === 'string' && (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB')
  );
}

function readManifest(db: Database.Database, name: string): Manifest {
  const tables = new Set(
    (
      db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]
    ).map((t) => t.name),
  );
  if (!['manifest', 'documents', 'attachments'].every((t) => tables.has(t))) {
    throw invalidFile(name, `${DAMAGED} (tables are missing)`);
  }
  const row = db.prepare('SELECT json FROM manifest WHERE id = 1').get() as
    { json: string } | undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(row?.json ?? 'null');
  } catch {
    throw invalidFile(name, `${DAMAGED} (its manifest is not readable)`);
  }
  const version = (raw as { formatVersion?: unknown } | null)?.formatVersion;
  if (typeof version === 'number' && version > WORKSPACE_FILE_FORMAT_VERSION) {
    throw invalidFile(
      name,
      `it was written by a newer Fieldbook (format version ${version}; this app reads up to ${WORKSPACE_FILE_FORMAT_VERSION}). Update Fieldbook to import it`,
    );
  }
  const manifest = ManifestSchema.safeParse(raw);
  if (!manifest.success) {
    throw invalidFile(name, `${DAMAGED} (its manifest is malformed)`, {
      issues: manifest.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`),
    });
  }
  return manifest.data;
}

function readContents(db: Database.Database, name: string): WorkspaceFileContents {
  if (db.pragma('application_id', { simple: true }) !== WORKSPACE_FILE_APP_ID) {
    throw invalidFile(name, NOT_OURS);
  }
  const check = db.pragma('quick_check(1)', { simple: true });
  if (check !== 'ok') throw invalidFile(name, `${DAMAGED} (integrity check failed)`);
  const manifest = readManifest(db, name);
  const documents = (
    db.prepare('SELECT id, state FROM documents ORDER BY id').all() as {
      id: string;
      state: Uint8Array;
    }[]
  ).map((d) => ({ id: d.id, state: new Uint8Array(d.state) }));
  const attachments = (
    db.prepare('SELECT hash, mime_type, bytes FROM attachments ORDER BY hash').all() as {
      hash: string;
      mime_type: string;
      bytes: Uint8Array;
    }[]
  ).map((a) => ({ hash: a.hash, mimeType: a.mime_type, bytes: new Uint8Array(a.bytes) }));
  if (
    documents.length !== manifest.documentCount ||
    attachments.length !== manifest.attachmentCount
  ) {
    throw invalidFile(name, `${DAMAGED} (it holds fewer or more items than its manifest lists)`);
  }
  const { sha256, ...head } = manifest;
  const hasher = new ContentHasher(head);
  documents.forEach((d) => hasher.document(d));
  attachments.forEach((a) => hasher.attachment(a));
  if (hasher.digest() !== sha256) {
    throw invalidFile(name, `${DAMAGED} or was altered (its contents do not match its checksum)`);
  }
  for (const doc of documents) {
    if (!isId(doc.id)) throw invalidFile(name, `${DAMAGED} (a document id is invalid)`);
    try {
      Y.applyUpdate(new Y.Doc(), doc.state);
    } catch {
      throw invalidFile(name, `${DAMAGED} (document ${doc.id} cannot be decoded)`);
    }
  }
  for (const att of attachments) {
    if (createHash('sha256').update(att.bytes).digest('hex') !== att.hash) {
      throw invalidFile(name, `${DAMAGED} (attachment ${att.hash} does not match its hash)`);
    }
  }
  return { manifest, documents, attachments };
}

/**
 * Opens a `.fieldbook` file read-only and checks everything before anything
 * is merged: that it is ours, intact (SQLite integrity, counts, sha256 of the
 * content), of a format version this app reads, and that each document
 * decodes as a Yjs update. Refusals are WORKSPACE_FILE_INVALID with a message
 * for the user, naming the file as `name` (default: its base name); a
 * missing file is RESOURCE_NOT_FOUND.
 */
export function readWorkspaceFile(path: string, name = basename(path)): WorkspaceFileContents {
  if (!existsSync(path)) {
    throw new FieldbookError('RESOURCE_NOT_FOUND', `${name} does not exist`);
  }
  let db: Database.Database | undefined;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
    return readContents(db, name);
  } catch (err) {
    if (err instanceof FieldbookError) throw err;
    if (isCorruptionError(err)) throw invalidFile(name, `${NOT_OURS}, or it is damaged`);
    throw err;
  } finally {
    db?.close();
  }
}
