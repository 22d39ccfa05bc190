import * as Y from 'yjs';
import { invalidOperation } from '../validate';
import { firstEndingAfter, type YType } from './snapshots';

// Where a history doc changed after a snapshot: the map keys and the texts
// holding an item inserted after it, or deleted after it. A key or a text
// none of whose items changed reads the same at the snapshot as today, so a
// restore looks at these places only — it costs what changed since, not the
// document's size. (Changes inside a nested type are places of their own.)

/** The places of a history doc that changed after a snapshot. */
export interface ChangedPlaces {
  /** Map → its keys whose chain of values changed. */
  maps: Map<YType, Set<string>>;
  /** Texts (sequences) with an item inserted or deleted. */
  texts: Set<YType>;
}

/** Deleted ranges of one client (sorted, merged, as snapshots keep them). */
type Ranges = readonly { clock: number; len: number }[];

/**
 * Whether `ranges` delete every clock of [clock, clock + len); `from` is an
 * index of `ranges` no later than the answer's (clocks are asked in order).
 * Answers the index to start from next time (negated when covered).
 */
function coveredFrom(ranges: Ranges, from: number, clock: number, len: number): number {
  let i = from;
  while (i < ranges.length && ranges[i]!.clock + ranges[i]!.len <= clock) i++;
  const r = ranges[i];
  return r !== undefined && r.clock <= clock && r.clock + r.len >= clock + len ? -i - 1 : i;
}

/**
 * Whether changes inside `type` are left to the key holding it: `type` was
 * made after `at` (that key deletes it whole), or is deleted (today too, as
 * today holds at least the history doc's log: that key brings it back whole,
 * or it stays deleted).
 */
function heldWhole(type: YType, at: Y.Snapshot): boolean {
  const holder = type._item;
  return (
    holder !== null && (holder.deleted || holder.id.clock >= (at.sv.get(holder.id.client) ?? 0))
  );
}

/**
 * Notes changed items into `places`. Items of one update mostly share their
 * parent, so what was found for the last parent is kept, not looked up again.
 */
function noter(places: ChangedPlaces, at: Y.Snapshot): (item: Y.Item) => void {
  let parent: YType | null = null;
  let skip = false;
  let keys: Set<string> | undefined;
  return (item) => {
    const type = item.parent as YType;
    if (type !== parent) {
      parent = type;
      skip = heldWhole(type, at);
      keys = undefined;
    }
    if (skip) return;
    if (item.parentSub !== null) {
      keys ??= places.maps.get(type);
      if (!keys) places.maps.set(type, (keys = new Set()));
      keys.add(item.parentSub);
    } else if (type instanceof Y.Text) {
      places.texts.add(type);
    } else if (type instanceof Y.Array || type instanceof Y.XmlFragment) {
      throw invalidOperation('Restoring lists is not supported', { type: type.constructor.name });
    }
    // Else a root never given a class: it holds deleted content only, nothing to restore.
  };
}

/** Notes every item of `structs` with a clock in [from, to). */
function noteRange(
  note: (item: Y.Item) => void,
  structs: (Y.Item | Y.GC)[],
  from: number,
  to: number,
): void {
  for (let i = Y.findIndexSS(structs, from); i < structs.length && structs[i]!.id.clock < to; i++) {
    const struct = structs[i]!;
    if (struct instanceof Y.Item) note(struct);
  }
}

/** Whether `now` is the snapshot of `history` as it is (same clocks of every client). */
function isNow(history: Y.Doc, now: Y.Snapshot): boolean {
  if (now.sv.size !== history.store.clients.size) return false;
  for (const [client, structs] of history.store.clients) {
    const last = structs[structs.length - 1];
    if (!last || now.sv.get(client) !== last.id.clock + last.length) return false;
  }
  return true;
}

/**
 * The places of `history` (a `gc: false` doc) that changed after `at`: every
 * item inserted since (from each client's clock at `at` on) and every item
 * deleted since. Those are found by comparing `now` — the snapshot of
 * `history` as it is, when the caller has it — with `at` (delete sets are
 * far smaller than the doc), else by looking at every item (deleted now,
 * not yet at `at`). Root types must already have their classes.
 */
export function changedSince(history: Y.Doc, at: Y.Snapshot, now?: Y.Snapshot): ChangedPlaces {
  const places: ChangedPlaces = { maps: new Map(), texts: new Set() };
  const note = noter(places, at);
  const byDeleteSets = now !== undefined && isNow(history, now);
  for (const [client, structs] of history.store.clients) {
    const known = at.sv.get(client) ?? 0;
    const deletedThen: Ranges = at.ds.clients.get(client) ?? [];
    const last = structs[structs.length - 1];
    const firstNew =
      !last || last.id.clock + last.length <= known
        ? structs.length
        : Y.findIndexSS(structs, known);
    for (let i = firstNew; i < structs.length; i++) {
      const struct = structs[i]!;
      if (struct instanceof Y.Item) note(struct);
    }
    if (byDeleteSets) {
      for (const range of now.ds.clients.get(client) ?? []) {
        // The part of the range before `known` (the rest is new) not deleted at `at` yet.
        const end = Math.min(range.clock + range.len, known);
        let pos = range.clock;
        let t = firstEndingAfter(deletedThen, pos);
        while (pos < end) {
          const then = deletedThen[t];
          if (then && then.clock <= pos) {
            pos = then.clock + then.len;
            t++;
            continue;
          }
          const stop = then ? Math.min(end, then.clock) : end;
          noteRange(note, structs, pos, stop);
          pos = stop;
        }
      }
      continue;
    }
    let r = 0;
    for (let i = 0; i < firstNew; i++) {
      const struct = structs[i]!;
      if (!(struct instanceof Y.Item) || !struct.deleted) continue;
      // Deleted now: changed unless it was deleted already at `at`.
      r = coveredFrom(deletedThen, r, struct.id.clock, struct.length);
      if (r < 0) r = -r - 1;
      else note(struct);
    }
  }
  return places;
}
