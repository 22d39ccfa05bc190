import { AuditKeyRing, type AuditKey } from '../keys';

/** A fixed audit key for tests: `id` with 32 bytes of `fill`. */
export function testKey(id = 'test-1', fill = 1): AuditKey {
  return { id, secret: Buffer.alloc(32, fill) };
}

/** A key ring whose current key is `testKey()` (and any `others`). */
export function testKeyRing(...others: AuditKey[]): AuditKeyRing {
  return new AuditKeyRing(testKey(), others);
}
