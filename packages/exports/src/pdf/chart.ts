import { createCanvas, type SKRSContext2D } from '@napi-rs/canvas';
import { anchorSpan, type Annotation, type DecimatedSeries } from '@fieldbook/shared';

/** One channel's decimated samples for a chart. */
export interface ChartSeries {
  label: string;
  series: DecimatedSeries;
}

/** Pixel size of a rendered chart (drawn at 2.5× its size in the PDF, so it stays sharp in print). */
export const CHART_WIDTH = 1200;
export const CHART_HEIGHT = 400;
const PAD = { left: 110, right: 30, top: 30, bottom: 70 };
const COLORS = ['#2563eb', '#16a34a', '#9333ea', '#ea580c'];
const MARK = '#d97706';
const FONT = '22px "DejaVu Sans", "Liberation Sans", sans-serif';

/** The time window a chart of `annotation` shows: its span with a quarter of it on each side (at least a minute). */
export function chartWindow(annotation: Annotation): [number, number] {
  const [lo, hi] = anchorSpan(annotation.anchor);
  const pad = Math.max((hi - lo) / 4, 30_000);
  return [lo - pad, hi + pad];
}

const pad2 = (n: number) => String(n).padStart(2, '0');
function timeLabel(ms: number, span: number): string {
  const d = new Date(ms);
  const hms = `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`;
  return span > 2 * 86_400_000 ? `${d.toISOString().slice(5, 10)} ${hms.slice(0, 5)}` : hms;
}

function valueRange(series: ChartSeries[], annotation: Annotation): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const { series: s } of series) {
    for (const v of s.min) lo = Math.min(lo, v);
    for (const v of s.max) hi = Math.max(hi, v);
  }
  const a = annotation.anchor;
  for (const v of [a.y, a.y2, ...(a.points ?? []).map((p) => p.y)]) {
    if (v !== undefined) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
  }
  if (!Number.isFinite(lo)) return [0, 1];
  if (lo === hi) return [lo - 1, hi + 1];
  const margin = (hi - lo) * 0.08;
  return [lo - margin, hi + margin];
}

/** A round step (1, 2 or 5 times a power of ten) cutting `span` into about four parts. */
function roundStep(span: number): number {
  const raw = span / 4;
  const power = 10 ** Math.floor(Math.log10(raw));
  return ([1, 2, 5, 10].find((m) => m * power >= raw) ?? 10) * power;
}

/** The value axis widened to whole round steps, with a label per step (as many decimals as the step needs). */
export function valueAxis(range: [number, number]): {
  v0: number;
  v1: number;
  ticks: [number, string][];
} {
  const step = roundStep(range[1] - range[0]);
  const first = Math.floor(range[0] / step);
  const last = Math.ceil(range[1] / step);
  const decimals = Math.max(0, -Math.floor(Math.log10(step)));
  const ticks: [number, string][] = [];
  for (let k = first; k <= last; k++) ticks.push([k * step, (k * step).toFixed(decimals)]);
  return { v0: first * step, v1: last * step, ticks };
}

/**
 * Draws the telemetry around an annotation — each channel's min/max buckets
 * as a line through every extreme, so spikes survive decimation — with the
 * annotation marked in its data coordinates, and returns it as a JPEG.
 */
export async function renderAnnotationChart(
  annotation: Annotation,
  window: [number, number],
  series: ChartSeries[],
): Promise<Buffer> {
  const canvas = createCanvas(CHART_WIDTH, CHART_HEIGHT);
  const g = canvas.getContext('2d');
  const [t0, t1] = window;
  const axis = valueAxis(valueRange(series, annotation));
  const { v0, v1 } = axis;
  const w = CHART_WIDTH - PAD.left - PAD.right;
  const h = CHART_HEIGHT - PAD.top - PAD.bottom;
  const x = (t: number) => PAD.left + ((t - t0) / (t1 - t0)) * w;
  const y = (v: number) => PAD.top + (1 - (v - v0) / (v1 - v0)) * h;

  g.fillStyle = '#ffffff';
  g.fillRect(0, 0, CHART_WIDTH, CHART_HEIGHT);
  drawGrid(g, { t0, t1, ticks: axis.ticks, x, y, w, h });
  drawMark(g, annotation, x, y, h);
  g.save();
  g.beginPath();
  g.rect(PAD.left, PAD.top, w, h);
  g.clip();
  series.forEach(({ series: s }, i) => {
    g.strokeStyle = COLORS[i % COLORS.length]!;
    g.lineWidth = 2.5;
    g.beginPath();
    for (let b = 0; b < s.start.length; b++) {
      const [first, second] =
        s.minT[b]! <= s.maxT[b]!
          ? [
              [s.minT[b]!, s.min[b]!],
              [s.maxT[b]!, s.max[b]!],
            ]
          : [
              [s.maxT[b]!, s.max[b]!],
              [s.minT[b]!, s.min[b]!],
            ];
      if (b === 0) g.moveTo(x(first[0]!), y(first[1]!));
      else g.lineTo(x(first[0]!), y(first[1]!));
      g.lineTo(x(second[0]!), y(second[1]!));
    }
    g.stroke();
  });
  g.restore();
  drawLegend(g, series);
  if (series.every((s) => s.series.start.length === 0)) {
    g.fillStyle = '#6b7280';
    g.font = FONT;
    g.textAlign = 'center';
    g.fillText('No telemetry stored for this time range', PAD.left + w / 2, PAD.top + h / 2);
  }
  return canvas.encode('jpeg', 90);
}

interface Frame {
  t0: number;
  t1: number;
  ticks: [number, string][];
  x(t: number): number;
  y(v: number): number;
  w: number;
  h: number;
}

function drawGrid(g: SKRSContext2D, f: Frame): void {
  g.strokeStyle = '#e5e7eb';
  g.lineWidth = 1;
  g.fillStyle = '#374151';
  g.font = FONT;
  for (const [v, label] of f.ticks) {
    const py = f.y(v);
    g.beginPath();
    g.moveTo(PAD.left, py);
    g.lineTo(PAD.left + f.w, py);
    g.stroke();
    g.textAlign = 'right';
    g.fillText(label, PAD.left - 10, py + 8);
  }
  for (let i = 0; i <= 5; i++) {
    const t = f.t0 + ((f.t1 - f.t0) * i) / 5;
    const px = f.x(t);
    g.beginPath();
    g.moveTo(px, PAD.top);
    g.lineTo(px, PAD.top + f.h);
    g.stroke();
    g.textAlign = i === 0 ? 'left' : i === 5 ? 'right' : 'center';
    g.fillText(timeLabel(t, f.t1 - f.t0), px, PAD.top + f.h + 30);
  }
  g.strokeStyle = '#9ca3af';
  g.strokeRect(PAD.left, PAD.top, f.w, f.h);
}

function drawMark(
  g: SKRSContext2D,
  a: Annotation,
  x: (t: number) => number,
  y: (v: number) => number,
  h: number,
): void {
  const { t, t2, y: v, y2, points } = a.anchor;
  g.strokeStyle = MARK;
  g.fillStyle = 'rgba(217, 119, 6, 0.18)';
  g.lineWidth = 4;
  switch (a.kind) {
    case 'range':
      g.fillRect(x(t), PAD.top, Math.max(2, x(t2!) - x(t)), h);
      break;
    case 'rect':
      g.fillRect(x(t), y(Math.max(v!, y2!)), x(t2!) - x(t), Math.abs(y(v!) - y(y2!)));
      g.strokeRect(x(t), y(Math.max(v!, y2!)), x(t2!) - x(t), Math.abs(y(v!) - y(y2!)));
      break;
    case 'line':
    case 'arrow':
      g.beginPath();
      g.moveTo(x(t), y(v!));
      g.lineTo(x(t2!), y(y2!));
      g.stroke();
      break;
    case 'polygon':
      g.beginPath();
      points!.forEach((p, i) => (i === 0 ? g.moveTo(x(p.t), y(p.y)) : g.lineTo(x(p.t), y(p.y))));
      g.closePath();
      g.fill();
      g.stroke();
      break;
    default:
      g.beginPath();
      g.moveTo(x(t), PAD.top);
      g.lineTo(x(t), PAD.top + h);
      g.stroke();
      if (v !== undefined) {
        g.beginPath();
        g.arc(x(t), y(v), 9, 0, Math.PI * 2);
        g.fillStyle = MARK;
        g.fill();
      }
  }
}

function drawLegend(g: SKRSContext2D, series: ChartSeries[]): void {
  g.font = FONT;
  g.textAlign = 'left';
  let px = PAD.left;
  const py = CHART_HEIGHT - 14;
  series.forEach(({ label }, i) => {
    g.fillStyle = COLORS[i % COLORS.length]!;
    g.fillRect(px, py - 16, 28, 8);
    g.fillStyle = '#111827';
    g.fillText(label, px + 36, py - 6);
    px += 36 + g.measureText(label).width + 40;
  });
}
