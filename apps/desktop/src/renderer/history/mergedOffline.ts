import type { HistoryEntry } from '@fieldbook/shared';

// What "Merged offline changes" says after a reconnect: the history entries
// logged since the app went offline — what others did meanwhile and what this
// device brought back — counted per person.

/** One person's part of a merge: their updates, newest entry first. */
export interface MergedPart {
  actor: string;
  name: string;
  updates: number;
}

/** What was merged: each person's part (you first) and the oldest entry's end, to open the history at. */
export interface MergedChanges {
  parts: MergedPart[];
  total: number;
  fromSeq: number;
}

/**
 * The entries of `entries` (newest first) that ended after `since`, counted
 * per person; null when nothing was logged since. `me` comes first.
 */
export function mergedSince(
  entries: readonly HistoryEntry[],
  since: number,
  me: string,
  nameOf: (actor: string) => string,
): MergedChanges | null {
  const after = entries.filter((e) => e.endedAt >= since);
  if (after.length === 0) return null;
  const parts = new Map<string, MergedPart>();
  for (const e of after) {
    const part = parts.get(e.actor) ?? { actor: e.actor, name: nameOf(e.actor), updates: 0 };
    part.updates += e.updates;
    parts.set(e.actor, part);
  }
  const ordered = [...parts.values()].sort(
    (a, b) => Number(b.actor === me) - Number(a.actor === me) || b.updates - a.updates,
  );
  return {
    parts: ordered,
    total: ordered.reduce((n, p) => n + p.updates, 0),
    fromSeq: Math.min(...after.map((e) => e.firstSeq)),
  };
}

const count = (n: number) => `${n} ${n === 1 ? 'change' : 'changes'}`;

/**
 * "Your offline edits and 12 changes from Bo Lindqvist", for the notice. Your
 * own part is not counted: a reconnect sends offline work as one or a few
 * merged updates, whatever was typed.
 */
export function mergedText(merged: MergedChanges, me: string): string {
  const phrases = merged.parts.map((p) =>
    p.actor === me ? 'your offline edits' : `${count(p.updates)} from ${p.name}`,
  );
  phrases[0] = phrases[0]!.charAt(0).toUpperCase() + phrases[0]!.slice(1);
  if (phrases.length === 1) return phrases[0]!;
  return `${phrases.slice(0, -1).join(', ')} and ${phrases.at(-1)!}`;
}
