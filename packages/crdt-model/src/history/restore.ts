import * as Y from 'yjs';
import type { ModelOrigin } from '../origin';
import { stampOf } from '../origin';
import { invalidOperation } from '../validate';
import { textAt } from './snapshotView';
import { changedSince } from './changedSince';
import { mapEntriesAt, mapValueAt, visibleRuns, type YType } from './snapshots';

// Restore as a forward change (AFFiNE's rule: history is never rewritten).
// Today's document is changed, in one transaction, until its content equals
// the history doc at a snapshot. Both documents grew from the same log, so
// items are matched by their Yjs ids: text that was there is kept where it
// is, text added since is deleted, text deleted since is typed back at the
// place it had — which is also why offline edits made before the restore
// still merge with it. Maps are matched key by key.

/** What to restore: the whole document or one entry of a root map (an annotation). */
export interface RestoreInput {
  /** A `gc: false` doc holding the document's log up to at least `at`. */
  history: Y.Doc;
  at: Y.Snapshot;
  /** Only this key of this root map (e.g. `{ root: 'annotations', key: id }`). */
  part?: { root: string; key: string };
  /**
   * The snapshot of `history` as it is, when the caller has it (a stored
   * history entry's end): what was deleted since `at` is then read from the
   * two delete sets rather than from every item (changedSince.ts). Only its
   * clocks are checked against `history` (an update that only deletes moves
   * none), so it must be taken after every update `history` holds.
   */
  now?: Y.Snapshot;
}

type Shape = 'map' | 'text';

/** The shape of a root type, read from its content when it was never given a class. */
function shapeOf(type: YType | undefined): Shape | null {
  if (!type) return null;
  if (type instanceof Y.Map) return 'map';
  if (type instanceof Y.Text) return 'text';
  if (type instanceof Y.Array || type instanceof Y.XmlFragment) {
    throw invalidOperation('Restoring lists is not supported', { type: type.constructor.name });
  }
  if (type._map.size > 0) return 'map';
  for (let item = type._start; item !== null; item = item.right) {
    if (item.content instanceof Y.ContentString || item.content instanceof Y.ContentFormat) {
      return 'text';
    }
    if (!(item.content instanceof Y.ContentDeleted)) {
      throw invalidOperation('Restoring lists is not supported', { root: Y.findRootTypeKey(type) });
    }
  }
  return null;
}

const sameItem = (a: YType, b: YType): boolean =>
  a._item !== null && b._item !== null && Y.compareIDs(a._item.id, b._item.id);

function samePlain(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (a instanceof Uint8Array || b instanceof Uint8Array) {
    return (
      a instanceof Uint8Array &&
      b instanceof Uint8Array &&
      a.length === b.length &&
      a.every((x, i) => x === b[i])
    );
  }
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return (
    ka.length === kb.length &&
    ka.every((k) => samePlain((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
  );
}

/** A new, unintegrated copy of `type` as it was at `at`. */
function copyAt(type: YType, at: Y.Snapshot): YType {
  if (type instanceof Y.Text) return new Y.Text(textAt(type, at));
  if (type instanceof Y.Map) {
    const copy = new Y.Map<unknown>();
    for (const [key, value] of mapEntriesAt(type, at)) {
      copy.set(key, value instanceof Y.AbstractType ? copyAt(value, at) : value);
    }
    return copy;
  }
  throw invalidOperation('Restoring this kind of content is not supported', {
    type: type.constructor.name,
  });
}

/**
 * Whether `key` of `have` holds a plain value that was already its value at
 * `at` (the very item, set before and not replaced by then): nothing to read.
 */
function sameValueThen(have: Y.Map<unknown>, key: string, at: Y.Snapshot): boolean {
  const item = have._map.get(key);
  if (!item || item.deleted || item.content instanceof Y.ContentType) return false;
  const last = Y.createID(item.id.client, item.id.clock + item.length - 1);
  return last.clock < (at.sv.get(last.client) ?? 0) && !Y.isDeleted(at.ds, last);
}

function restoreType(have: YType, want: YType, at: Y.Snapshot): void {
  if (have instanceof Y.Map && want instanceof Y.Map) restoreMap(have, want, at);
  else if (have instanceof Y.Text && want instanceof Y.Text) restoreText(have, want, at);
  else throw invalidOperation('Restoring this kind of content is not supported');
}

/**
 * Sets `key` of `have` back to its value in `want` at `at`. A nested type
 * that is the very one it was then is kept; with `deep` its content is
 * restored too (else the caller restores the places changed inside it).
 */
function restoreKey(
  have: Y.Map<unknown>,
  want: YType,
  key: string,
  at: Y.Snapshot,
  deep: boolean,
): void {
  // A changed place (not deep) rarely still holds its value from then: no need to ask.
  if (deep && sameValueThen(have, key, at)) return;
  const wanted = mapValueAt(want, key, at);
  const current = have.get(key);
  if (wanted === undefined) {
    if (have.has(key)) have.delete(key);
  } else if (wanted instanceof Y.AbstractType) {
    if (
      current instanceof Y.AbstractType &&
      current.constructor === wanted.constructor &&
      sameItem(current, wanted)
    ) {
      if (deep) restoreType(current, wanted, at);
    } else {
      have.set(key, copyAt(wanted, at));
    }
  } else if (!samePlain(current, wanted)) {
    have.set(key, wanted);
  }
}

function restoreMap(have: Y.Map<unknown>, want: YType, at: Y.Snapshot): void {
  // Every key the history ever had: those absent at `at` read as undefined (deleted).
  for (const key of new Set([...have.keys(), ...want._map.keys()])) {
    restoreKey(have, want, key, at, true);
  }
}

/**
 * The text of clocks [clock, clock + length) of `client` in `history`.
 * Formatting marks (not text) give nothing; other content cannot be restored.
 */
function textOf(history: Y.Doc, client: number, clock: number, length: number): string {
  let out = '';
  let at = clock;
  while (at < clock + length) {
    const item = Y.getItem(history.store, Y.createID(client, at));
    const offset = at - item.id.clock;
    const take = Math.min(clock + length - at, item.length - offset);
    if (item instanceof Y.Item && item.content instanceof Y.ContentString) {
      out += item.content.str.slice(offset, offset + take);
    } else if (!(item instanceof Y.Item && item.content instanceof Y.ContentFormat)) {
      throw invalidOperation('Restoring this kind of text content is not supported');
    }
    at += take;
  }
  return out;
}

type TextOp = { index: number; remove: number } | { index: number; insert: string };

function restoreText(have: Y.Text, want: YType, at: Y.Snapshot): void {
  const history = want.doc!;
  const ops: TextOp[] = [];
  let index = 0;
  const remove = (n: number) => {
    const last = ops.at(-1);
    if (last && 'remove' in last && last.index === index) last.remove += n;
    else ops.push({ index, remove: n });
  };
  const insert = (s: string) => {
    const last = ops.at(-1);
    if (last && 'insert' in last && last.index + last.insert.length === index) last.insert += s;
    else ops.push({ index, insert: s });
    index += s.length;
  };
  for (let item = have._start; item !== null; item = item.right) {
    const alive = !item.deleted;
    // Formatting marks take no place; a deleted item's content may be gone (then it counts as text).
    if (alive && !item.countable) continue;
    const { client, clock } = item.id;
    visibleRuns(at, client, clock, item.length, (offset, length, visible) => {
      if (alive && visible) index += length;
      else if (alive) remove(length);
      else if (visible) {
        const text = textOf(history, client, clock + offset, length);
        if (text) insert(text);
      }
    });
  }
  for (const op of ops) {
    if ('remove' in op) have.delete(op.index, op.remove);
    else have.insert(op.index, op.insert);
  }
}

/** Gives `doc`'s root `name` the class its content has (in either document). */
function rootOf(doc: Y.Doc, name: string, shape: Shape): YType {
  return shape === 'map' ? doc.getMap(name) : doc.getText(name);
}

/** Whether `item` was there at `at` (inserted before it, not deleted in it: never if not deleted now). */
function visibleAt(item: Y.Item, at: Y.Snapshot): boolean {
  const known = item.id.clock < (at.sv.get(item.id.client) ?? 0);
  return known && !(item.deleted && Y.isDeleted(at.ds, item.id));
}

/**
 * Today's types for the history doc's, when both are still to be restored in
 * place: there at `at` and not deleted today (else the key holding it in its
 * parent is a changed place, and brings it back whole or deletes it). A map's
 * value is found under its key in today's parent — the one value of a key not
 * deleted — and parents are remembered: no search of the struct store.
 */
function todayFinder(doc: Y.Doc, at: Y.Snapshot): (want: YType) => YType | null {
  const found = new Map<YType, YType | null>();
  const todayOf = (want: YType): YType | null => {
    const held = want._item;
    if (held === null) return doc.share.get(Y.findRootTypeKey(want)) ?? null;
    let today = found.get(want);
    if (today !== undefined) return today;
    let item: Y.Item | Y.GC | undefined;
    if (!visibleAt(held, at)) item = undefined;
    else if (held.parentSub === null) item = Y.getItem(doc.store, held.id);
    else item = todayOf(held.parent as YType)?._map.get(held.parentSub);
    today =
      item instanceof Y.Item &&
      Y.compareIDs(item.id, held.id) &&
      !item.deleted &&
      item.content instanceof Y.ContentType
        ? (item.content.type as YType)
        : null;
    found.set(want, today);
    return today;
  };
  return todayOf;
}

/** Restores only the places of `history` that changed after `at` (roots already typed). */
function restoreChanged(doc: Y.Doc, history: Y.Doc, at: Y.Snapshot, now?: Y.Snapshot): void {
  const places = changedSince(history, at, now);
  const todayOf = todayFinder(doc, at);
  for (const [want, keys] of places.maps) {
    const have = todayOf(want);
    if (have === null) continue;
    if (!(have instanceof Y.Map))
      throw invalidOperation('Restoring this kind of content is not supported');
    for (const key of keys) restoreKey(have, want, key, at, false);
  }
  for (const want of places.texts) {
    const have = todayOf(want);
    if (have === null) continue;
    if (!(have instanceof Y.Text))
      throw invalidOperation('Restoring this kind of content is not supported');
    restoreText(have, want, at);
  }
}

/**
 * Changes `doc` (today's state) so that its content equals `input.history`
 * at `input.at` — the whole document, or one entry of a root map — as one
 * transaction with `origin`. A restore that changes nothing emits no update.
 * The whole document is restored where the history doc changed after `at`
 * (changedSince.ts): a restore costs what changed since, not the size.
 */
export function restoreVersion(doc: Y.Doc, input: RestoreInput, origin: ModelOrigin): void {
  stampOf(origin);
  const { history, at, part } = input;
  const names = part ? [part.root] : new Set([...doc.share.keys(), ...history.share.keys()]);
  const plan: [Shape, string][] = [];
  for (const name of names) {
    const shape = shapeOf(history.share.get(name)) ?? shapeOf(doc.share.get(name));
    if (shape) plan.push([shape, name]);
  }
  doc.transact(() => {
    const roots = plan.map(([shape, name]) => {
      return [shape, rootOf(doc, name, shape), rootOf(history, name, shape)] as const;
    });
    if (part) {
      const [, have, want] = roots[0] ?? [];
      if (have instanceof Y.Map && want) restoreKey(have, want, part.key, at, true);
      return;
    }
    restoreChanged(doc, history, at, input.now);
  }, origin);
}
