import type { SearchHit } from '@fieldbook/shared';

/** A hit's identity from one run of a search to the next (also its React key). */
export const hitKey = (hit: SearchHit) => `${hit.documentId}/${hit.annotationId}/${hit.commentId}`;

/**
 * Where the palette's choice goes when new `hits` arrive for the same query
 * (writes indexed, a teammate's note synced): the hit chosen before, by key,
 * wherever it now is — else the first. Enter then opens what the user chose.
 */
export function keptChoice(hits: readonly SearchHit[], chosenKey: string | null): number {
  const at = chosenKey === null ? -1 : hits.findIndex((h) => hitKey(h) === chosenKey);
  return Math.max(at, 0);
}
