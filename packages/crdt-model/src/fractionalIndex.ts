// Order keys for lists users reorder (view panels, a panel's channels). Each
// item keeps a key; the list is the items sorted by (key, id). Moving an item
// rewrites only its own key, so concurrent moves converge without duplicates.
// A key is a base-62 fraction: "V" is 0.5, "0V" is 0.5/62, and so on.

const DIGITS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const BASE = DIGITS.length;
const KEY = /^[0-9A-Za-z]*[1-9A-Za-z]$/;

const digit = (c: string | undefined): number => (c === undefined ? 0 : DIGITS.indexOf(c));

/** True for a well-formed order key (base-62 digits, not ending in the zero digit). */
export function isOrderKey(key: unknown): key is string {
  return typeof key === 'string' && key.length <= 200 && KEY.test(key);
}

/** A key strictly between `a` and `b` ("" = start, null = end); requires a < b. */
function midpoint(a: string, b: string | null): string {
  if (b !== null) {
    let n = 0;
    while ((a[n] ?? '0') === b[n]) n++;
    if (n > 0) return b.slice(0, n) + midpoint(a.slice(n), b.slice(n));
  }
  const lo = digit(a[0]);
  const hi = b === null ? BASE : digit(b[0]);
  if (hi - lo > 1) return DIGITS[Math.round((lo + hi) / 2)]!;
  if (b !== null && b.length > 1) return b.slice(0, 1);
  return DIGITS[lo]! + midpoint(a.slice(1), null);
}

/**
 * A fresh key between `before` and `after` (null = list start / end). A few
 * random halvings keep two replicas inserting at the same spot from picking
 * the same key. When the neighbours already share a key the new key goes
 * right after them.
 */
export function keyBetween(
  before: string | null,
  after: string | null,
  random: () => number = Math.random,
): string {
  let lo = before ?? '';
  let hi = after !== null && after > lo ? after : null;
  for (let i = 0; i < 16; i++) {
    const mid = midpoint(lo, hi);
    if (random() < 0.5) hi = mid;
    else lo = mid;
  }
  return midpoint(lo, hi);
}

/** An item of an ordered list: its id and order key. */
export interface Ordered {
  id: string;
  order: string;
}

/** Sorts items by (order key, id), the display order every replica agrees on. */
export function byOrder<T extends Ordered>(items: T[]): T[] {
  return items.sort((x, y) =>
    x.order < y.order ? -1 : x.order > y.order ? 1 : x.id < y.id ? -1 : x.id > y.id ? 1 : 0,
  );
}

/**
 * The key that puts an item at position `index` of `others` (the list without
 * it, in display order); index beyond the end appends.
 */
export function keyForIndex(others: readonly Ordered[], index: number): string {
  const i = Math.max(0, Math.min(index, others.length));
  return keyBetween(others[i - 1]?.order ?? null, others[i]?.order ?? null);
}
