import * as Y from 'yjs';

// A version of a document is a Y.Snapshot (state vector + delete set) of a
// history doc: a Y.Doc made with `gc: false` from the update log, so every
// item ever inserted keeps its content and place. Reading "as at" a snapshot
// shows exactly what a replica held after the same updates.

/** Any shared type (the event type parameter does not matter to readers). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Yjs types are invariant in their event type
export type YType = Y.AbstractType<any>;

/** A delete set, as Yjs keeps it inside snapshots. */
export type DeleteSet = Y.Snapshot['ds'];

/** A Y.Doc that keeps deleted content, so any earlier state can be read from it. */
export function newHistoryDoc(): Y.Doc {
  return new Y.Doc({ gc: false });
}

/**
 * The snapshot after `updates` were applied on top of the state `base`
 * describes (the empty document when null), without a document.
 */
export function advanceSnapshot(
  base: Y.Snapshot | null,
  updates: Iterable<Uint8Array>,
): Y.Snapshot {
  const sv = new Map(base?.sv ?? []);
  const deletes: DeleteSet[] = base ? [base.ds] : [];
  for (const update of updates) {
    const { structs, ds } = Y.decodeUpdate(update);
    for (const s of structs) {
      if (s instanceof Y.Skip) continue;
      const end = s.id.clock + s.length;
      if (end > (sv.get(s.id.client) ?? 0)) sv.set(s.id.client, end);
    }
    deletes.push(ds);
  }
  return Y.createSnapshot(Y.mergeDeleteSets(deletes), sv);
}

/** Deleted ranges of one client in a delete set, sorted by clock (as Yjs keeps them). */
type Ranges = { clock: number; len: number }[] | undefined;

/** Index of the first of `ranges` (sorted by clock) that ends after `clock`: a binary search. */
export function firstEndingAfter(
  ranges: readonly { clock: number; len: number }[],
  clock: number,
): number {
  let lo = 0;
  let hi = ranges.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const r = ranges[mid]!;
    if (r.clock + r.len <= clock) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Splits the clock range [clock, clock + len) of `client` into runs visible
 * and not visible at `at`, calling `run(offset, length, visible)` in order.
 * Visible: created before the snapshot and not deleted in it.
 */
export function visibleRuns(
  at: Y.Snapshot,
  client: number,
  clock: number,
  len: number,
  run: (offset: number, length: number, visible: boolean) => void,
): void {
  const end = clock + len;
  const known = Math.min(end, at.sv.get(client) ?? 0);
  let pos = clock;
  if (known > pos) {
    const ranges: Ranges = at.ds.clients.get(client);
    let i = ranges ? firstEndingAfter(ranges, pos) : 0;
    while (pos < known) {
      const r = ranges?.[i];
      if (!r || r.clock >= known) {
        run(pos - clock, known - pos, true);
        pos = known;
      } else if (r.clock > pos) {
        run(pos - clock, r.clock - pos, true);
        pos = r.clock;
      } else {
        const stop = Math.min(known, r.clock + r.len);
        run(pos - clock, stop - pos, false);
        pos = stop;
        i++;
      }
    }
  }
  if (pos < end) run(pos - clock, end - pos, false);
}

/**
 * The value of `key` in map `map` at `at` (undefined when unset then).
 * Unlike Y.typeMapGetSnapshot this reads inside merged items: a history doc
 * merges a deleted value with the deleted one that replaced it, so one item
 * can hold a value from before the snapshot and one from after.
 */
export function mapValueAt(map: YType, key: string, at: Y.Snapshot): unknown {
  for (let item = map._map.get(key) ?? null; item !== null; item = item.left) {
    const index = Math.min(item.length, (at.sv.get(item.id.client) ?? 0) - item.id.clock) - 1;
    if (index < 0) continue;
    // Deletions are never undone: an item not deleted now was not deleted then.
    const deleted =
      item.deleted && Y.isDeleted(at.ds, Y.createID(item.id.client, item.id.clock + index));
    if (deleted) return undefined;
    return item.content.getContent()[index];
  }
  return undefined;
}

/** Every key of `map` set at `at`, with its value then. */
export function mapEntriesAt(map: YType, at: Y.Snapshot): [string, unknown][] {
  const out: [string, unknown][] = [];
  for (const key of map._map.keys()) {
    const value = mapValueAt(map, key, at);
    if (value !== undefined) out.push([key, value]);
  }
  return out;
}
