/** Percentiles and summaries of the search benchmarks' timings (ms). */

/** The q-quantile (0..1) of `xs`, nearest rank. */
export function quantile(xs: readonly number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))] ?? NaN;
}

/** p50 / p95 / max of timings, rounded to 0.01 ms. */
export function summary(xs: readonly number[]): {
  n: number;
  p50: number;
  p95: number;
  max: number;
} {
  const r = (x: number) => Math.round(x * 100) / 100;
  return {
    n: xs.length,
    p50: r(quantile(xs, 0.5)),
    p95: r(quantile(xs, 0.95)),
    max: r(Math.max(...xs)),
  };
}

/** Reads `--name value` from the command line as a number. */
export function numberArg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i > 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
  return value;
}
