import * as Y from 'yjs';

/**
 * Which first-level entries of which root types an update changed, read from
 * a document it has been applied to: root name → keys of that root map (an
 * annotation id under `annotations`, a document id under a workspace index's
 * `documents`). A change to a root's own content (a text root, a list)
 * records the root with no key. Items the document no longer holds are
 * skipped. For whatever reacts per entry to an update (change-feed subscribers
 * on the server, the offline search index in the app).
 */
export function touchedKeys(doc: Y.Doc, update: Uint8Array): Map<string, Set<string>> {
  const touched = new Map<string, Set<string>>();
  /** Notes the struct at `id`; returns how far it reaches past `id`, or 0 when none is held. */
  const note = (id: Y.ID): number => {
    let struct: Y.AbstractStruct;
    try {
      struct = Y.getItem(doc.store, id);
    } catch {
      return 0;
    }
    const length = struct.length - (id.clock - struct.id.clock);
    if (!(struct instanceof Y.Item)) return length;
    let current: Y.Item = struct;
    for (let depth = 0; depth < 1000; depth++) {
      const parent = current.parent;
      if (!(parent instanceof Y.AbstractType)) return length;
      const holder = parent._item;
      if (holder === null) {
        const root = Y.findRootTypeKey(parent);
        let keys = touched.get(root);
        if (!keys) touched.set(root, (keys = new Set()));
        if (current.parentSub !== null) keys.add(current.parentSub);
        return length;
      }
      current = holder;
    }
    return length;
  };
  const { structs, ds } = Y.decodeUpdate(update);
  for (const struct of structs) if (struct instanceof Y.Item) note(struct.id);
  // A deleted range may span items of several entries: each struct in it is traced.
  for (const [client, ranges] of ds.clients) {
    for (const range of ranges) {
      for (let clock = range.clock; clock < range.clock + range.len;) {
        const reach = note(Y.createID(client, clock));
        if (reach === 0) break; // the rest of the range is beyond what the doc holds
        clock += reach;
      }
    }
  }
  return touched;
}
