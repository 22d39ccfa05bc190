import * as Y from 'yjs';
import type { DocKind } from '@fieldbook/shared';
import { KIND_ROOTS } from './contentRules';
import type { DocChange } from './types';

/** Where a struct lands: the root it hangs under, whether deeper than the root, and its map key. */
interface Place {
  root: string;
  nested: boolean;
  sub: string | null;
}

type Decoded = ReturnType<typeof Y.decodeUpdate>;
type SourceType = Y.AbstractType<unknown>;

/** The root name of `type`, or null for a type not attached to the document. */
function placeOfType(type: SourceType, sub: string | null): Place | null {
  let t = type;
  let nested = false;
  while (t._item !== null) {
    const parent = t._item.parent;
    if (!(parent instanceof Y.AbstractType)) return null;
    t = parent as SourceType;
    nested = true;
  }
  const root = Y.findRootTypeKey(t);
  return root === undefined ? null : { root, nested, sub };
}

/** The struct of `doc` holding `id`, or null when the document does not have it yet. */
function sourceStruct(doc: Y.Doc, id: Y.ID): Y.Item | Y.GC | null {
  if (Y.getState(doc.store, id.client) <= id.clock) return null;
  return Y.getItem(doc.store, id) as Y.Item | Y.GC;
}

/**
 * Places every struct of an update without applying it: a struct names its
 * parent (a root name or a type's id) or, when it sits next to others, only
 * its neighbours — found in the document or earlier in the same update.
 */
class Placer {
  private readonly inUpdate = new Map<number, Y.Item[]>();
  private readonly placed = new Map<Y.Item, Place | null>();

  constructor(
    private readonly doc: Y.Doc,
    items: readonly Y.Item[],
  ) {
    for (const item of items) {
      const list = this.inUpdate.get(item.id.client);
      if (list) list.push(item);
      else this.inUpdate.set(item.id.client, [item]);
    }
  }

  /** The structs of the update by `client`, in clock order. */
  itemsOf(client: number): readonly Y.Item[] {
    return this.inUpdate.get(client) ?? [];
  }

  /** The struct of the update holding `id`, if any (binary search: structs are in clock order). */
  updateItem(id: Y.ID): Y.Item | null {
    const items = this.itemsOf(id.client);
    let lo = 0;
    let hi = items.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const item = items[mid]!;
      if (id.clock < item.id.clock) hi = mid - 1;
      else if (id.clock >= item.id.clock + item.length) lo = mid + 1;
      else return item;
    }
    return null;
  }

  place(item: Y.Item, depth = 0): Place | null {
    if (this.placed.has(item)) return this.placed.get(item)!;
    const found = depth > 64 ? null : this.find(item, depth);
    this.placed.set(item, found);
    return found;
  }

  /** Where the struct holding `id` is (document or update), or null when unknown. */
  placeOfId(id: Y.ID, depth: number): Place | null {
    const own = this.updateItem(id);
    if (own) return this.place(own, depth + 1);
    const struct = sourceStruct(this.doc, id);
    if (!(struct instanceof Y.Item) || !(struct.parent instanceof Y.AbstractType)) return null;
    return placeOfType(struct.parent as SourceType, struct.parentSub);
  }

  private find(item: Y.Item, depth: number): Place | null {
    const parent = item.parent as unknown;
    if (typeof parent === 'string') return { root: parent, nested: false, sub: item.parentSub };
    if (parent instanceof Y.ID) {
      const holder = sourceStruct(this.doc, parent);
      if (!(holder instanceof Y.Item) || !(holder.content instanceof Y.ContentType)) return null;
      const type = placeOfType(holder.content.type as SourceType, null);
      return type && { root: type.root, nested: true, sub: item.parentSub };
    }
    const left = item.origin ? this.placeOfId(item.origin, depth) : undefined;
    const right = item.rightOrigin ? this.placeOfId(item.rightOrigin, depth) : undefined;
    if (left === null || right === null) return null;
    if (left && right && (left.root !== right.root || left.nested !== right.nested)) return null;
    return left ?? right ?? null;
  }
}

/** Larger updates (a sync answer, a paste of formatted text) take the full check. */
const MAX_QUICK_STRUCTS = 1000;

/** Whether `doc` (or the update) holds every deleted clock of `ds`. */
function deletionsKnown(doc: Y.Doc, ds: Decoded['ds'], placer: Placer): boolean {
  for (const [client, ranges] of ds.clients) {
    const state = Y.getState(doc.store, client);
    for (const { clock, len } of ranges) {
      const end = clock + len - 1;
      if (end >= state && !placer.updateItem(new Y.ID(client, end))) return false;
    }
  }
  return true;
}

/** The roots whose live items `ds` deletes in `doc`, or null when one is not a root's sequence item. */
function deletedRoots(doc: Y.Doc, ds: Decoded['ds'], placer: Placer): Set<string> | null {
  const roots = new Set<string>();
  for (const [client, ranges] of ds.clients) {
    const structs = doc.store.clients.get(client) ?? [];
    for (const { clock, len } of ranges) {
      const end = clock + len;
      const state = Y.getState(doc.store, client);
      for (
        let i = clock < state ? Y.findIndexSS(structs, clock) : structs.length;
        i < structs.length;
        i++
      ) {
        const struct = structs[i]!;
        if (struct.id.clock >= end) break;
        if (!(struct instanceof Y.Item) || struct.deleted) continue; // already gone: no change
        const place = placeOfType(struct.parent as SourceType, struct.parentSub);
        if (!place || place.nested || place.sub !== null) return null;
        roots.add(place.root);
      }
      for (const own of placer.itemsOf(client)) {
        if (own.id.clock >= end || own.id.clock + own.length <= Math.max(clock, state)) continue;
        const place = placer.place(own);
        if (!place || place.nested || place.sub !== null) return null;
        roots.add(place.root);
      }
    }
  }
  return roots;
}

/**
 * Reads what an update changes without applying it, for the two common cases
 * that need no rule beyond the matrix: a document that is not a Fieldbook
 * document and stays so (nothing under `meta`: only `sync.write` applies), and
 * text typed or deleted in a note's or view's sequence roots (`body`): one
 * `document.editContent` change per root. Returns those changes, or null
 * when the update needs the full check on a scratch copy (anything else, any
 * struct it cannot place, or content the document does not have yet).
 */
export function quickChanges(
  doc: Y.Doc,
  decoded: Decoded,
  kind: DocKind | null,
): DocChange[] | null {
  if (kind !== null && kind !== 'note' && kind !== 'view') return null;
  if (decoded.structs.length > MAX_QUICK_STRUCTS) return null;
  if (doc.store.pendingStructs !== null || doc.store.pendingDs !== null) return null;
  const items: Y.Item[] = [];
  for (const struct of decoded.structs) {
    if (!(struct instanceof Y.Item)) return null;
    if (struct.content instanceof Y.ContentType || struct.content instanceof Y.ContentDoc)
      return null;
    items.push(struct);
  }
  const placer = new Placer(doc, items);
  if (!deletionsKnown(doc, decoded.ds, placer)) return null;
  const roots = new Set<string>();
  for (const item of items) {
    // Already in the document (a resent update, a sync answer): Yjs skips it.
    if (item.id.clock + item.length <= Y.getState(doc.store, item.id.client)) continue;
    const place = placer.place(item);
    if (!place || place.root === 'meta') return null;
    if (kind !== null && (place.nested || place.sub !== null)) return null;
    roots.add(place.root);
  }
  if (kind === null) return [];
  const deleted = deletedRoots(doc, decoded.ds, placer);
  if (!deleted) return null;
  for (const root of deleted) roots.add(root);
  const changes: DocChange[] = [];
  for (const root of roots) {
    if (root === 'meta' || !KIND_ROOTS[kind].includes(root)) return null;
    changes.push({ what: `the ${kind}'s ${root}`, action: 'document.editContent' });
  }
  return changes;
}
