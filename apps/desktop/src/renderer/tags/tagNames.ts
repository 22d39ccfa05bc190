import type { DocumentEntry } from '@fieldbook/shared';

// Tags keep the case they were typed in ("Needs Review"), match without
// regard to case, and are shown with one '#' however they were typed.

/** A typed tag cleaned for storing: leading '#'s dropped, spaces trimmed and collapsed. */
export function cleanTag(typed: string): string {
  return typed
    .trim()
    .replace(/^#+\s*/, '')
    .replace(/\s+/g, ' ')
    .slice(0, 64)
    .trim();
}

/** What tags are matched by: the same letters in any case. */
export function tagKey(tag: string): string {
  return cleanTag(tag).toLowerCase();
}

/** A tag as shown: "#hash" for "hash", and for "#hash" stored by an older version. */
export function displayTag(tag: string): string {
  return `#${cleanTag(tag) || tag}`;
}

/** What adding a typed tag does, given the tags the workspace already uses. */
export interface ResolvedTag {
  /** The spelling to store: an existing one when the workspace has the tag in another case. */
  readonly tag: string;
  /** The existing spelling the typed one was merged into, when they differ; else null. */
  readonly mergedInto: string | null;
}

/** Picks the spelling to store for a typed tag: the workspace's existing one if it matches by case. */
export function resolveTag(typed: string, existing: readonly TagGroup[]): ResolvedTag | null {
  const tag = cleanTag(typed);
  if (!tag) return null;
  const group = existing.find((g) => g.key === tagKey(tag));
  if (!group || group.spelling === tag) return { tag, mergedInto: null };
  return { tag: group.spelling, mergedInto: group.spelling };
}

/** One tag of the workspace, all its spellings together. */
export interface TagGroup {
  readonly key: string;
  /** The spelling shown: the one most documents use (ties: the first in sort order). */
  readonly spelling: string;
  /** Every spelling in use (more than one when two people typed it differently). */
  readonly spellings: readonly string[];
  readonly count: number;
}

/** The workspace's tags (of documents, or of annotations) grouped case-insensitively, sorted by how they read. */
export function groupTags(documents: readonly { readonly tags: readonly string[] }[]): TagGroup[] {
  const groups = new Map<string, Map<string, number>>();
  for (const d of documents) {
    for (const tag of d.tags) {
      const key = tagKey(tag);
      if (!key) continue;
      const spellings = groups.get(key) ?? new Map<string, number>();
      const clean = cleanTag(tag);
      spellings.set(clean, (spellings.get(clean) ?? 0) + 1);
      groups.set(key, spellings);
    }
  }
  return [...groups]
    .map(([key, spellings]) => {
      const ordered = [...spellings].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
      return {
        key,
        spelling: ordered[0]![0],
        spellings: ordered.map(([s]) => s).sort(),
        count: ordered.reduce((sum, [, n]) => sum + n, 0),
      };
    })
    .sort((a, b) => a.key.localeCompare(b.key));
}

/** Whether a document carries a tag, in any spelling. */
export function hasTag(entry: DocumentEntry, tag: string): boolean {
  const key = tagKey(tag);
  return entry.tags.some((t) => tagKey(t) === key);
}
