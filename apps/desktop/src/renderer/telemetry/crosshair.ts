import type uPlot from 'uplot';
import { clockText, dateText } from './timeAxis';

/** How far (CSS px) the nearest sample may be from the cursor for its value to show. */
const NEAR_PX = 24;

/** A series as the crosshair names it. */
export interface ReadoutSeries {
  label: string;
  unit: string;
  color: string;
}

/**
 * Each value column's value at row `idx`, or its nearest non-null value
 * within `reach` rows (channels sampled at other times have gaps in the
 * shared time axis); null when there is none that near.
 */
export function valuesAt(data: uPlot.AlignedData, idx: number, reach = 64): (number | null)[] {
  return data.slice(1).map((column) => {
    const col = column as (number | null | undefined)[];
    for (let d = 0; d <= reach; d++) {
      const before = col[idx - d];
      if (before != null) return before;
      const after = col[idx + d];
      if (after != null) return after;
    }
    return null;
  });
}

/** A value with four significant digits, e.g. 2.244, 1532, 0.0713. */
export function formatValue(v: number): string {
  return Math.abs(v) >= 10_000 ? v.toFixed(0) : String(Number(v.toPrecision(4)));
}

/**
 * The crosshair's readout: a small box beside the cursor with the time and
 * the value (and unit) of every series there, flipped to the cursor's left
 * near the right edge. Updated from uPlot's setCursor hook.
 */
export class CrosshairReadout {
  private readonly el = document.createElement('div');

  constructor(
    private readonly over: HTMLElement,
    private readonly series: () => ReadoutSeries[],
  ) {
    this.el.className = 'chart-readout';
    this.el.dataset.testid = 'crosshair-readout';
    this.el.hidden = true;
    over.appendChild(this.el);
  }

  /** Shows the readout for the cursor's position (hidden when the cursor is off the plot). */
  update(u: uPlot): void {
    const { idx, left, top } = u.cursor;
    if (idx == null || left == null || left < 0 || top == null || u.data[0].length === 0) {
      this.el.hidden = true;
      return;
    }
    const t = u.posToVal(left, 'x');
    // Far from any sample (a gap in the data), the series have no value here.
    const near = Math.abs(u.valToPos(u.data[0][idx]!, 'x') - left) <= NEAR_PX;
    const values = near ? valuesAt(u.data, idx) : valuesAt(u.data, idx).map(() => null);
    const time = document.createElement('div');
    time.className = 'chart-readout__time';
    time.textContent = `${dateText(new Date(t))} ${clockText(new Date(t), 1)}`;
    const rows = this.series().map((s, i) => {
      const row = document.createElement('div');
      row.className = 'chart-readout__row';
      const swatch = document.createElement('span');
      swatch.className = 'chart-readout__swatch';
      swatch.style.background = s.color;
      const name = document.createElement('span');
      name.textContent = s.label;
      const value = document.createElement('span');
      value.className = 'chart-readout__value';
      const v = values[i];
      value.textContent = v == null ? '—' : `${formatValue(v)}${s.unit ? ` ${s.unit}` : ''}`;
      row.append(swatch, name, value);
      return row;
    });
    this.el.replaceChildren(time, ...rows);
    this.el.hidden = false;
    const width = this.el.offsetWidth;
    const flip = left + 16 + width > this.over.clientWidth;
    this.el.style.left = `${flip ? Math.max(0, left - 16 - width) : left + 16}px`;
    this.el.style.top = `${Math.min(Math.max(0, top + 12), this.over.clientHeight - this.el.offsetHeight)}px`;
  }

  destroy(): void {
    this.el.remove();
  }
}
