import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BucketAccumulator, decimate, type DecimatedSeries } from './decimate';

/** The obvious computation: every sample's bucket by the documented formula, then a scan per bucket. */
function bruteForce(
  times: number[],
  values: number[],
  from: number,
  to: number,
  maxPoints: number,
) {
  const buckets = new Map<
    number,
    { count: number; min: number; minT: number; max: number; maxT: number }
  >();
  for (let i = 0; i < times.length; i++) {
    const t = times[i]!;
    const v = values[i]!;
    if (t < from || t > to || Number.isNaN(v)) continue;
    const b =
      to === from ? 0 : Math.min(maxPoints - 1, Math.floor(((t - from) * maxPoints) / (to - from)));
    const cur = buckets.get(b);
    if (!cur) buckets.set(b, { count: 1, min: v, minT: t, max: v, maxT: t });
    else {
      cur.count++;
      if (v < cur.min || (v === cur.min && t < cur.minT)) Object.assign(cur, { min: v, minT: t });
      if (v > cur.max || (v === cur.max && t < cur.maxT)) Object.assign(cur, { max: v, maxT: t });
    }
  }
  return [...buckets.entries()].sort((a, b) => a[0] - b[0]).map(([b, s]) => ({ b, ...s }));
}

function rows(d: DecimatedSeries) {
  return d.start.map((start, i) => ({
    start,
    count: d.count[i],
    min: d.min[i],
    minT: d.minT[i],
    max: d.max[i],
    maxT: d.maxT[i],
  }));
}

const value = fc.oneof(
  { weight: 8, arbitrary: fc.double({ min: -1e6, max: 1e6, noNaN: true }) },
  { weight: 1, arbitrary: fc.constant(Number.NaN) },
  { weight: 2, arbitrary: fc.constantFrom(0, 1, -1) },
);

describe('decimate', () => {
  it('keeps the true min and max of every bucket (property, random data and ranges)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 2_000_000_000_000 }), value), {
          maxLength: 400,
        }),
        fc.integer({ min: 0, max: 2_000_000_000_000 }),
        fc.integer({ min: 0, max: 2_000_000_000_000 }),
        fc.integer({ min: 1, max: 3000 }),
        (samples, a, b, maxPoints) => {
          const [from, to] = a <= b ? [a, b] : [b, a];
          const times = samples.map((s) => s[0]);
          const values = samples.map((s) => s[1]);
          const got = rows(decimate(times, values, from, to, maxPoints));
          const want = bruteForce(times, values, from, to, maxPoints);
          expect(got.map(({ start: _s, ...r }) => r)).toEqual(want.map(({ b: _b, ...r }) => r));
          const width = (to - from) / maxPoints;
          expect(got.map((r) => r.start)).toEqual(want.map((w) => from + w.b * width));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('dense data in a narrow range: samples on bucket edges, empty buckets skipped', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 100 }), value), { maxLength: 300 }),
        fc.integer({ min: 1, max: 200 }),
        (samples, maxPoints) => {
          const times = samples.map((s) => s[0]);
          const values = samples.map((s) => s[1]);
          const got = rows(decimate(times, values, 10, 90, maxPoints));
          expect(got.map(({ start: _s, ...r }) => r)).toEqual(
            bruteForce(times, values, 10, 90, maxPoints).map(({ b: _b, ...r }) => r),
          );
          expect(got.length).toBeLessThanOrEqual(maxPoints);
        },
      ),
    );
  });

  it('addSorted on time-sorted columns equals the per-sample path', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 10_000 }), value), { maxLength: 500 }),
        fc.integer({ min: -100, max: 10_100 }),
        fc.integer({ min: -100, max: 10_100 }),
        fc.oneof(fc.integer({ min: 1, max: 10 }), fc.integer({ min: 1, max: 2000 })),
        (samples, a, b, maxPoints) => {
          const [from, to] = a <= b ? [a, b] : [b, a];
          const sorted = [...samples].sort((x, y) => x[0] - y[0]);
          const times = sorted.map((s) => s[0]);
          const values = sorted.map((s) => s[1]);
          const acc = new BucketAccumulator(from, to, maxPoints);
          acc.addSorted(times.slice(0, 200), values.slice(0, 200));
          acc.addSorted(times.slice(200), values.slice(200));
          expect(acc.result()).toEqual(decimate(times, values, from, to, maxPoints));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('single point, zero-width range, all-NaN and empty input', () => {
    expect(rows(decimate([5], [2], 5, 5, 10))).toEqual([
      { start: 5, count: 1, min: 2, minT: 5, max: 2, maxT: 5 },
    ]);
    expect(decimate([1, 2], [Number.NaN, Number.NaN], 0, 10, 4).count).toEqual([]);
    expect(decimate([], [], 0, 10, 4).start).toEqual([]);
    const last = rows(decimate([0, 10], [1, 3], 0, 10, 2));
    expect(last.map((r) => r.count)).toEqual([1, 1]);
  });

  it('rejects a reversed range and a bad point budget', () => {
    expect(() => decimate([], [], 10, 0, 5)).toThrow(/from <= to/);
    expect(() => decimate([], [], 0, 10, 0)).toThrow(/maxPoints/);
    expect(() => decimate([], [], 0, Infinity, 5)).toThrow(/finite/);
  });
});
