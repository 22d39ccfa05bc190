// The attachments this device holds, in IndexedDB (the renderer's own store,
// on the desktop and in a browser alike): each file's bytes by content hash,
// whether the server has it yet, so a file attached offline is kept at once
// and uploaded later, and one seen once is there offline.

/** One file the device holds. */
export interface CachedAttachment {
  readonly hash: string;
  readonly blob: Blob;
  readonly name: string;
  readonly mimeType: string;
  /** Whether the server has stored it (false: waiting to upload). */
  readonly uploaded: boolean;
}

const STORE = 'attachments';
const dbs = new Map<string, Promise<IDBDatabase>>();

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

function open(profileId: string): Promise<IDBDatabase> {
  let db = dbs.get(profileId);
  if (!db) {
    const req = indexedDB.open(`fieldbook-attachments-${profileId}`, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE, { keyPath: 'hash' });
    db = request(req);
    dbs.set(profileId, db);
  }
  return db;
}

async function store(profileId: string, mode: IDBTransactionMode): Promise<IDBObjectStore> {
  return (await open(profileId)).transaction(STORE, mode).objectStore(STORE);
}

/** Keeps a file (replacing what was kept under its hash). */
export async function putAttachment(profileId: string, a: CachedAttachment): Promise<void> {
  await request((await store(profileId, 'readwrite')).put(a));
}

/** The kept file with this hash, or null. */
export async function getAttachment(
  profileId: string,
  hash: string,
): Promise<CachedAttachment | null> {
  return ((await request((await store(profileId, 'readonly')).get(hash))) ??
    null) as CachedAttachment | null;
}

/** Files kept here that the server does not have yet. */
export async function pendingAttachments(profileId: string): Promise<CachedAttachment[]> {
  const all = (await request((await store(profileId, 'readonly')).getAll())) as CachedAttachment[];
  return all.filter((a) => !a.uploaded);
}
