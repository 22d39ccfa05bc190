import type uPlot from 'uplot';
import type { Annotation } from '@fieldbook/shared';
import type { PeerCursor } from './annotationOverlay';
import { layoutLabels, type LabelRequest, type PlacedLabel } from './labelLayout';

const LABEL_HEIGHT = 18;
/** Padding (2 × 4 px) and borders (1 + 3 px) of a label around its text. */
const LABEL_CHROME = 13;
const LAYOUT = { maxWidth: 240, shortWidth: 64, gap: 2 };

/** Where a kind's label wants to sit, from the shape's corner points in CSS px. */
function wantedAt(u: uPlot, a: Annotation): { x: number; y: number } {
  const X = (t: number) => u.valToPos(t, 'x');
  const Y = (v: number) => u.valToPos(v, 'y');
  const s = a.anchor;
  switch (a.kind) {
    case 'range':
      return { x: Math.min(X(s.t), X(s.t2!)) + 4, y: 4 };
    case 'rect':
      return {
        x: Math.min(X(s.t), X(s.t2!)) + 4,
        y: Math.min(Y(s.y!), Y(s.y2!)) - LABEL_HEIGHT - 3,
      };
    case 'text':
      return { x: X(s.t) + 6, y: Y(s.y!) - LABEL_HEIGHT / 2 };
    case 'polygon': {
      const p = s.points?.[0] ?? { t: s.t, y: s.y ?? 0 };
      return { x: X(p.t) + 6, y: Y(p.y) - LABEL_HEIGHT - 4 };
    }
    default:
      return { x: X(s.t) + 6, y: Y(s.y!) - LABEL_HEIGHT - 4 };
  }
}

/**
 * The annotation titles and other users' names over a chart, as DOM boxes in
 * the plot area (uPlot's `over`): titles laid out by `layoutLabels` so none
 * covers another or an axis, shortened with an ellipsis when crowded and shown
 * whole when the pointer is on them; each peer's name in their colour beside
 * their pointer. The boxes let pointer events through to the plot.
 */
export class ChartLabelLayer {
  private readonly root = document.createElement('div');
  private readonly measure = document.createElement('canvas').getContext('2d')!;
  private placed: PlacedLabel[] = [];
  private expanded: string | null = null;

  constructor(
    over: HTMLElement,
    private readonly font: string,
  ) {
    this.root.className = 'chart-labels';
    over.appendChild(this.root);
    this.measure.font = `11px ${font}`;
  }

  /** Lays out and shows the titles of `annotations` (the most important first). */
  render(u: uPlot, annotations: Annotation[], colorOf: (a: Annotation) => string): void {
    const byId = new Map(annotations.map((a) => [a.id, a]));
    const text = (a: Annotation) => a.title || (a.kind === 'text' ? 'Text' : '');
    const requests: LabelRequest[] = annotations
      .filter((a) => text(a) !== '')
      .map((a) => ({
        id: a.id,
        ...wantedAt(u, a),
        width: Math.ceil(this.measure.measureText(text(a)).width) + LABEL_CHROME,
        height: LABEL_HEIGHT,
      }));
    const { width, height } = this.root.getBoundingClientRect();
    this.placed = layoutLabels(requests, { width, height, ...LAYOUT });
    const boxes = this.placed.map((p) => {
      const a = byId.get(p.id)!;
      const el = document.createElement('div');
      el.className = `chart-label${p.id === this.expanded && p.truncated ? ' chart-label--expanded' : ''}`;
      el.dataset.annotationId = p.id;
      el.textContent = text(a);
      el.style.cssText = `left:${p.left}px;top:${p.top}px;width:${p.width}px;border-left-color:${colorOf(a)}`;
      return el;
    });
    this.root.querySelectorAll('.chart-label').forEach((el) => el.remove());
    this.root.prepend(...boxes);
  }

  /** Shows whole the shortened label under the pointer (plot CSS px; null: none). */
  hover(at: { x: number; y: number } | null): void {
    const hit = at
      ? this.placed.find(
          (p) =>
            p.truncated &&
            at.x >= p.left &&
            at.x <= p.left + p.width &&
            at.y >= p.top &&
            at.y <= p.top + p.height,
        )
      : undefined;
    const id = hit?.id ?? null;
    if (id === this.expanded) return;
    this.expanded = id;
    this.root.querySelectorAll<HTMLElement>('.chart-label').forEach((el) => {
      el.classList.toggle('chart-label--expanded', el.dataset.annotationId === id);
    });
  }

  /** Shows each other user's name in their colour beside their pointer (boxes reused across frames). */
  peers(u: uPlot, cursors: PeerCursor[]): void {
    const shown = [...this.root.querySelectorAll<HTMLElement>('.chart-peer')];
    shown.slice(cursors.length).forEach((el) => el.remove());
    cursors.forEach((c, i) => {
      let el = shown[i];
      if (!el) {
        el = document.createElement('div');
        el.className = 'chart-peer';
        el.dataset.testid = 'peer-cursor';
        this.root.appendChild(el);
      }
      el.textContent = c.name;
      el.style.cssText = `left:${u.valToPos(c.t, 'x') + 8}px;top:${u.valToPos(c.y, 'y') - 22}px;background:${c.color}`;
    });
  }

  destroy(): void {
    this.root.remove();
  }
}
