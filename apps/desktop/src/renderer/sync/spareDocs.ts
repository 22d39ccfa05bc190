import { newId } from '@fieldbook/shared';
import { localDbName } from './docReplica';
import { openDocDb } from './indexedDbDocStore';

/** An id for the next new document, with its IndexedDB database already opening. */
export interface SpareDoc {
  readonly docId: string;
  readonly db: Promise<IDBDatabase>;
}

/**
 * Opening a database waits behind input while keys keep arriving (up to
 * seconds on a busy machine); a new document gets one opened ahead, so what
 * is typed into it is stored at once, even if the tab closes right away.
 * This holds a profile's one spare, and deletes it when no document took it.
 */
export class SpareDocs {
  private spare: SpareDoc | null;
  private readonly discardOnHide = () => this.discard();

  constructor(private readonly profileId: string) {
    this.spare = this.prepare();
    window.addEventListener('pagehide', this.discardOnHide);
  }

  /** Takes the spare (a fresh one if it was discarded) and opens the next one ahead. */
  take(): SpareDoc {
    const spare = this.spare ?? this.prepare();
    this.spare = this.prepare();
    return spare;
  }

  /** Deletes the spare no document took, and stops listening for the tab closing. */
  destroy(): void {
    window.removeEventListener('pagehide', this.discardOnHide);
    this.discard();
  }

  private prepare(): SpareDoc {
    const docId = newId();
    const db = openDocDb(localDbName(this.profileId, docId));
    db.catch(() => undefined); // reported by the replica that takes it, if one does
    return { docId, db };
  }

  /** Deletes the database opened ahead when no document took it (a tab closing may cut this short). */
  private discard(): void {
    const spare = this.spare;
    this.spare = null;
    if (!spare) return;
    const name = localDbName(this.profileId, spare.docId);
    void spare.db
      .then((db) => {
        db.close();
        indexedDB.deleteDatabase(name);
      })
      .catch(() => undefined);
  }
}
