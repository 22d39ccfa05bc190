/**
 * Turns what the server sends (min/max buckets, live samples) into the
 * column arrays uPlot draws: one shared time axis (epoch ms) and one value
 * column per channel, null where a channel has no point at that time.
 */
import type { DecimatedSeries } from '@fieldbook/shared';

export type { DecimatedSeries };

/** Points of one channel in time order. */
export interface ChannelPoints {
  t: number[];
  v: number[];
}

/**
 * Each bucket's min and max at the times they occurred (one point when they
 * coincide), so a line through them shows every spike of the raw data.
 */
export function bucketsToPoints(series: DecimatedSeries): ChannelPoints {
  const t: number[] = [];
  const v: number[] = [];
  for (let i = 0; i < series.start.length; i++) {
    const [mn, mnT, mx, mxT] = [series.min[i]!, series.minT[i]!, series.max[i]!, series.maxT[i]!];
    if (mnT === mxT) {
      t.push(mnT);
      v.push(mx);
    } else if (mnT < mxT) {
      t.push(mnT, mxT);
      v.push(mn, mx);
    } else {
      t.push(mxT, mnT);
      v.push(mx, mn);
    }
  }
  return { t, v };
}

/** Appends live samples (time order) after the points, dropping any at or before the last time. */
export function appendLive(points: ChannelPoints, t: number[], v: number[]): ChannelPoints {
  const last = points.t.length > 0 ? points.t[points.t.length - 1]! : -Infinity;
  let i = 0;
  while (i < t.length && t[i]! <= last) i++;
  if (i === t.length) return points;
  return { t: points.t.concat(t.slice(i)), v: points.v.concat(v.slice(i)) };
}

/** Keeps the points with from <= t <= to. */
export function clipPoints(points: ChannelPoints, from: number, to: number): ChannelPoints {
  const lo = lowerBound(points.t, from);
  const hi = lowerBound(points.t, to + Number.EPSILON * Math.abs(to) + 1e-9);
  return { t: points.t.slice(lo, hi), v: points.v.slice(lo, hi) };
}

function lowerBound(a: number[], x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** uPlot's aligned columns for several channels: [times, ...values with nulls]. */
export function alignChannels(channels: ChannelPoints[]): [number[], ...(number | null)[][]] {
  if (channels.length === 1) return [channels[0]!.t, channels[0]!.v];
  const times = [...new Set(channels.flatMap((c) => c.t))].sort((a, b) => a - b);
  const index = new Map(times.map((t, i) => [t, i]));
  const columns = channels.map((c) => {
    const col: (number | null)[] = new Array<number | null>(times.length).fill(null);
    c.t.forEach((t, i) => (col[index.get(t)!] = c.v[i]!));
    return col;
  });
  return [times, ...columns];
}
