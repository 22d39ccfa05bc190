import type uPlot from 'uplot';
import { eventFailed, type ChartEvent } from './chartEvents';

/** The colours events are drawn in. */
export interface EventLook {
  /** Runs and commands. */
  accent: string;
  /** Commands and runs that ended badly. */
  danger: string;
  /** Label backgrounds. */
  background: string;
  /** Label text. */
  text: string;
  font: string;
}

/** An event as drawn: its label and where (CSS px from the plot's left), for tests to check. */
export interface DrawnEvent {
  id: string;
  kind: ChartEvent['kind'];
  label: string;
  state: string;
  left: number;
  right: number;
}

/** The x extent of an event in canvas px, clipped to the plot; null when outside it. */
function extent(u: uPlot, e: ChartEvent): [number, number] | null {
  const min = u.scales.x!.min ?? 0;
  const max = u.scales.x!.max ?? 0;
  const end = e.kind === 'run' ? (e.end ?? max) : e.at;
  if (end < min || e.at > max) return null;
  const { left, width } = u.bbox;
  const x = (t: number) => Math.min(left + width, Math.max(left, u.valToPos(t, 'x', true)));
  return [x(e.at), x(end)];
}

/** Shades each run's span under the series (a uPlot `drawAxes` hook). */
export function drawRunSpans(u: uPlot, events: readonly ChartEvent[], look: EventLook): void {
  const ctx = u.ctx;
  const { top, height } = u.bbox;
  ctx.save();
  for (const e of events) {
    if (e.kind !== 'run') continue;
    const span = extent(u, e);
    if (!span) continue;
    const color = eventFailed(e) ? look.danger : look.accent;
    ctx.fillStyle = color;
    ctx.globalAlpha = 0.08;
    ctx.fillRect(span[0], top, Math.max(span[1] - span[0], devicePixelRatio), height);
    ctx.globalAlpha = 0.6;
    ctx.fillRect(span[0], top, devicePixelRatio, height);
    if (e.end !== null) ctx.fillRect(span[1] - devicePixelRatio, top, devicePixelRatio, height);
  }
  ctx.restore();
}

/**
 * Draws command markers (a dashed line and a flag at the top) and the
 * labels of runs and commands over the series (a uPlot `draw` hook); labels
 * that would overlap go to the next row. Returns what was drawn.
 */
export function drawEventMarks(
  u: uPlot,
  events: readonly ChartEvent[],
  look: EventLook,
): DrawnEvent[] {
  const ctx = u.ctx;
  const px = devicePixelRatio;
  const { top, height } = u.bbox;
  const rowHeight = 16 * px;
  const rowsEnd: number[] = [];
  const drawn: DrawnEvent[] = [];
  ctx.save();
  ctx.font = `${11 * px}px ${look.font}`;
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'left';
  for (const e of events) {
    const span = extent(u, e);
    if (!span) continue;
    const color = eventFailed(e) ? look.danger : look.accent;
    const x = span[0];
    if (e.kind === 'command') {
      ctx.strokeStyle = color;
      ctx.globalAlpha = 0.7;
      ctx.lineWidth = px;
      ctx.setLineDash([3 * px, 3 * px]);
      ctx.beginPath();
      ctx.moveTo(x, top);
      ctx.lineTo(x, top + height);
      ctx.stroke();
      ctx.setLineDash([]);
    }
    const text = e.kind === 'run' ? `Run ${e.label}` : e.label;
    const w = ctx.measureText(text).width + 10 * px;
    let row = rowsEnd.findIndex((end) => end < x);
    if (row === -1) row = rowsEnd.length;
    rowsEnd[row] = x + w + 4 * px;
    const y = top + 2 * px + row * rowHeight;
    ctx.globalAlpha = 0.9;
    ctx.fillStyle = look.background;
    ctx.fillRect(x, y, w, rowHeight - 2 * px);
    ctx.globalAlpha = 1;
    ctx.fillStyle = color;
    ctx.fillRect(x, y, 2 * px, rowHeight - 2 * px);
    ctx.fillStyle = look.text;
    ctx.fillText(text, x + 6 * px, y + (rowHeight - 2 * px) / 2);
    drawn.push({
      id: e.id,
      kind: e.kind,
      label: text,
      state: e.state,
      left: (x - u.bbox.left) / px,
      right: (span[1] - u.bbox.left) / px,
    });
  }
  ctx.restore();
  return drawn;
}
