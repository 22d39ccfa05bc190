// The attachments a browser holds, in IndexedDB: each file's bytes by content
// hash, its name and type, and whether the server has it yet, so a file
// attached offline is kept at once and uploaded later, and one seen once is
// there offline. The desktop app keeps them in main's SQLite instead
// (bridgeClient.ts); both pass common/localStore/attachmentStore.contract.ts.
import { FieldbookError } from '@fieldbook/shared';
import {
  AttachmentHashSchema,
  FileToKeepSchema,
  parseOrThrow,
  type AttachmentStore,
  type FileToKeep,
  type KeptAttachment,
  type KeptFile,
} from '../../common/localStore/attachmentStore';

/** One row as stored (the shape earlier versions wrote, plus `size`). */
interface Row {
  readonly hash: string;
  readonly blob: Blob;
  readonly name: string;
  readonly mimeType: string;
  readonly uploaded: boolean;
}

const STORE = 'attachments';

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

function kept(row: Row): KeptAttachment {
  const { hash, name, mimeType, uploaded } = row;
  return { hash, name, mimeType, size: row.blob.size, uploaded };
}

async function sha256(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** The IndexedDB attachment store of one profile (one database per profile). */
export class IndexedDbAttachmentStore implements AttachmentStore {
  private db: Promise<IDBDatabase> | null = null;

  constructor(private readonly profileId: string) {}

  private open(): Promise<IDBDatabase> {
    if (!this.db) {
      const req = indexedDB.open(`fieldbook-attachments-${this.profileId}`, 1);
      req.onupgradeneeded = () => req.result.createObjectStore(STORE, { keyPath: 'hash' });
      this.db = request(req);
    }
    return this.db;
  }

  private async store(mode: IDBTransactionMode): Promise<IDBObjectStore> {
    return (await this.open()).transaction(STORE, mode).objectStore(STORE);
  }

  private async row(hash: string): Promise<Row | null> {
    const key = parseOrThrow(AttachmentHashSchema, hash, 'attachment hash');
    return ((await request((await this.store('readonly')).get(key))) ?? null) as Row | null;
  }

  async keepFile(input: FileToKeep): Promise<KeptAttachment> {
    const file = parseOrThrow(FileToKeepSchema, input, 'attachment');
    const hash = await sha256(file.bytes);
    // One transaction: the read of the upload state and the write cannot interleave with another.
    const store = await this.store('readwrite');
    const known = ((await request(store.get(hash))) ?? null) as Row | null;
    const row: Row = {
      hash,
      blob: new Blob([file.bytes as Uint8Array<ArrayBuffer>], { type: file.mimeType }),
      name: file.name,
      mimeType: file.mimeType,
      uploaded: file.uploaded || (known?.uploaded ?? false),
    };
    await request(store.put(row));
    return kept(row);
  }

  async keptFile(hash: string): Promise<KeptFile | null> {
    const row = await this.row(hash);
    return row ? { ...kept(row), bytes: new Uint8Array(await row.blob.arrayBuffer()) } : null;
  }

  async pendingUploads(): Promise<KeptAttachment[]> {
    const all = (await request((await this.store('readonly')).getAll())) as Row[];
    return all.filter((r) => !r.uploaded).map(kept);
  }

  async markUploaded(hash: string): Promise<void> {
    const row = await this.row(hash);
    if (!row) {
      throw new FieldbookError('RESOURCE_NOT_FOUND', 'No file is kept under this hash', { hash });
    }
    if (!row.uploaded)
      await request((await this.store('readwrite')).put({ ...row, uploaded: true }));
  }

  /** Closes the database connection; a later call opens it again. */
  async close(): Promise<void> {
    const db = this.db;
    this.db = null;
    if (db) (await db).close();
  }
}
