import type uPlot from 'uplot';
import type { ChannelSpec } from '@fieldbook/shared';

/** A channel's limits from its agent's manifest (warning and alarm, low and high). */
export type ChannelLimits = NonNullable<ChannelSpec['limits']>;

/** How far a value is beyond its channel's limits. */
export type LimitLevel = 'ok' | 'warning' | 'critical';

/** The level of `v` against `limits` (a missing bound does not constrain). */
export function limitLevel(v: number, limits: ChannelLimits): LimitLevel {
  const { warnLow, warnHigh, alarmLow, alarmHigh } = limits;
  if ((alarmLow !== undefined && v < alarmLow) || (alarmHigh !== undefined && v > alarmHigh))
    return 'critical';
  if ((warnLow !== undefined && v < warnLow) || (warnHigh !== undefined && v > warnHigh))
    return 'warning';
  return 'ok';
}

/** A band of values beyond a limit, from `from` to `to` (±Infinity: the plot's edge). */
export interface LimitBand {
  level: Exclude<LimitLevel, 'ok'>;
  from: number;
  to: number;
}

/** The value bands beyond a channel's limits: warning between a warn and an alarm bound, critical past an alarm bound. */
export function limitBands(limits: ChannelLimits): LimitBand[] {
  const { warnLow, warnHigh, alarmLow, alarmHigh } = limits;
  const bands: LimitBand[] = [];
  if (alarmHigh !== undefined) bands.push({ level: 'critical', from: alarmHigh, to: Infinity });
  if (warnHigh !== undefined)
    bands.push({ level: 'warning', from: warnHigh, to: alarmHigh ?? Infinity });
  if (alarmLow !== undefined) bands.push({ level: 'critical', from: -Infinity, to: alarmLow });
  if (warnLow !== undefined)
    bands.push({ level: 'warning', from: alarmLow ?? -Infinity, to: warnLow });
  return bands.filter((b) => b.to > b.from);
}

/** Samples beyond their limits in the drawn data, per level (what the chart marked). */
export interface LimitMarks {
  warning: number;
  critical: number;
}

/** What `drawLimits` needs: the colours of the two levels and each series' limits (index 1..n). */
export interface LimitLook {
  warning: string;
  critical: string;
  /** Limits of series i + 1 (null: none declared). */
  limits: (ChannelLimits | null)[];
}

function clampPx(u: uPlot, v: number): number {
  const { top, height } = u.bbox;
  if (v === Infinity) return top;
  if (v === -Infinity) return top + height;
  return Math.min(top + height, Math.max(top, u.valToPos(v, 'y', true)));
}

/**
 * Draws the limit bands of every channel under the series (a uPlot
 * `drawAxes` hook): a light fill per band and a dashed line at each bound.
 * Returns the levels of the bands that showed (some of the plot in them).
 */
export function drawLimitBands(u: uPlot, look: LimitLook): LimitBand['level'][] {
  const shown: LimitBand['level'][] = [];
  const ctx = u.ctx;
  const { left, width } = u.bbox;
  ctx.save();
  // Channels with the same limits (six wheels) share their bands, drawn once.
  const distinct = new Set(look.limits.filter((l) => l !== null).map((l) => JSON.stringify(l)));
  for (const key of distinct) {
    const limits = JSON.parse(key) as ChannelLimits;
    for (const band of limitBands(limits)) {
      const color = look[band.level];
      const y0 = clampPx(u, band.to);
      const y1 = clampPx(u, band.from);
      if (y1 - y0 < 0.5) continue;
      shown.push(band.level);
      ctx.globalAlpha = band.level === 'critical' ? 0.11 : 0.07;
      ctx.fillStyle = color;
      ctx.fillRect(left, y0, width, y1 - y0);
      ctx.globalAlpha = 0.8;
      ctx.strokeStyle = color;
      ctx.lineWidth = devicePixelRatio;
      ctx.setLineDash([4 * devicePixelRatio, 3 * devicePixelRatio]);
      const edge = Number.isFinite(band.from) ? band.from : band.to;
      const y = clampPx(u, edge);
      if (y > u.bbox.top && y < u.bbox.top + u.bbox.height) {
        ctx.beginPath();
        ctx.moveTo(left, y);
        ctx.lineTo(left + width, y);
        ctx.stroke();
      }
    }
  }
  ctx.restore();
  return shown;
}

/**
 * Marks every drawn sample beyond its channel's limits (a uPlot `draw`
 * hook): one path per level, so the cost is one comparison per point and a
 * circle per visibly distinct marked point. Returns how many were marked.
 */
export function drawLimitMarks(u: uPlot, look: LimitLook): LimitMarks {
  const marks: LimitMarks = { warning: 0, critical: 0 };
  const xs = u.data[0];
  const [xMin, xMax] = [u.scales.x!.min ?? -Infinity, u.scales.x!.max ?? Infinity];
  const r = 2.5 * devicePixelRatio;
  const paths = { warning: new Path2D(), critical: new Path2D() };
  look.limits.forEach((limits, i) => {
    const ys = u.data[i + 1];
    if (!limits || !ys || u.series[i + 1]?.show === false) return;
    const lastAt = { warning: { x: -Infinity, y: 0 }, critical: { x: -Infinity, y: 0 } };
    for (let j = 0; j < xs.length; j++) {
      const v = ys[j];
      const t = xs[j]!;
      if (v === null || v === undefined || t < xMin || t > xMax) continue;
      const level = limitLevel(v, limits);
      if (level === 'ok') continue;
      marks[level]++;
      const x = u.valToPos(t, 'x', true);
      const y = u.valToPos(v, 'y', true);
      // A mark on top of the last one adds nothing to see: dense data draws about one per mark width.
      const last = lastAt[level];
      if (Math.abs(x - last.x) < r && Math.abs(y - last.y) < r) continue;
      lastAt[level] = { x, y };
      paths[level].moveTo(x + r, y);
      paths[level].arc(x, y, r, 0, 2 * Math.PI);
    }
  });
  const ctx = u.ctx;
  ctx.save();
  ctx.beginPath();
  ctx.rect(u.bbox.left, u.bbox.top, u.bbox.width, u.bbox.height);
  ctx.clip();
  ctx.lineWidth = 1.25 * devicePixelRatio;
  for (const level of ['warning', 'critical'] as const) {
    if (marks[level] === 0) continue;
    ctx.fillStyle = look[level];
    ctx.strokeStyle = look[level];
    ctx.globalAlpha = 0.25;
    ctx.fill(paths[level]);
    ctx.globalAlpha = 1;
    ctx.stroke(paths[level]);
  }
  ctx.restore();
  return marks;
}
