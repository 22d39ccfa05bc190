import * as Y from 'yjs';
import type { DeleteSet, YType } from './snapshots';

// What an update did, item by item, located in the document it was applied
// to: every inserted item and every deleted range, with its path from the
// root (map keys, or '#' for a place in a text). The kinds' summaries are
// built from these.

/** One inserted or deleted item of an update, located. */
export interface ItemChange {
  op: 'insert' | 'delete';
  /** Root name, then the map key of each level ('#' inside a text). */
  path: string[];
  /** The items holding each level of `path` below the root (the last is the changed one). */
  holders: Y.Item[];
  /** Where the change starts (inside the last holder, which may hold more). */
  id: Y.ID;
  /** Clocks the change covers (characters, for text). */
  length: number;
  /** Inserted map value or type (the last value for a merged item); undefined for deletes. */
  value?: unknown;
}

/** The path of `item` from its root, with the items holding each level, or null when unreachable. */
export function locate(item: Y.Item): { path: string[]; holders: Y.Item[] } | null {
  const path: string[] = [];
  const holders: Y.Item[] = [];
  let current: Y.Item = item;
  for (let depth = 0; depth < 1000; depth++) {
    path.unshift(current.parentSub ?? '#');
    holders.unshift(current);
    const parent = current.parent;
    if (!(parent instanceof Y.AbstractType)) return null;
    if (parent._item === null) {
      path.unshift(Y.findRootTypeKey(parent));
      return { path, holders };
    }
    current = parent._item;
  }
  return null;
}

function itemAt(doc: Y.Doc, client: number, clock: number): Y.AbstractStruct | null {
  try {
    return Y.getItem(doc.store, Y.createID(client, clock));
  } catch {
    return null;
  }
}

/**
 * The deletions of `update` that `doc` already had — call it before applying
 * the update. A client that reconnects sends its whole delete set, others'
 * deletions included: those are not its changes.
 */
export function deletedAlready(doc: Y.Doc, update: Uint8Array): DeleteSet {
  const out = Y.createDeleteSet();
  for (const [client, ranges] of Y.decodeUpdate(update).ds.clients) {
    const known: { clock: number; len: number }[] = [];
    for (const range of ranges) {
      let clock = range.clock;
      const end = range.clock + range.len;
      while (clock < end) {
        const found = itemAt(doc, client, clock);
        if (!found) break;
        const take = Math.min(end, found.id.clock + found.length) - clock;
        const last = known.at(-1);
        if (found.deleted && last && last.clock + last.len === clock) last.len += take;
        else if (found.deleted) known.push({ clock, len: take });
        clock += take;
      }
    }
    if (known.length) out.clients.set(client, known);
  }
  return out;
}

/**
 * The changes of `update`, read from `doc`, which has applied it (a history
 * doc, `gc: false`, locates deleted items too). Changes inside a type the
 * same update created or deleted are left out: the type's change says it;
 * so are deletions in `already` (see deletedAlready).
 */
export function changesOf(doc: Y.Doc, update: Uint8Array, already?: DeleteSet): ItemChange[] {
  const all: ItemChange[] = [];
  const { structs, ds } = Y.decodeUpdate(update);
  for (const struct of structs) {
    if (!(struct instanceof Y.Item) || struct.content instanceof Y.ContentDeleted) continue;
    const found = itemAt(doc, struct.id.client, struct.id.clock);
    const where = found instanceof Y.Item ? locate(found) : null;
    if (!where) continue;
    const content = struct.content.getContent();
    const value =
      found instanceof Y.Item && found.content instanceof Y.ContentType
        ? found.content.type
        : content[content.length - 1];
    all.push({ op: 'insert', ...where, id: struct.id, length: struct.length, value });
  }
  for (const [client, ranges] of ds.clients) {
    for (const range of ranges) {
      let clock = range.clock;
      const end = range.clock + range.len;
      while (clock < end) {
        const found = itemAt(doc, client, clock);
        if (!found) break;
        const take = Math.min(end, found.id.clock + found.length) - clock;
        const fresh = !already || !Y.isDeleted(already, Y.createID(client, clock));
        const where = fresh && found instanceof Y.Item ? locate(found) : null;
        if (where)
          all.push({ op: 'delete', ...where, id: Y.createID(client, clock), length: take });
        clock += take;
      }
    }
  }
  const containers = new Set(
    all
      .filter((c) => c.holders.at(-1)!.content instanceof Y.ContentType || c.op === 'delete')
      .filter((c) => c.path.at(-1) !== '#')
      .map((c) => c.path.join('\u0000')),
  );
  return all.filter((c) => {
    for (let n = 1; n < c.path.length; n++) {
      if (containers.has(c.path.slice(0, n).join('\u0000'))) return false;
    }
    return true;
  });
}

/** The latest value stored under `key` in a map type, even if deleted since (history docs keep it). */
export function lastValue(map: unknown, key: string): unknown {
  if (!(map instanceof Y.AbstractType)) return undefined;
  const item = map._map.get(key);
  if (!item || item.content instanceof Y.ContentDeleted) return undefined;
  const content = item.content.getContent();
  return content[content.length - 1];
}

/** The type an item holds (a nested map or text), or null. */
export function typeOf(item: Y.Item | undefined): YType | null {
  return item?.content instanceof Y.ContentType ? item.content.type : null;
}
