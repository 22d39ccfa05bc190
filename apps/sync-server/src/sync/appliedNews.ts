import * as Y from 'yjs';

/**
 * Applies `update` to `doc` as `origin` and returns the update of what that
 * transaction changed (null when it changed nothing). A replica's sync step 2
 * carries its whole delete set, deletions others made long ago included;
 * storing only what is new keeps them out of the log and out of everything
 * that reads it (history, webhooks, search). Yjs encodes the transaction only
 * while a listener waits, so live typing, which goes through `Y.applyUpdate`
 * directly, pays nothing for this.
 */
export function applyReturningNews(doc: Y.Doc, update: Uint8Array, origin: unknown) {
  let news: Uint8Array | null = null;
  const keep = (u: Uint8Array) => (news = news ? Y.mergeUpdates([news, u]) : u);
  doc.on('update', keep);
  try {
    Y.applyUpdate(doc, update, origin);
  } finally {
    doc.off('update', keep);
  }
  return news as Uint8Array | null;
}
