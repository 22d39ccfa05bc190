import type * as Y from 'yjs';

/**
 * How one applied update landed: it brought nothing new (a resent update, a
 * reconnecting replica's step 2), all of it was integrated, or some of it
 * waits in the document for changes it builds on.
 */
export type Landing = 'nothing-new' | 'complete' | 'waiting';

/** True when some client's clock moved forward between two state vectors. */
function advanced(before: Map<number, number>, after: Map<number, number>): boolean {
  for (const [client, clock] of after) if (clock > (before.get(client) ?? 0)) return true;
  return false;
}

/**
 * Tells how updates applied to one document landed, from the document's own
 * transactions (new structs or deletions) and its pending structures — no
 * second decoding of the update.
 */
export class UpdateLanding {
  /** Set by a transaction that integrated new structs or deletions. */
  private changed = false;

  constructor(private readonly doc: Y.Doc) {
    doc.on('afterTransaction', (tr: Y.Transaction) => {
      this.changed ||= tr.deleteSet.clients.size > 0 || advanced(tr.beforeState, tr.afterState);
    });
  }

  /** Runs `apply` (which applies one update to the document) and says how the update landed. */
  land(apply: () => void): Landing {
    const store = this.doc.store;
    const [structs, deletes] = [store.pendingStructs, store.pendingDs];
    this.changed = false;
    apply();
    const complete = store.pendingStructs === structs && store.pendingDs === deletes;
    if (!complete) return 'waiting';
    return this.changed ? 'complete' : 'nothing-new';
  }
}
