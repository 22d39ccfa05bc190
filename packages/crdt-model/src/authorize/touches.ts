import * as Y from 'yjs';

/** A shared type as Yjs lists it among a transaction's changes. */
type SharedType = Parameters<Y.Transaction['changed']['get']>[0];

/** How one map entry changed in a transaction, with the value it had before. */
export interface KeyChange {
  action: 'add' | 'update' | 'delete';
  oldValue: unknown;
}

/** One shared type a transaction changed: where it sits and what changed in it. */
export interface Touch {
  /** The root's name, then the map keys down to the changed type: ['annotations', id, 'comments']. */
  path: string[];
  type: SharedType;
  /** Entries changed (added, replaced, deleted); entries added and removed again are left out. */
  keys: Map<string, KeyChange>;
  /** Whether its sequence content (text characters, array items) changed. */
  sequence: boolean;
}

/** Where `type` sits: root name then keys, or null when it hangs below a list or a detached type. */
function pathOf(type: SharedType, roots: Map<unknown, string>): string[] | null {
  const path: string[] = [];
  let t = type;
  while (t._item !== null) {
    const key = t._item.parentSub;
    if (key === null || !(t._item.parent instanceof Y.AbstractType)) return null;
    path.push(key);
    t = t._item.parent as SharedType;
  }
  const root = roots.get(t);
  if (root === undefined) return null;
  path.push(root);
  return path.reverse();
}

/**
 * Every shared type `tr` changed, with its path from the root and the entries
 * that changed (old values included). Types created by the transaction are not
 * listed: they arrive as one added entry of their parent. Call it from an
 * `afterTransaction` handler, while the transaction's changes can still be read.
 */
export function touchesOf(doc: Y.Doc, tr: Y.Transaction): Touch[] {
  const roots = new Map<unknown, string>();
  for (const [name, type] of doc.share) roots.set(type, name);
  const touches: Touch[] = [];
  for (const [type, subs] of tr.changed) {
    const sequence = subs.has(null);
    const keys =
      subs.size > (sequence ? 1 : 0)
        ? new Y.YMapEvent(type as unknown as Y.Map<unknown>, tr, subs).keys
        : new Map<string, KeyChange>();
    if (keys.size === 0 && !sequence) continue;
    // A type inside an array or detached: Fieldbook's schemas have neither, so name it as unknown.
    const path = pathOf(type, roots) ?? ['(unplaced)'];
    touches.push({ path, type, keys, sequence });
  }
  return touches;
}

/**
 * The value under `key` of a map-like type even when the entry was deleted in
 * the running transaction (a deleted comment's author), or undefined.
 */
export function rawGet(type: unknown, key: string): unknown {
  if (!(type instanceof Y.AbstractType)) return undefined;
  const item = type._map.get(key);
  if (!item) return undefined;
  return item.content.getContent().at(-1);
}

/** A short, printable form of a value for refusal messages. */
export function shown(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value instanceof Y.AbstractType) return 'a new structure';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 37)}…` : text;
}
