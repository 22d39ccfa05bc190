import { describe, expect, it } from 'vitest';
import { ANNOTATION_KINDS, anchorProblem } from '@fieldbook/shared';
import {
  anchorFromDrag,
  handlesOf,
  hits,
  resizeFields,
  type Projection,
} from './annotationGeometry';

/** 1 px per ms from t=1000, value 0 at y=100 and 1 px per unit upwards. */
const proj: Projection = {
  x: (t) => t - 1000,
  y: (v) => 100 - v,
  t: (x) => x + 1000,
  v: (y) => 100 - y,
};
const ch = ['volt'];
const square = [
  { t: 1010, y: 10 },
  { t: 1050, y: 10 },
  { t: 1050, y: 50 },
  { t: 1010, y: 50 },
];

describe('annotation geometry', () => {
  it('makes a valid anchor for every kind from a drag, even dragged backwards', () => {
    for (const kind of ANNOTATION_KINDS) {
      const anchor = anchorFromDrag(kind, ch, { t: 1080, y: 60 }, { t: 1020, y: 5 }, square);
      expect([kind, anchorProblem(kind, anchor)]).toEqual([kind, null]);
    }
    expect(anchorFromDrag('range', ch, { t: 9, y: 0 }, { t: 3, y: 0 })).toEqual({
      channels: ch,
      t: 3,
      t2: 9,
    });
  });

  it('hits each kind where it is drawn and misses it elsewhere', () => {
    const at = (kind: (typeof ANNOTATION_KINDS)[number]) =>
      anchorFromDrag(kind, ch, { t: 1020, y: 20 }, { t: 1060, y: 60 }, square);
    expect(hits('point', at('point'), proj, 20, 80, 100)).toBe(true);
    expect(hits('point', at('point'), proj, 60, 40, 100)).toBe(false);
    expect(hits('range', at('range'), proj, 40, 5, 100)).toBe(true);
    expect(hits('range', at('range'), proj, 80, 5, 100)).toBe(false);
    expect(hits('line', at('line'), proj, 40, 60, 100)).toBe(true);
    expect(hits('arrow', at('arrow'), proj, 40, 20, 100)).toBe(false);
    expect(hits('rect', at('rect'), proj, 40, 60, 100)).toBe(true);
    expect(hits('polygon', at('polygon'), proj, 30, 70, 100)).toBe(true);
    expect(hits('polygon', at('polygon'), proj, 70, 70, 100)).toBe(false);
  });

  it('resizes through handles and keeps ranges and rects ordered', () => {
    const range = { channels: ch, t: 10, t2: 20 };
    expect(handlesOf('range', range, 0).map((h) => h.id)).toEqual(['t', 't2']);
    expect(resizeFields('range', range, 't2', { t: 5, y: 0 })).toEqual({ t: 5, t2: 10 });
    const rect = { channels: ch, t: 10, t2: 20, y: 1, y2: 2 };
    expect(resizeFields('rect', rect, 'p1', { t: 30, y: 5 })).toEqual({
      t: 20,
      t2: 30,
      y: 2,
      y2: 5,
    });
    const poly = anchorFromDrag('polygon', ch, square[0]!, square[0]!, square);
    expect(resizeFields('polygon', poly, 'v2', { t: 1, y: 1 }).points![2]).toEqual({ t: 1, y: 1 });
  });
});
