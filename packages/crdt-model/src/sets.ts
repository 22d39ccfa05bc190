import * as Y from 'yjs';
import type { Attachment } from '@fieldbook/shared';

// Sets live in Y.Maps keyed by value (tags) or content hash (attachments):
// concurrent adds of the same member merge instead of duplicating.

/** Tag lists in snapshots carry at most this many tags (the snapshot schema's limit). */
export const MAX_TAGS = 64;

/** Adds and removes tags in a tag set; call inside a transaction. */
export function applyTags(set: Y.Map<unknown>, add: readonly string[], remove: readonly string[]) {
  for (const tag of remove) set.delete(tag);
  for (const tag of add) if (!set.has(tag)) set.set(tag, true);
}

/** The number of tags a set would hold after an applyTags call. */
export function tagCountAfter(
  set: Y.Map<unknown>,
  add: readonly string[],
  remove: readonly string[],
): number {
  const next = new Set(set.keys());
  for (const tag of remove) next.delete(tag);
  for (const tag of add) next.add(tag);
  return next.size;
}

/**
 * The sorted tags of a set. Concurrent adds on two replicas can pass the
 * limit; the snapshot then shows the first MAX_TAGS (all stay in the document).
 */
export function readTags(set: unknown): string[] {
  if (!(set instanceof Y.Map)) return [];
  return [...set.keys()].sort().slice(0, MAX_TAGS);
}

/** Fills a new tag set. */
export function tagSet(tags: readonly string[]): Y.Map<unknown> {
  const set = new Y.Map<unknown>();
  for (const tag of tags) set.set(tag, true);
  return set;
}

/** Stores an attachment's description under its content hash; call inside a transaction. */
export function putAttachment(set: Y.Map<unknown>, a: Attachment): void {
  set.set(a.hash, { name: a.name, mimeType: a.mimeType, size: a.size });
}

/** The attachments of a set, sorted by hash. */
export function readAttachments(set: unknown): Attachment[] {
  if (!(set instanceof Y.Map)) return [];
  const out: Attachment[] = [];
  for (const [hash, value] of set.entries()) {
    const v = value as Partial<Omit<Attachment, 'hash'>>;
    out.push({
      hash,
      name: String(v.name ?? ''),
      mimeType: String(v.mimeType ?? ''),
      size: Number(v.size ?? 0),
    });
  }
  return out.sort((a, b) => (a.hash < b.hash ? -1 : a.hash > b.hash ? 1 : 0));
}

/** Unique values in their first order (tag inputs may repeat a tag). */
export function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}
