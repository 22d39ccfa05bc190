import * as Y from 'yjs';

/** What a change made on the server's account did to a document. */
export interface RecordedChange {
  /** The updates its transactions produced, oldest first. */
  updates: Uint8Array[];
  /** What each transaction deleted, for the garbage collection that follows. */
  deleted: Y.Transaction['deleteSet'][];
  /** What `change` threw, if it did (what it did before that is still recorded). */
  failure: unknown;
}

/**
 * Runs `change` on `doc` and records the updates it produced. A restore can
 * delete thousands of annotations, and Yjs garbage-collecting every item of
 * their history costs more than the change itself, so collection is held off
 * here: deleted items keep their content until `collectAfter`.
 */
export function recordChange(doc: Y.Doc, change: (doc: Y.Doc) => void): RecordedChange {
  const recorded: RecordedChange = { updates: [], deleted: [], failure: null };
  const record = (update: Uint8Array, _origin: unknown, _doc: Y.Doc, tr: Y.Transaction) => {
    recorded.updates.push(update);
    recorded.deleted.push(tr.deleteSet);
  };
  doc.on('update', record);
  const gc = doc.gc;
  doc.gc = false;
  try {
    change(doc);
  } catch (error) {
    recorded.failure = error;
  } finally {
    doc.off('update', record);
    doc.gc = gc;
  }
  return recorded;
}

/**
 * Garbage-collects what `deleted` covers once `settled` has settled (the
 * change is durable and answered), if `open()` says the document is still in use.
 */
export function collectAfter(
  doc: Y.Doc,
  deleted: Y.Transaction['deleteSet'][],
  settled: Promise<unknown>,
  open: () => boolean,
): void {
  const collect = () =>
    setTimeout(() => {
      if (open()) Y.tryGc(Y.mergeDeleteSets(deleted), doc.store, doc.gcFilter);
    }).unref();
  void settled.then(collect, collect);
}
