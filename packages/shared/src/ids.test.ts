import { describe, expect, it } from 'vitest';
import { IdSchema, idTimestamp, isId, newId } from './ids';

describe('ids', () => {
  it('makes valid, unique UUIDv7 ids', () => {
    const ids = Array.from({ length: 5000 }, () => newId());
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(isId(id)).toBe(true);
  });

  it('orders ids made in one process, even within one millisecond', () => {
    const ids = Array.from({ length: 3000 }, () => newId(1_700_000_000_000));
    expect([...ids].sort()).toEqual(ids);
  });

  it('encodes the creation time', () => {
    expect(idTimestamp(newId(1_750_000_123_456))).toBeGreaterThanOrEqual(1_750_000_123_456);
  });

  it('rejects other uuid versions and garbage', () => {
    expect(isId('0190d6a4-8a4b-4c1e-9f3a-1b2c3d4e5f60')).toBe(false);
    expect(isId('not-an-id')).toBe(false);
    expect(IdSchema.safeParse('0190D6A4-8A4B-7C1E-9F3A-1B2C3D4E5F60').success).toBe(false);
  });
});
