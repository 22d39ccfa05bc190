// The history rows of a document's IndexedDB database (schema v2, issue 12):
// every update the replica stored, with when, by whom and from which session,
// kept apart from the `updates` rows that compaction folds (loading never
// reads these). A mark records how far the server has acknowledged them.

/** The object store of history rows (key: autoincrement, in store order). */
export const HISTORY = 'history';
/** The key in `custom` under which the last history key the server acknowledged is kept. */
export const ACKED_KEY = 'history-acked';

/** One stored history row. `ts`, `actor` null: unknown (rows kept before v2). */
export interface StoredHistoryRow {
  readonly update: Uint8Array;
  readonly ts: number | null;
  readonly actor: string | null;
  /** The session it came from: this device's Yjs client id, `server`, or `unknown`. */
  readonly client: string;
}

/** A history row with its key (the seq of local history). */
export interface LocalHistoryRow extends StoredHistoryRow {
  readonly seq: number;
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

/**
 * Upgrade step v1 → v2, inside the versionchange transaction: creates the
 * history store and keeps every row stored so far as history of unknown
 * time and author.
 */
export function addHistoryStore(tx: IDBTransaction, updatesStore: string): void {
  const history = tx.db.createObjectStore(HISTORY, { autoIncrement: true });
  const cursor = tx.objectStore(updatesStore).openCursor();
  cursor.onsuccess = () => {
    const c = cursor.result;
    if (!c) return;
    const row: StoredHistoryRow = {
      update: c.value as Uint8Array,
      ts: null,
      actor: null,
      client: 'unknown',
    };
    history.add(row);
    c.continue();
  };
}

/** A page of history rows after key `after` (null: from the start), oldest first. */
export async function readHistoryPage(
  db: IDBDatabase,
  after: number | null,
  limit: number,
): Promise<{ rows: LocalHistoryRow[]; acked: number }> {
  const tx = db.transaction([HISTORY, 'custom'], 'readonly');
  const store = tx.objectStore(HISTORY);
  const range = after === null ? undefined : IDBKeyRange.lowerBound(after, true);
  const values = request(store.getAll(range, limit) as IDBRequest<StoredHistoryRow[]>);
  const keys = request(store.getAllKeys(range, limit));
  const acked = request(tx.objectStore('custom').get(ACKED_KEY) as IDBRequest<number | undefined>);
  tx.commit();
  const [v, k, a] = await Promise.all([values, keys, acked]);
  return { rows: v.map((row, i) => ({ ...row, seq: k[i] as number })), acked: a ?? 0 };
}
