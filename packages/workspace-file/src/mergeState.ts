import * as Y from 'yjs';

/**
 * The part of `incoming` that `local` lacks, as Yjs computes it by applying
 * one onto the other; null when the file brings nothing new. Importers append
 * this (a CRDT merge), never a replacement of what is stored.
 */
export function missingPart(local: Uint8Array, incoming: Uint8Array): Uint8Array | null {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, local);
  const changes: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => changes.push(u));
  Y.applyUpdate(doc, incoming);
  if (changes.length === 0) return null;
  return changes.length === 1 ? changes[0]! : Y.mergeUpdates(changes);
}
