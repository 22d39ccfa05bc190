import type { Anchor, AnnotationKind } from '@fieldbook/shared';

/**
 * Geometry of annotations on a chart, in data coordinates (time in epoch ms,
 * value) and the pixel positions a projection gives them: what a drag with a
 * drawing tool creates, where the handles are, what a pointer hits, and how a
 * handle drag resizes. Pure functions, so the chart and the tests share them.
 */

/** Maps data coordinates to pixels (and back) for one plot. */
export interface Projection {
  x(t: number): number;
  y(v: number): number;
  t(x: number): number;
  v(y: number): number;
}

/** A point in data coordinates. */
export interface DataPoint {
  t: number;
  y: number;
}

/** A named handle of an annotation: a place to grab it to resize. */
export interface Handle {
  id: string;
  at: DataPoint;
}

/** The anchor a drag from `a` to `b` with the tool of `kind` draws (polygon: from its clicked points). */
export function anchorFromDrag(
  kind: AnnotationKind,
  channels: string[],
  a: DataPoint,
  b: DataPoint,
  points: DataPoint[] = [],
): Anchor {
  const [t1, t2] = a.t <= b.t ? [a.t, b.t] : [b.t, a.t];
  switch (kind) {
    case 'point':
    case 'text':
      return { channels, t: a.t, y: a.y };
    case 'range':
      return { channels, t: t1, t2 };
    case 'rect':
      return { channels, t: t1, t2, y: Math.min(a.y, b.y), y2: Math.max(a.y, b.y) };
    case 'line':
    case 'arrow':
      return { channels, t: a.t, y: a.y, t2: b.t, y2: b.y };
    case 'polygon':
      return { channels, t: points[0]?.t ?? a.t, points: points.map((p) => ({ t: p.t, y: p.y })) };
  }
}

/** Where an annotation of `kind` can be grabbed to resize it. */
export function handlesOf(kind: AnnotationKind, anchor: Anchor, mid: number): Handle[] {
  switch (kind) {
    case 'point':
    case 'text':
      return [];
    case 'range':
      return [
        { id: 't', at: { t: anchor.t, y: mid } },
        { id: 't2', at: { t: anchor.t2!, y: mid } },
      ];
    case 'line':
    case 'arrow':
    case 'rect':
      return [
        { id: 'p1', at: { t: anchor.t, y: anchor.y! } },
        { id: 'p2', at: { t: anchor.t2!, y: anchor.y2! } },
      ];
    case 'polygon':
      return (anchor.points ?? []).map((p, i) => ({ id: `v${i}`, at: { t: p.t, y: p.y } }));
  }
}

/** The anchor fields (for resizeAnnotation) that put handle `id` at `to`, keeping ranges ordered. */
export function resizeFields(
  kind: AnnotationKind,
  anchor: Anchor,
  id: string,
  to: DataPoint,
): { t?: number; t2?: number; y?: number; y2?: number; points?: DataPoint[] } {
  if (kind === 'polygon' && id.startsWith('v')) {
    const i = Number(id.slice(1));
    return { points: (anchor.points ?? []).map((p, j) => (j === i ? to : p)) };
  }
  if (kind === 'range') {
    const other = id === 't' ? anchor.t2! : anchor.t;
    return { t: Math.min(other, to.t), t2: Math.max(other, to.t) };
  }
  const p1 = id === 'p1' ? to : { t: anchor.t, y: anchor.y! };
  const p2 = id === 'p2' ? to : { t: anchor.t2!, y: anchor.y2! };
  if (kind === 'rect') {
    return {
      t: Math.min(p1.t, p2.t),
      t2: Math.max(p1.t, p2.t),
      y: Math.min(p1.y, p2.y),
      y2: Math.max(p1.y, p2.y),
    };
  }
  return { t: p1.t, y: p1.y, t2: p2.t, y2: p2.y };
}

function distToSegment(px: number, py: number, ax: number, ay: number, bx: number, by: number) {
  const dx = bx - ax;
  const dy = by - ay;
  const len = dx * dx + dy * dy;
  const k = len === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len));
  return Math.hypot(px - (ax + k * dx), py - (ay + k * dy));
}

function insidePolygon(x: number, y: number, pts: { x: number; y: number }[]): boolean {
  let inside = false;
  for (let i = 0, j = pts.length - 1; i < pts.length; j = i++) {
    const [a, b] = [pts[i]!, pts[j]!];
    if (a.y > y !== b.y > y && x < ((b.x - a.x) * (y - a.y)) / (b.y - a.y) + a.x) inside = !inside;
  }
  return inside;
}

/** Whether the pixel (x, y) lies on the annotation, within `tol` pixels; `height` is the plot's. */
export function hits(
  kind: AnnotationKind,
  anchor: Anchor,
  p: Projection,
  x: number,
  y: number,
  height: number,
  tol = 6,
): boolean {
  const ax = p.x(anchor.t);
  switch (kind) {
    case 'point':
    case 'text':
      return Math.hypot(x - ax, y - p.y(anchor.y!)) <= tol * 2;
    case 'range': {
      const bx = p.x(anchor.t2!);
      return x >= Math.min(ax, bx) - tol && x <= Math.max(ax, bx) + tol && y >= 0 && y <= height;
    }
    case 'rect': {
      const [bx, ay, by] = [p.x(anchor.t2!), p.y(anchor.y!), p.y(anchor.y2!)];
      return (
        x >= Math.min(ax, bx) - tol &&
        x <= Math.max(ax, bx) + tol &&
        y >= Math.min(ay, by) - tol &&
        y <= Math.max(ay, by) + tol
      );
    }
    case 'line':
    case 'arrow':
      return distToSegment(x, y, ax, p.y(anchor.y!), p.x(anchor.t2!), p.y(anchor.y2!)) <= tol;
    case 'polygon': {
      const pts = (anchor.points ?? []).map((q) => ({ x: p.x(q.t), y: p.y(q.y) }));
      return insidePolygon(x, y, pts);
    }
  }
}
