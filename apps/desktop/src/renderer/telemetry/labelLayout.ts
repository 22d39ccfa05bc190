/**
 * Where annotation labels go on a plot so that none covers another and none
 * leaves the plot area (so none runs over an axis or is clipped at an edge):
 * each label is tried at its wanted place, then stacked in rows below and
 * above it; when no row is free it is shortened (an ellipsis shows, the full
 * text on hover) and tried again; when still no row is free it is left out
 * (the annotation is still drawn and listed in the side panel).
 */

/** A label as its annotation would like it: top-left corner and natural size, in CSS px of the plot. */
export interface LabelRequest {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A label's box as placed; `truncated` when narrower than its text. */
export interface PlacedLabel {
  id: string;
  left: number;
  top: number;
  width: number;
  height: number;
  truncated: boolean;
}

/** Limits of the layout. */
export interface LabelLayoutOptions {
  /** The plot area's size; boxes stay inside it. */
  width: number;
  height: number;
  /** Widest a label may be before it is shortened. */
  maxWidth: number;
  /** Width of a shortened label (a few characters and the ellipsis). */
  shortWidth: number;
  /** Space kept between two labels. */
  gap: number;
}

/** Whether two boxes overlap (touching edges do not). */
export function boxesIntersect(
  a: Pick<PlacedLabel, 'left' | 'top' | 'width' | 'height'>,
  b: Pick<PlacedLabel, 'left' | 'top' | 'width' | 'height'>,
): boolean {
  return (
    a.left < b.left + b.width &&
    b.left < a.left + a.width &&
    a.top < b.top + b.height &&
    b.top < a.top + a.height
  );
}

/** Row tops to try for a label wanted at `y`: there, then alternately below and above. */
function rowTops(y: number, step: number, maxTop: number): number[] {
  const start = Math.min(Math.max(y, 0), maxTop);
  const tops = [start];
  for (let k = 1; start + k * step <= maxTop || start - k * step >= 0; k++) {
    if (start + k * step <= maxTop) tops.push(start + k * step);
    if (start - k * step >= 0) tops.push(start - k * step);
  }
  return tops;
}

/** Places labels in the order given (the most important first); see the module comment. */
export function layoutLabels(requests: LabelRequest[], o: LabelLayoutOptions): PlacedLabel[] {
  const placed: PlacedLabel[] = [];
  for (const r of requests) {
    const height = Math.min(r.height, o.height);
    const natural = Math.min(r.width, o.width);
    const widths = natural > o.maxWidth ? [o.maxWidth] : [natural];
    if (widths[0]! > o.shortWidth) widths.push(o.shortWidth);
    let found: PlacedLabel | null = null;
    for (const width of widths) {
      const left = Math.min(Math.max(r.x, 0), o.width - width);
      for (const top of rowTops(r.y, height + o.gap, o.height - height)) {
        const box = { id: r.id, left, top, width, height, truncated: width < r.width };
        const padded = { left, top: top - o.gap / 2, width, height: height + o.gap };
        if (!placed.some((p) => boxesIntersect(padded, p))) {
          found = box;
          break;
        }
      }
      if (found) break;
    }
    if (found) placed.push(found);
  }
  return placed;
}
