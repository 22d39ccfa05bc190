/** Small statistics helpers for the sync load benchmark. */

/** Nearest-rank percentile `p` (0–100) of an ascending-sorted array; 0 when empty. */
export function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))] ?? 0;
}

/** Median of the values (mean of the middle two for an even count); NaN when empty. */
export function median(values: number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] ?? Number.NaN)
    : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** Summary of a latency distribution in ms, rounded to 0.01 ms. */
export interface Distribution {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

/** Percentiles of the given samples. */
export function distribution(unsorted: Float64Array): Distribution {
  const samples = Float64Array.from(unsorted).sort();
  const sum = samples.reduce((a, b) => a + b, 0);
  return {
    count: samples.length,
    p50: round2(percentile(samples, 50)),
    p95: round2(percentile(samples, 95)),
    p99: round2(percentile(samples, 99)),
    max: round2(samples.length > 0 ? (samples[samples.length - 1] ?? 0) : 0),
    mean: round2(samples.length > 0 ? sum / samples.length : 0),
  };
}

/** Rounds to two decimals (enough for ms and µs figures in a report). */
export function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
