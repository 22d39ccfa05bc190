import * as Y from 'yjs';

/** The object store y-indexeddb (and IndexedDbDocStore) keeps a document's updates in. */
const UPDATES = 'updates';

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

/** IndexedDB database name of a document in a profile (the same as the replicas': see docReplica.ts). */
export const replicaDbName = (profileId: string, docId: string) =>
  `fieldbook/${profileId}/${docId}`;

/**
 * Reads the local replicas of documents read-only, from any context with
 * IndexedDB (the search worker): a database is opened only if it exists, so
 * reading never creates one.
 */
export class ReplicaSource {
  private known: Set<string> | null = null;

  constructor(private readonly profileId: string) {}

  /** Refreshes the list of existing databases (call before reading many new ones). */
  async refresh(): Promise<void> {
    const dbs = await indexedDB.databases();
    this.known = new Set(dbs.flatMap((d) => (d.name ? [d.name] : [])));
  }

  /** The stored updates of a document after `afterKey` (all when null), with the last key; null if it has no replica. */
  async read(
    docId: string,
    afterKey: IDBValidKey | null = null,
  ): Promise<{ updates: Uint8Array[]; lastKey: IDBValidKey | null } | null> {
    const name = replicaDbName(this.profileId, docId);
    if (!this.known?.has(name)) await this.refresh();
    if (!this.known!.has(name)) return null;
    const db = await request(indexedDB.open(name));
    try {
      if (!db.objectStoreNames.contains(UPDATES)) return null;
      const tx = db.transaction(UPDATES, 'readonly');
      const store = tx.objectStore(UPDATES);
      const range = afterKey === null ? undefined : IDBKeyRange.lowerBound(afterKey, true);
      const [updates, keys] = await Promise.all([
        request(store.getAll(range) as IDBRequest<Uint8Array[]>),
        request(store.getAllKeys(range)),
      ]);
      return { updates, lastKey: keys.length ? keys[keys.length - 1]! : afterKey };
    } finally {
      db.close();
    }
  }

  /** A document built from its replica, or null when this profile holds none. */
  async load(docId: string): Promise<Y.Doc | null> {
    const stored = await this.read(docId);
    if (!stored) return null;
    const doc = new Y.Doc();
    Y.transact(doc, () => stored.updates.forEach((u) => Y.applyUpdate(doc, u)));
    return doc;
  }
}
