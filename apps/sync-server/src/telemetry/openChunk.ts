/**
 * The in-memory tail of one channel: samples stored durably as pending rows
 * but not yet sealed into a chunk. Grows by doubling; sealing sorts by time
 * and cuts pieces of a bounded size.
 */

/** One sealed piece, ready to be written as a chunk row. */
export interface SealedPiece {
  times: Float64Array;
  values: Float64Array;
  qualities: Uint8Array;
  tMin: number;
  tMax: number;
  /** Value summary; null when the piece holds a NaN (queries then decode it). */
  summary: { min: number; minT: number; max: number; maxT: number } | null;
}

export class OpenChunk {
  times = new Float64Array(256);
  values = new Float64Array(256);
  qualities = new Uint8Array(256);
  count = 0;
  sorted = true;
  /** Wall-clock time the first sample arrived, for sealing by age. */
  openedAt = 0;
  /** Highest pending row id whose samples this buffer holds. */
  pendingMaxId = 0;

  constructor(readonly f32: boolean) {}

  /** Appends samples (values already rounded to f32 when the channel is f32). */
  append(times: Float64Array, values: Float64Array, qualities: Uint8Array, now: number): void {
    const n = times.length;
    if (n === 0) return;
    if (this.count === 0) this.openedAt = now;
    this.reserve(this.count + n);
    if (this.sorted && this.count > 0 && times[0]! < this.times[this.count - 1]!)
      this.sorted = false;
    for (let i = 1; this.sorted && i < n; i++) if (times[i]! < times[i - 1]!) this.sorted = false;
    this.times.set(times, this.count);
    this.values.set(values, this.count);
    this.qualities.set(qualities, this.count);
    this.count += n;
  }

  /** The buffered samples as views (unsorted if `sorted` is false). */
  view(): { times: Float64Array; values: Float64Array } {
    return {
      times: this.times.subarray(0, this.count),
      values: this.values.subarray(0, this.count),
    };
  }

  /** Everything buffered, time-sorted, in pieces of at most `maxSamples`; empties the buffer. */
  seal(maxSamples: number): SealedPiece[] {
    const n = this.count;
    let times = this.times.slice(0, n);
    let values = this.values.slice(0, n);
    let qualities = this.qualities.slice(0, n);
    if (!this.sorted) {
      const order = Array.from({ length: n }, (_, i) => i).sort(
        (a, b) => times[a]! - times[b]! || a - b,
      );
      times = Float64Array.from(order, (i) => this.times[i]!);
      values = Float64Array.from(order, (i) => this.values[i]!);
      qualities = Uint8Array.from(order, (i) => this.qualities[i]!);
    }
    const pieces: SealedPiece[] = [];
    for (let start = 0; start < n; start += maxSamples) {
      const end = Math.min(n, start + maxSamples);
      const t = times.subarray(start, end);
      const v = values.subarray(start, end);
      pieces.push({
        times: t,
        values: v,
        qualities: qualities.subarray(start, end),
        tMin: t[0]!,
        tMax: t[t.length - 1]!,
        summary: summarize(t, v),
      });
    }
    this.count = 0;
    this.sorted = true;
    this.pendingMaxId = 0;
    return pieces;
  }

  private reserve(size: number): void {
    if (size <= this.times.length) return;
    let cap = this.times.length;
    while (cap < size) cap *= 2;
    const grow = <T extends Float64Array | Uint8Array>(a: T, make: (n: number) => T): T => {
      const b = make(cap);
      b.set(a.subarray(0, this.count));
      return b;
    };
    this.times = grow(this.times, (c) => new Float64Array(c));
    this.values = grow(this.values, (c) => new Float64Array(c));
    this.qualities = grow(this.qualities, (c) => new Uint8Array(c));
  }
}

function summarize(times: Float64Array, values: Float64Array): SealedPiece['summary'] {
  let min = Infinity;
  let max = -Infinity;
  let minT = 0;
  let maxT = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v !== v) return null;
    if (v < min) {
      min = v;
      minT = times[i]!;
    }
    if (v > max) {
      max = v;
      maxT = times[i]!;
    }
  }
  return { min, minT, max, maxT };
}
