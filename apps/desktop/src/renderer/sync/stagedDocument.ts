import type * as Y from 'yjs';
import type { DocRef } from '../../common/localStore/localDocStore';
import { DocReplica, localDbName, type MainStore } from './docReplica';

/**
 * Writes a new document on this device only: `fill` shapes it, it is stored
 * in the local stores (IndexedDB, and main's SQLite on the desktop) and
 * closed, with no socket opened. Nothing reaches the server or the tree
 * until the workspace index lists it; then background sync sends it.
 */
export async function stageDocument(
  ref: DocRef,
  profileId: string,
  main: MainStore | null,
  fill: (doc: Y.Doc) => void,
): Promise<void> {
  const replica = new DocReplica(ref, profileId, main);
  try {
    fill(replica.doc);
    await replica.ready;
  } finally {
    replica.destroy();
  }
}

/**
 * Drops the local copies of a staged document the index never listed (an
 * import cancelled or failed part way): this window's IndexedDB database and,
 * on the desktop, main's SQLite copy with its outbox entries, so nothing of it
 * is left behind or sent.
 */
export async function discardStagedDocument(
  ref: DocRef,
  profileId: string,
  main: MainStore | null,
): Promise<void> {
  await Promise.all([
    new Promise<void>((resolve) => {
      const req = indexedDB.deleteDatabase(localDbName(profileId, ref.docId));
      req.onsuccess = req.onerror = req.onblocked = () => resolve();
    }),
    main?.remove(ref),
  ]);
}
