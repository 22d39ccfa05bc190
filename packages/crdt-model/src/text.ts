import type * as Y from 'yjs';

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/**
 * Turns `ytext` into `next` by replacing only the changed middle (common
 * prefix and suffix kept), so concurrent edits to other parts of the text
 * merge instead of overwriting each other. Never splits a surrogate pair.
 * Call inside a transaction.
 */
export function replaceText(ytext: Y.Text, next: string): void {
  const prev = ytext.toString();
  if (prev === next) return;
  let start = 0;
  const max = Math.min(prev.length, next.length);
  while (start < max && prev.charCodeAt(start) === next.charCodeAt(start)) start++;
  if (start > 0 && isHigh(prev.charCodeAt(start - 1))) start--;
  let end = 0;
  while (
    end < max - start &&
    prev.charCodeAt(prev.length - 1 - end) === next.charCodeAt(next.length - 1 - end)
  ) {
    end++;
  }
  if (end > 0 && isLow(prev.charCodeAt(prev.length - end))) end--;
  const removed = prev.length - start - end;
  if (removed > 0) ytext.delete(start, removed);
  const inserted = next.slice(start, next.length - end);
  if (inserted) ytext.insert(start, inserted);
}

/**
 * Replaces the whole text (delete all, insert all). Used where the text must
 * never end up empty: concurrent replacements then concatenate instead of
 * cancelling out.
 */
export function overwriteText(ytext: Y.Text, next: string): void {
  if (ytext.toString() === next) return;
  if (ytext.length > 0) ytext.delete(0, ytext.length);
  ytext.insert(0, next);
}
