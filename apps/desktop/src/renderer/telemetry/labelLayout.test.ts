import { describe, expect, it } from 'vitest';
import { boxesIntersect, layoutLabels, type LabelRequest } from './labelLayout';

const options = { width: 600, height: 300, maxWidth: 180, shortWidth: 60, gap: 2 };

function crowd(n: number): LabelRequest[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `a${i}`,
    x: 200 + (i % 5) * 7,
    y: 40 + (i % 3) * 4,
    width: 90 + (i % 4) * 70,
    height: 18,
  }));
}

describe('layoutLabels', () => {
  it('keeps a lone label where it wants to be', () => {
    const [box] = layoutLabels([{ id: 'a', x: 50, y: 60, width: 80, height: 18 }], options);
    expect(box).toEqual({ id: 'a', left: 50, top: 60, width: 80, height: 18, truncated: false });
  });

  it('places a crowd of labels with no two boxes meeting, all inside the plot', () => {
    const placed = layoutLabels(crowd(30), options);
    expect(placed.length).toBeGreaterThan(10);
    for (const [i, a] of placed.entries()) {
      expect(a.left).toBeGreaterThanOrEqual(0);
      expect(a.top).toBeGreaterThanOrEqual(0);
      expect(a.left + a.width).toBeLessThanOrEqual(options.width);
      expect(a.top + a.height).toBeLessThanOrEqual(options.height);
      for (const b of placed.slice(i + 1)) expect(boxesIntersect(a, b)).toBe(false);
    }
  });

  it('pulls a label in from the left and right edges instead of clipping it', () => {
    const [left, right] = layoutLabels(
      [
        { id: 'l', x: -40, y: 10, width: 100, height: 18 },
        { id: 'r', x: 580, y: 200, width: 100, height: 18 },
      ],
      options,
    );
    expect(left!.left).toBe(0);
    expect(right!.left + right!.width).toBe(600);
  });

  it('shortens a long label and says so', () => {
    const [box] = layoutLabels([{ id: 'a', x: 0, y: 0, width: 400, height: 18 }], options);
    expect(box).toMatchObject({ width: 180, truncated: true });
  });

  it('leaves out labels for which no room is left, rather than overlapping', () => {
    const tiny = { ...options, width: 100, height: 40 };
    const placed = layoutLabels(crowd(10), tiny);
    expect(placed.length).toBeLessThan(10);
    expect(placed.length).toBeGreaterThan(0);
    for (const [i, a] of placed.entries())
      for (const b of placed.slice(i + 1)) expect(boxesIntersect(a, b)).toBe(false);
  });
});
