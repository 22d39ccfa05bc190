import * as Y from 'yjs';

/** What a local copy holds that the server does not, in words a user can copy back. */
export interface Unsaved {
  /** Text added here and not on the server: one paragraph per place it was typed. */
  readonly text: string;
  /** How many removals made here the server does not hold (they come back). */
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
 * after another joined, each place on its own line) and the number of
 * removals of server content. Items added and removed again here are skipped.
 */
export function unsavedChanges(local: Uint8Array, server: Uint8Array): Unsaved {
  // Through a Y.Doc first: content removed again is collected, and rows merge into one state.
  const serverSv = Y.encodeStateVectorFromUpdate(server);
  const { structs, ds } = Y.decodeUpdate(Y.encodeStateAsUpdate(normalized(local), serverSv));
  const serverDs = Y.decodeUpdate(server).ds;
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
  const serverClocks = Y.decodeStateVector(serverSv);
  let removals = 0;
  for (const [client, ranges] of ds.clients) {
    const known = serverClocks.get(client) ?? 0;
    const removedThere = serverDs.clients.get(client) ?? [];
    removals += ranges.filter(
      (r) =>
        r.clock < known &&
        !removedThere.some((s) => s.clock <= r.clock && s.clock + s.len >= r.clock + r.len),
    ).length;
  }
  return { text: paragraphs.join('\n'), removals, changes: items + removals };
}

function normalized(update: Uint8Array): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, update);
  return doc;
}
