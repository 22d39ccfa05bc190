import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { byOrder, isOrderKey, keyBetween, keyForIndex } from './fractionalIndex';

describe('fractional index', () => {
  it('makes keys strictly between any two ordered keys', () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { minLength: 1, maxLength: 60 }), (moves) => {
        // Build a random list by inserting at the front, the back or between neighbours.
        const keys: string[] = [];
        for (const [i, atEnd] of moves.entries()) {
          const pos = atEnd ? keys.length : Math.floor(keys.length / 2) + (i % 2);
          const at = Math.min(pos, keys.length);
          const key = keyBetween(keys[at - 1] ?? null, keys[at] ?? null);
          expect(isOrderKey(key)).toBe(true);
          if (at > 0) expect(key > keys[at - 1]!).toBe(true);
          if (at < keys.length) expect(key < keys[at]!).toBe(true);
          keys.splice(at, 0, key);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('places an item at the requested index and sorts ties by id', () => {
    const list = byOrder([
      { id: 'b', order: 'V' },
      { id: 'a', order: 'V' },
      { id: 'c', order: 'k' },
    ]);
    expect(list.map((x) => x.id)).toEqual(['a', 'b', 'c']);
    const key = keyForIndex(list, 2);
    expect(key > 'V' && key < 'k').toBe(true);
    expect(keyForIndex(list, 99) > 'k').toBe(true);
    expect(keyForIndex(list, 0) < 'V').toBe(true);
  });

  it('puts a key after neighbours that share a key', () => {
    const key = keyBetween('V', 'V');
    expect(key > 'V').toBe(true);
  });

  it('rejects malformed keys', () => {
    expect(isOrderKey('')).toBe(false);
    expect(isOrderKey('a0')).toBe(false);
    expect(isOrderKey('a-b')).toBe(false);
    expect(isOrderKey('0a')).toBe(true);
  });
});
