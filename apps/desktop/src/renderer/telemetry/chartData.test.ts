import { describe, expect, it } from 'vitest';
import { alignChannels, appendLive, bucketsToPoints, clipPoints } from './chartData';

describe('chart data', () => {
  it('keeps both extremes of every bucket in time order', () => {
    const pts = bucketsToPoints({
      from: 0,
      to: 30,
      bucketMs: 10,
      start: [0, 10, 20],
      count: [3, 1, 4],
      min: [1, 5, -2],
      minT: [2, 12, 21],
      max: [9, 5, 7],
      maxT: [1, 12, 28],
    });
    expect(pts).toEqual({ t: [1, 2, 12, 21, 28], v: [9, 1, 5, -2, 7] });
  });

  it('appends only newer live samples and clips to a window', () => {
    const base = { t: [1, 2, 3], v: [10, 20, 30] };
    const more = appendLive(base, [3, 4, 5], [31, 40, 50]);
    expect(more).toEqual({ t: [1, 2, 3, 4, 5], v: [10, 20, 30, 40, 50] });
    expect(appendLive(base, [2], [0])).toBe(base);
    expect(clipPoints(more, 2, 4)).toEqual({ t: [2, 3, 4], v: [20, 30, 40] });
    expect(clipPoints(more, 4, Infinity)).toEqual({ t: [4, 5], v: [40, 50] });
  });

  it('aligns channels on the union of their times with nulls', () => {
    expect(
      alignChannels([
        { t: [1, 3], v: [5, 6] },
        { t: [2, 3], v: [7, 8] },
      ]),
    ).toEqual([
      [1, 2, 3],
      [5, null, 6],
      [null, 7, 8],
    ]);
  });
});
