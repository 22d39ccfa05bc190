import * as Y from 'yjs';
import { announceReplicaWrite } from '../search/replicaWrites';
import { ACKED_KEY, HISTORY, addHistoryStore, type StoredHistoryRow } from './localHistoryRows';

/**
 * The object stores of y-indexeddb, which wrote these databases before:
 * copies made by earlier versions load unchanged. `updates` holds what
 * loading reads; `custom` the history acknowledgement mark.
 */
const UPDATES = 'updates';
const CUSTOM = 'custom';
/** v1: y-indexeddb's stores; v2: the history rows (localHistoryRows.ts). */
const DB_VERSION = 2;

/** Stored updates above which they are folded into one. */
const COMPACT_AT = 500;

/** How long writes settle before a compaction runs. */
const COMPACT_DELAY_MS = 1000;

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

/** Opens (creating when new) the database a document is kept in. */
export function openDocDb(name: string): Promise<IDBDatabase> {
  const req = indexedDB.open(name, DB_VERSION);
  req.onupgradeneeded = (event) => {
    // By the stores it lacks, not only by version: a version-less open elsewhere (a probe, an
    // older build) can leave a database at version 1 with no store at all.
    const db = req.result;
    if (!db.objectStoreNames.contains(UPDATES))
      db.createObjectStore(UPDATES, { autoIncrement: true });
    if (!db.objectStoreNames.contains(CUSTOM)) db.createObjectStore(CUSTOM);
    if (event.oldVersion < 2) addHistoryStore(req.transaction!, UPDATES);
  };
  return request(req);
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onabort = tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
  });
}

/** A document's stored content as one update (empty when nothing is stored). */
export async function readStoredState(name: string): Promise<Uint8Array> {
  const db = await openDocDb(name);
  try {
    const tx = db.transaction(UPDATES, 'readonly');
    const rows = request(tx.objectStore(UPDATES).getAll() as IDBRequest<Uint8Array[]>);
    tx.commit();
    const updates = await rows;
    return updates.length > 0 ? Y.mergeUpdates(updates) : Y.encodeStateAsUpdate(new Y.Doc());
  } finally {
    db.close();
  }
}

/**
 * Replaces a document's stored rows with `state` in one transaction: used
 * only when the server refused local changes, which must not stay on this
 * device. Every replica of the document must be closed first.
 */
export async function replaceStoredState(name: string, state: Uint8Array): Promise<void> {
  const db = await openDocDb(name);
  try {
    const tx = db.transaction([UPDATES, HISTORY, CUSTOM], 'readwrite');
    const store = tx.objectStore(UPDATES);
    store.clear();
    store.add(state);
    const history = tx.objectStore(HISTORY);
    history.clear();
    const row: StoredHistoryRow = { update: state, ts: Date.now(), actor: null, client: 'server' };
    // The row's key marks it acknowledged, so the commit waits for it: a request made after
    // commit() throws "the transaction has finished".
    history.add(row).onsuccess = (e) => {
      tx.objectStore(CUSTOM).put((e.target as IDBRequest).result, ACKED_KEY);
      tx.commit();
    };
    await done(tx);
    announceReplicaWrite(name);
  } finally {
    db.close();
  }
}

/** Who made an update with this origin (null: unknown) and from which session. */
export type OriginDescriber = (origin: unknown) => { actor: string | null; client: string };

function logFailure(tx: IDBTransaction): void {
  tx.onabort = () => console.error('Saving to IndexedDB failed', tx.error);
}

/**
 * A Y.Doc kept in one IndexedDB database, one row per update. Every update
 * is written, and its transaction committed, inside the doc's update
 * handler. Committing explicitly matters: left to auto-commit, Chromium
 * commits only after this page has handled the write's success event, which
 * waits behind input while keys keep arriving, and a closing tab aborts
 * every write still open (all the keys of a burst, in tests).
 */
export class IndexedDbDocStore {
  /** Resolves once the stored updates are applied to the doc. */
  readonly ready: Promise<void>;
  private db: IDBDatabase | null = null;
  private rows = 0;
  private compactTimer: ReturnType<typeof setTimeout> | null = null;
  private destroyed = false;
  /** The doc's state when it was closed before its database had opened: written once it has. */
  private closedState: Uint8Array | null = null;

  /**
   * `opening` is the document's database when it was opened ahead (see
   * openDocDb); `describe` says who and which session an update's origin is.
   */
  constructor(
    name: string,
    private readonly doc: Y.Doc,
    opening: Promise<IDBDatabase> = openDocDb(name),
    private readonly describe: OriginDescriber = () => ({
      actor: null,
      client: String(doc.clientID),
    }),
  ) {
    doc.on('update', this.onUpdate);
    this.ready = this.load(opening);
  }

  private readonly onUpdate = (update: Uint8Array, origin: unknown): void => {
    if (origin === this || !this.db) return;
    try {
      this.write(update, this.describe(origin));
    } catch (err) {
      // A connection the browser closed (storage cleared) must not break editing.
      console.error('Saving to IndexedDB failed', err);
    }
  };

  private async load(opening: Promise<IDBDatabase>): Promise<void> {
    const db = await opening;
    this.db = db;
    // What the doc got before its database was open; all of it if it was closed meanwhile.
    const early = this.closedState ?? Y.encodeStateAsUpdate(this.doc);
    if (early.byteLength > 2) this.write(early, this.describe(null));
    if (this.destroyed) {
      db.close();
      return;
    }
    const { updates } = await this.readAll();
    if (this.destroyed) return;
    Y.transact(this.doc, () => updates.forEach((u) => Y.applyUpdate(this.doc, u)), this, false);
    this.rows += updates.length;
    if (this.rows >= COMPACT_AT) this.compact();
  }

  private write(update: Uint8Array, by: { actor: string | null; client: string }): void {
    const tx = this.db!.transaction([UPDATES, HISTORY], 'readwrite');
    logFailure(tx);
    tx.objectStore(UPDATES).add(update);
    const row: StoredHistoryRow = { update, ts: Date.now(), ...by };
    tx.objectStore(HISTORY).add(row);
    tx.commit();
    announceReplicaWrite(this.db!.name);
    this.rows += 1;
    if (this.rows >= COMPACT_AT && !this.compactTimer) {
      this.compactTimer = setTimeout(() => {
        this.compactTimer = null;
        this.compact();
      }, COMPACT_DELAY_MS);
    }
  }

  private async readAll(): Promise<{ updates: Uint8Array[]; lastKey: IDBValidKey | null }> {
    const tx = this.db!.transaction(UPDATES, 'readonly');
    const store = tx.objectStore(UPDATES);
    const updates = request(store.getAll() as IDBRequest<Uint8Array[]>);
    const keys = request(store.getAllKeys());
    tx.commit();
    const all = await keys;
    return { updates: await updates, lastKey: all.length > 0 ? all[all.length - 1]! : null };
  }

  /**
   * Folds the stored rows into one: rows read are merged into the doc (another
   * tab may have written some), then its whole state replaces them in one
   * transaction; rows written meanwhile have higher keys and stay.
   */
  private compact(): void {
    void this.readAll()
      .then(({ updates, lastKey }) => {
        const db = this.db;
        if (this.destroyed || !db || lastKey === null) return;
        Y.transact(this.doc, () => updates.forEach((u) => Y.applyUpdate(this.doc, u)), this, false);
        const tx = db.transaction(UPDATES, 'readwrite');
        logFailure(tx);
        const store = tx.objectStore(UPDATES);
        store.add(Y.encodeStateAsUpdate(this.doc));
        store.delete(IDBKeyRange.upperBound(lastKey));
        tx.commit();
        this.rows -= updates.length - 1;
      })
      .catch((err: unknown) => console.error('Compacting IndexedDB failed', err));
  }

  /** The server holds every update stored so far: marks the history rows up to now acknowledged. */
  markAcked(): void {
    const db = this.db;
    if (!db || this.destroyed) return;
    const tx = db.transaction([HISTORY, CUSTOM], 'readwrite');
    logFailure(tx);
    const last = tx.objectStore(HISTORY).openKeyCursor(null, 'prev');
    last.onsuccess = () => {
      if (last.result) tx.objectStore(CUSTOM).put(last.result.key, ACKED_KEY);
    };
  }

  /** Stops writing; the writes already issued, and what the doc holds if never written, still land. */
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.doc.off('update', this.onUpdate);
    if (this.compactTimer) clearTimeout(this.compactTimer);
    if (this.db) this.db.close();
    else this.closedState = Y.encodeStateAsUpdate(this.doc);
  }
}
