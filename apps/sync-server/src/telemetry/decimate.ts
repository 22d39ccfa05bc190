import { FieldbookError, type DecimatedSeries } from '@fieldbook/shared';

export type { DecimatedSeries };

/**
 * Min/max decimation: [from, to] is cut into `maxPoints` buckets of equal
 * time width, and each non-empty bucket keeps its true minimum and maximum
 * with the times they occurred at (the earliest, on ties), so a chart drawn
 * from the buckets shows every spike. NaN values are not samples of a value:
 * they are skipped.
 */

/** Checks a range query's bounds; a bad one is a VALIDATION_ERROR. */
export function checkRange(from: number, to: number, maxPoints: number): void {
  if (!Number.isFinite(from) || !Number.isFinite(to) || to < from)
    throw new FieldbookError('VALIDATION_ERROR', 'from and to must be finite with from <= to');
  if (!Number.isInteger(maxPoints) || maxPoints < 1 || maxPoints > 1_000_000)
    throw new FieldbookError('VALIDATION_ERROR', 'maxPoints must be an integer in [1, 1000000]');
}

/** Collects samples and chunk summaries into buckets; feed it in any order. */
export class BucketAccumulator {
  readonly count: Float64Array;
  readonly min: Float64Array;
  readonly minT: Float64Array;
  readonly max: Float64Array;
  readonly maxT: Float64Array;
  private readonly width: number;

  constructor(
    readonly from: number,
    readonly to: number,
    readonly maxPoints: number,
  ) {
    checkRange(from, to, maxPoints);
    this.count = new Float64Array(maxPoints);
    this.min = new Float64Array(maxPoints).fill(Infinity);
    this.minT = new Float64Array(maxPoints);
    this.max = new Float64Array(maxPoints).fill(-Infinity);
    this.maxT = new Float64Array(maxPoints);
    this.width = to - from;
  }

  /** The bucket of time `t` (which must lie in [from, to]): floor((t - from) * maxPoints / (to - from)), monotonic in t. */
  bucketOf(t: number): number {
    if (this.width === 0) return 0;
    const b = Math.floor(((t - this.from) * this.maxPoints) / this.width);
    return b < this.maxPoints ? b : this.maxPoints - 1;
  }

  /** True when every time in [tMin, tMax] lies in the range and in one bucket. */
  coversWhole(tMin: number, tMax: number): boolean {
    return tMin >= this.from && tMax <= this.to && this.bucketOf(tMin) === this.bucketOf(tMax);
  }

  /** Adds a summary of samples that all fall in one bucket (see `coversWhole`). */
  addSummary(tMin: number, count: number, min: number, minT: number, max: number, maxT: number) {
    const b = this.bucketOf(tMin);
    this.count[b]! += count;
    if (min < this.min[b]! || (min === this.min[b] && minT < this.minT[b]!)) {
      this.min[b] = min;
      this.minT[b] = minT;
    }
    if (max > this.max[b]! || (max === this.max[b] && maxT < this.maxT[b]!)) {
      this.max[b] = max;
      this.maxT[b] = maxT;
    }
  }

  /** Adds the samples of column arrays whose time lies in [from, to]. */
  addColumns(times: ArrayLike<number>, values: ArrayLike<number>): void {
    const { from, to, count, min, minT, max, maxT } = this;
    for (let i = 0; i < times.length; i++) {
      const t = times[i]!;
      const v = values[i]!;
      if (t < from || t > to || v !== v) continue;
      const b = this.bucketOf(t);
      count[b]!++;
      if (v < min[b]! || (v === min[b] && t < minT[b]!)) {
        min[b] = v;
        minT[b] = t;
      }
      if (v > max[b]! || (v === max[b] && t < maxT[b]!)) {
        max[b] = v;
        maxT[b] = t;
      }
    }
  }

  /**
   * Adds time-sorted columns (a sealed chunk): finds each bucket's run of
   * samples by binary search on the bucket index, then scans only values.
   */
  addSorted(times: ArrayLike<number>, values: ArrayLike<number>): void {
    const n = times.length;
    let i = lowerBound(times, 0, n, (t) => t >= this.from);
    const end = lowerBound(times, i, n, (t) => t > this.to);
    const { count, min, minT, max, maxT } = this;
    while (i < end) {
      const b = this.bucketOf(times[i]!);
      const j = lowerBound(times, i + 1, end, (t) => this.bucketOf(t) > b);
      let lo = min[b]!;
      let loT = minT[b]!;
      let hi = max[b]!;
      let hiT = maxT[b]!;
      let k = 0;
      for (let x = i; x < j; x++) {
        const v = values[x]!;
        if (v !== v) continue;
        k++;
        if (v < lo || (v === lo && times[x]! < loT)) {
          lo = v;
          loT = times[x]!;
        }
        if (v > hi || (v === hi && times[x]! < hiT)) {
          hi = v;
          hiT = times[x]!;
        }
      }
      count[b]! += k;
      min[b] = lo;
      minT[b] = loT;
      max[b] = hi;
      maxT[b] = hiT;
      i = j;
    }
  }

  /** The non-empty buckets. */
  result(): DecimatedSeries {
    const width = (this.to - this.from) / this.maxPoints;
    const out: DecimatedSeries = {
      from: this.from,
      to: this.to,
      bucketMs: width,
      start: [],
      count: [],
      min: [],
      minT: [],
      max: [],
      maxT: [],
    };
    for (let b = 0; b < this.maxPoints; b++) {
      if (this.count[b] === 0) continue;
      out.start.push(this.from + b * width);
      out.count.push(this.count[b]!);
      out.min.push(this.min[b]!);
      out.minT.push(this.minT[b]!);
      out.max.push(this.max[b]!);
      out.maxT.push(this.maxT[b]!);
    }
    return out;
  }
}

/** Decimates column arrays (any order) over [from, to] into at most `maxPoints` min/max buckets. */
export function decimate(
  times: ArrayLike<number>,
  values: ArrayLike<number>,
  from: number,
  to: number,
  maxPoints: number,
): DecimatedSeries {
  const acc = new BucketAccumulator(from, to, maxPoints);
  acc.addColumns(times, values);
  return acc.result();
}

/** First index in [lo, hi) whose time satisfies `pred` (false…false true…true), or hi. */
function lowerBound(
  times: ArrayLike<number>,
  lo: number,
  hi: number,
  pred: (t: number) => boolean,
) {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (pred(times[mid]!)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
