import * as Y from 'yjs';

/** The root map whose keys are annotation ids (see @fieldbook/crdt-model annotations/structure). */
const ANNOTATIONS_ROOT = 'annotations';

/** What an update touched: annotation ids, and the names of the other top-level parts. */
export interface TouchedParts {
  annotations: string[];
  sections: string[];
}

/** The root key and first-level key above an integrated item. */
function locate(item: Y.Item): { root: string; topKey: string | null } | null {
  let current: Y.Item = item;
  for (let depth = 0; depth < 1000; depth++) {
    const parent = current.parent;
    if (!(parent instanceof Y.AbstractType)) return null;
    const holder = parent._item;
    if (holder === null) return { root: Y.findRootTypeKey(parent), topKey: current.parentSub };
    current = holder;
  }
  return null;
}

/**
 * Which annotations and sections an update changed, read from the document
 * it was applied to: every inserted item and every deleted range is traced
 * up to its root type. Items the document no longer holds are skipped.
 */
export function touchedParts(doc: Y.Doc, update: Uint8Array): TouchedParts {
  const annotations = new Set<string>();
  const sections = new Set<string>();
  const note = (id: Y.ID) => {
    let struct: Y.AbstractStruct;
    try {
      struct = Y.getItem(doc.store, id);
    } catch {
      return;
    }
    if (!(struct instanceof Y.Item)) return;
    const where = locate(struct);
    if (!where) return;
    if (where.root === ANNOTATIONS_ROOT && where.topKey !== null) annotations.add(where.topKey);
    else sections.add(where.root);
  };
  const { structs, ds } = Y.decodeUpdate(update);
  for (const struct of structs) if (struct instanceof Y.Item) note(struct.id);
  for (const [client, ranges] of ds.clients)
    for (const range of ranges) note(Y.createID(client, range.clock));
  return { annotations: [...annotations].sort(), sections: [...sections].sort() };
}
