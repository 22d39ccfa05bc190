import type uPlot from 'uplot';
import type { Anchor, Annotation, AnnotationKind } from '@fieldbook/shared';
import { handlesOf, type DataPoint, type Projection } from './annotationGeometry';

/** Another user's pointer on a chart, from awareness. */
export interface PeerCursor {
  name: string;
  color: string;
  t: number;
  y: number;
}

/** A shape being drawn with a tool, not yet an annotation. */
export interface Draft {
  kind: AnnotationKind;
  anchor: Anchor;
}

/** What the overlay draws on top of the series each frame. */
export interface OverlayScene {
  annotations: Annotation[];
  selectedId: string | null;
  draft: Draft | null;
  /** Polygon points clicked so far. */
  polygon: DataPoint[];
  cursors: PeerCursor[];
  tagColors: Record<string, string>;
}

const DEFAULT_COLOR = '#d9480f';

/** The plot's projection in CSS pixels relative to the plot area (for pointer events). */
export function cssProjection(u: uPlot): Projection {
  return {
    x: (t) => u.valToPos(t, 'x'),
    y: (v) => u.valToPos(v, 'y'),
    t: (x) => u.posToVal(x, 'x'),
    v: (y) => u.posToVal(y, 'y'),
  };
}

/** The colour an annotation is drawn in: its own, its first coloured tag's, or the default. */
export function annotationColor(
  a: { style: Annotation['style']; tags: string[] },
  tags: Record<string, string>,
): string {
  return a.style.color ?? a.tags.map((t) => tags[t]).find(Boolean) ?? DEFAULT_COLOR;
}

function shape(
  ctx: CanvasRenderingContext2D,
  u: uPlot,
  kind: AnnotationKind,
  anchor: Anchor,
  color: string,
) {
  const X = (t: number) => u.valToPos(t, 'x', true);
  const Y = (v: number) => u.valToPos(v, 'y', true);
  const { top, height } = u.bbox;
  const px = devicePixelRatio;
  ctx.strokeStyle = color;
  ctx.fillStyle = color;
  ctx.lineWidth = 2 * px;
  const x1 = X(anchor.t);
  switch (kind) {
    case 'point': {
      ctx.beginPath();
      ctx.arc(x1, Y(anchor.y!), 5 * px, 0, Math.PI * 2);
      ctx.fill();
      break;
    }
    case 'text': {
      const y = Y(anchor.y!);
      ctx.fillRect(x1 - 3 * px, y - 3 * px, 6 * px, 6 * px);
      break;
    }
    case 'range': {
      const x2 = X(anchor.t2!);
      ctx.globalAlpha = 0.15;
      ctx.fillRect(Math.min(x1, x2), top, Math.abs(x2 - x1), height);
      ctx.globalAlpha = 1;
      ctx.strokeRect(Math.min(x1, x2), top, Math.abs(x2 - x1), height);
      break;
    }
    case 'rect': {
      const [x2, y1, y2] = [X(anchor.t2!), Y(anchor.y!), Y(anchor.y2!)];
      ctx.globalAlpha = 0.15;
      ctx.fillRect(Math.min(x1, x2), Math.min(y1, y2), Math.abs(x2 - x1), Math.abs(y2 - y1));
      ctx.globalAlpha = 1;
      ctx.strokeRect(Math.min(x1, x2), Math.min(y1, y2), Math.abs(x2 - x1), Math.abs(y2 - y1));
      break;
    }
    case 'line':
    case 'arrow': {
      const [y1, x2, y2] = [Y(anchor.y!), X(anchor.t2!), Y(anchor.y2!)];
      ctx.beginPath();
      ctx.moveTo(x1, y1);
      ctx.lineTo(x2, y2);
      ctx.stroke();
      if (kind === 'arrow') {
        const a = Math.atan2(y2 - y1, x2 - x1);
        const l = 12 * px;
        ctx.beginPath();
        ctx.moveTo(x2, y2);
        ctx.lineTo(x2 - l * Math.cos(a - 0.4), y2 - l * Math.sin(a - 0.4));
        ctx.lineTo(x2 - l * Math.cos(a + 0.4), y2 - l * Math.sin(a + 0.4));
        ctx.closePath();
        ctx.fill();
      }
      break;
    }
    case 'polygon': {
      const pts = anchor.points ?? [];
      ctx.beginPath();
      pts.forEach((p, i) => (i === 0 ? ctx.moveTo(X(p.t), Y(p.y)) : ctx.lineTo(X(p.t), Y(p.y))));
      ctx.closePath();
      ctx.globalAlpha = 0.15;
      ctx.fill();
      ctx.globalAlpha = 1;
      ctx.stroke();
      break;
    }
  }
}

/**
 * Draws annotations' shapes, the selection's handles, the draft of the
 * active tool and other users' cursors on uPlot's canvas (its `draw` hook),
 * clipped to the plot area; titles and names are DOM boxes (chartLabels.ts). Positions come from the data coordinates through the
 * plot's current scales, so zoom and pan move everything with the data.
 */
export function drawOverlay(u: uPlot, scene: OverlayScene): void {
  const ctx = u.ctx;
  const { left, top, width, height } = u.bbox;
  const px = devicePixelRatio;
  ctx.save();
  ctx.beginPath();
  ctx.rect(left, top, width, height);
  ctx.clip();
  const mid = u.posToVal(height / px / 2, 'y');
  for (const a of scene.annotations) {
    const color = annotationColor(a, scene.tagColors);
    ctx.setLineDash(a.style.dash ? [6 * px, 4 * px] : []);
    shape(ctx, u, a.kind, a.anchor, color);
    if (a.id === scene.selectedId) {
      ctx.fillStyle = '#fff';
      ctx.strokeStyle = '#1c7ed6';
      ctx.lineWidth = 2 * px;
      const handles = handlesOf(a.kind, a.anchor, mid);
      for (const h of handles) {
        const [x, y] = [u.valToPos(h.at.t, 'x', true), u.valToPos(h.at.y, 'y', true)];
        ctx.fillRect(x - 5 * px, y - 5 * px, 10 * px, 10 * px);
        ctx.strokeRect(x - 5 * px, y - 5 * px, 10 * px, 10 * px);
      }
    }
  }
  if (scene.draft) {
    ctx.setLineDash([6 * px, 4 * px]);
    shape(ctx, u, scene.draft.kind, scene.draft.anchor, '#1c7ed6');
    ctx.setLineDash([]);
  }
  if (scene.polygon.length > 0) {
    ctx.strokeStyle = '#1c7ed6';
    ctx.fillStyle = '#1c7ed6';
    ctx.beginPath();
    scene.polygon.forEach((p, i) => {
      const [x, y] = [u.valToPos(p.t, 'x', true), u.valToPos(p.y, 'y', true)];
      if (i === 0) ctx.moveTo(x, y);
      else ctx.lineTo(x, y);
    });
    ctx.stroke();
    // Points clicked so far; the first one ringed: clicking near it closes the shape.
    scene.polygon.forEach((p, i) => {
      const [x, y] = [u.valToPos(p.t, 'x', true), u.valToPos(p.y, 'y', true)];
      ctx.beginPath();
      ctx.arc(x, y, (i === 0 ? 6 : 3) * px, 0, Math.PI * 2);
      if (i === 0) ctx.stroke();
      else ctx.fill();
    });
  }
  for (const c of scene.cursors) {
    const [x, y] = [u.valToPos(c.t, 'x', true), u.valToPos(c.y, 'y', true)];
    ctx.strokeStyle = c.color;
    ctx.fillStyle = c.color;
    ctx.lineWidth = px;
    ctx.setLineDash([3 * px, 3 * px]);
    ctx.beginPath();
    ctx.moveTo(x, top);
    ctx.lineTo(x, top + height);
    ctx.stroke();
    ctx.setLineDash([]);
    ctx.beginPath();
    ctx.arc(x, y, 4 * px, 0, Math.PI * 2);
    ctx.fill();
  }
  ctx.restore();
}
