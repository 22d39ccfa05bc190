import * as Y from 'yjs';
import { invalidOperation } from '../validate';
import type { YType } from './snapshots';

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

function note(places: ChangedPlaces, item: Y.Item, at: Y.Snapshot): void {
  const parent = item.parent as YType;
  // Inside a type made after `at`: the key holding it deletes it whole.
  const made = parent._item?.id;
  if (made && made.clock >= (at.sv.get(made.client) ?? 0)) return;
  if (item.parentSub !== null) {
    const keys = places.maps.get(parent);
    if (keys) keys.add(item.parentSub);
    else places.maps.set(parent, new Set([item.parentSub]));
  } else if (parent instanceof Y.Text) {
    places.texts.add(parent);
  } else if (parent instanceof Y.Array || parent instanceof Y.XmlFragment) {
    throw invalidOperation('Restoring lists is not supported', { type: parent.constructor.name });
  }
  // Else a root never given a class: it holds deleted content only, nothing to restore.
}

/**
 * The places of `history` (a `gc: false` doc) that changed after `at`: every
 * item inserted since (from each client's clock at `at` on) and every item
 * deleted since (deleted now, some of it visible at `at`). Root types must
 * already have their classes (`getMap` / `getText`).
 */
export function changedSince(history: Y.Doc, at: Y.Snapshot): ChangedPlaces {
  const places: ChangedPlaces = { maps: new Map(), texts: new Set() };
  for (const [client, structs] of history.store.clients) {
    const known = at.sv.get(client) ?? 0;
    const deletedThen: Ranges = at.ds.clients.get(client) ?? [];
    let r = 0;
    const last = structs[structs.length - 1];
    const firstNew =
      !last || last.id.clock + last.length <= known
        ? structs.length
        : Y.findIndexSS(structs, known);
    for (let i = 0; i < structs.length; i++) {
      const struct = structs[i]!;
      if (!(struct instanceof Y.Item)) continue;
      if (i >= firstNew) {
        note(places, struct, at);
      } else if (struct.deleted) {
        // Deleted now: changed unless it was deleted already at `at`.
        r = coveredFrom(deletedThen, r, struct.id.clock, struct.length);
        if (r < 0) r = -r - 1;
        else note(places, struct, at);
      }
    }
  }
  return places;
}
