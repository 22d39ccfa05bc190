import { describe, expect, it } from 'vitest';
import { decodeChunk, encodeChunk } from './chunkCodec';

describe('chunk codec', () => {
  it('stores regular times as start + step and round-trips them', () => {
    const times = Float64Array.from({ length: 1000 }, (_, i) => 1_760_000_000_000 + i * 10);
    const values = Float64Array.from(times, (_, i) => Math.sin(i));
    const blob = encodeChunk(times, values, new Uint8Array(1000));
    expect(blob.byteLength).toBe(16 + 16 + 8000);
    const back = decodeChunk(blob);
    expect(back.times).toEqual(times);
    expect(back.values).toEqual(values);
    expect(back.qualities).toBeNull();
  });

  it('keeps irregular times, f32 values and mixed qualities', () => {
    const times = Float64Array.from([1, 5, 6, 20, 21]);
    const values = Float64Array.from([0.1, -2, 3.5, 1e30, 7]);
    const qualities = Uint8Array.from([0, 1, 2, 0, 0]);
    const back = decodeChunk(encodeChunk(times, values, qualities, true));
    expect(back.times).toEqual(times);
    expect([...back.values]).toEqual([...values].map((v) => Math.fround(v)));
    expect([...back.qualities!]).toEqual([0, 1, 2, 0, 0]);
  });

  it('decodes from an unaligned copy and refuses damaged blobs', () => {
    const blob = encodeChunk(
      Float64Array.from([1, 3, 4]),
      Float64Array.from([1, 2, 3]),
      new Uint8Array(3),
    );
    const shifted = new Uint8Array(blob.byteLength + 1).subarray(1);
    shifted.set(blob);
    expect([...decodeChunk(shifted).values]).toEqual([1, 2, 3]);
    expect(() => decodeChunk(blob.subarray(0, blob.byteLength - 1))).toThrow(/unreadable/);
    expect(() => decodeChunk(new Uint8Array(20))).toThrow(/unreadable/);
  });
});
