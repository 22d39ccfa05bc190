import * as Y from 'yjs';

/** What a local copy holds that the server does not, in words a user can copy back. */
export interface Unsaved {
  /** Text added here and not on the server: one paragraph per place it was typed. */
  readonly text: string;
  /** How many removals of text made here the server does not hold (the text comes back). */
  readonly removals: number;
  /** Everything the server lacks, text or not (0: the copies hold the same). */
  readonly changes: number;
}

function isItem(s: unknown): s is Y.Item {
  return s instanceof Y.Item;
}

/** Strings an item carries: typed text, or string values set in a map (titles, tags). */
function stringsOf(item: Y.Item): { text: string; typed: boolean } | null {
  const content = item.content;
  if (content instanceof Y.ContentString) return { text: content.str, typed: true };
  if (content instanceof Y.ContentAny) {
    const text = content.arr.filter((v): v is string => typeof v === 'string').join(' ');
    return text ? { text, typed: false } : null;
  }
  return null;
}

/**
 * Compares a local copy with the server's state and lists what only the
 * local copy holds: the text of the items the server lacks (runs typed one
 * after another joined, each place on its own line), the number of removals
 * of server text, and a count of every change of any kind. Items added and
 * removed again here are skipped.
 */
export function unsavedChanges(local: Uint8Array, server: Uint8Array): Unsaved {
  // Through a Y.Doc first: content removed again is collected, and rows merge into one state.
  const serverSv = Y.encodeStateVectorFromUpdate(server);
  const { structs, ds } = Y.decodeUpdate(Y.encodeStateAsUpdate(normalized(local), serverSv));
  const serverDs = Y.decodeUpdate(server).ds;
  const serverClocks = Y.decodeStateVector(serverSv);
  const paragraphs: string[] = [];
  let last: Y.Item | null = null;
  let items = 0;
  for (const struct of structs) {
    if (!isItem(struct)) continue;
    items += 1;
    const found = stringsOf(struct);
    if (!found) continue;
    const follows =
      found.typed &&
      last !== null &&
      struct.origin !== null &&
      struct.origin.client === last.id.client &&
      struct.origin.clock === last.id.clock + last.length - 1;
    if (follows) paragraphs[paragraphs.length - 1] += found.text;
    else paragraphs.push(found.text);
    last = found.typed ? struct : null;
  }
  // Removals the server lacks: all count as changes; those of text are named for the user
  // (a map value replaced, e.g. a timestamp, is bookkeeping, not something they wrote).
  const serverDoc = normalized(server);
  let removals = 0;
  let otherRemovals = 0;
  for (const [client, ranges] of ds.clients) {
    const removedThere = serverDs.clients.get(client) ?? [];
    for (const r of ranges) {
      const known = r.clock < (serverClocks.get(client) ?? 0);
      const covered = removedThere.some(
        (s) => s.clock <= r.clock && s.clock + s.len >= r.clock + r.len,
      );
      if (!known || covered) continue;
      const item = Y.getItem(serverDoc.store, Y.createID(client, r.clock));
      if (item instanceof Y.Item && item.content instanceof Y.ContentString) removals += 1;
      else otherRemovals += 1;
    }
  }
  return { text: paragraphs.join('\n'), removals, changes: items + removals + otherRemovals };
}

function normalized(update: Uint8Array): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, update);
  return doc;
}
