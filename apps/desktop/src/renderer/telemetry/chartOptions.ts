import type uPlot from 'uplot';
import type { ThemeTokens } from '../ui';
import type { ChannelLimits } from './limitBands';
import { chooseTimeStep, tickNeed, timeTickLabels } from './timeAxis';

/** One channel drawn on a chart: its name with unit (legend, readout) and colour. */
export interface ChartChannel {
  id: string;
  /** "instrument.key (unit)". */
  label: string;
  /** The unit shown after values ("" when none). */
  unit: string;
  /** A colour chosen for the channel; otherwise the theme's series colour. */
  color?: string;
  /** Warning and alarm limits from the agent's manifest, drawn as bands. */
  limits?: ChannelLimits;
}

/** One line of a tick label as drawn: its text, line (0: clock, 1: date) and horizontal extent in CSS px. */
export interface TickLabelBox {
  text: string;
  line: number;
  left: number;
  right: number;
}

const FALLBACK_FONT = 'system-ui, sans-serif';

/** The colour a channel is drawn in, given its position on the chart. */
export function seriesColor(c: ChartChannel, i: number, tokens: ThemeTokens): string {
  return c.color ?? tokens.series[i % tokens.series.length] ?? '#1c7ed6';
}

/**
 * The time axis in the theme's colours, with labels that never overlap (see
 * timeAxis.ts) and a record of the labels last drawn, for tests to check.
 */
export class TimeAxis {
  readonly font: string;
  private readonly measure = document.createElement('canvas').getContext('2d')!;
  private ticks: { splits: number[]; labels: string[] } = { splits: [], labels: [] };

  constructor(tokens: ThemeTokens) {
    this.font = `12px ${tokens.fontSans || FALLBACK_FONT}`;
    this.measure.font = this.font;
  }

  /** uPlot's axis options for the x axis. */
  options(tokens: ThemeTokens): uPlot.Axis {
    const width = (text: string) => this.measure.measureText(text).width;
    const need = (step: number) => tickNeed(step, width);
    return {
      ...axisLook(tokens, this.font),
      // The step is chosen here (not by uPlot's spacing rule) so labels of any width keep apart.
      space: (_u, _axis, min, max, plotPx) => need(chooseTimeStep(max - min, plotPx, need)),
      incrs: (_u, _axis, min, max, plotPx) => [chooseTimeStep(max - min, plotPx, need)],
      size: 46,
      values: (_u, splits, _axis, _space, step) => {
        const labels = timeTickLabels(splits, step);
        this.ticks = { splits, labels };
        return labels;
      },
    };
  }

  /** Room beside the plot for half of the widest label (a clock with ms, or a date with its year). */
  edgeRoom(): number {
    const widest = Math.max(
      ...['00:00:00.000', 'Sep 30, 2026'].map((t) => this.measure.measureText(t).width),
    );
    return Math.ceil(widest / 2) + 4;
  }

  /** The boxes of the lines of the labels last drawn, in order. */
  boxes(u: uPlot): TickLabelBox[] {
    const { splits, labels } = this.ticks;
    return splits.flatMap((t, i) => {
      const x = u.bbox.left / devicePixelRatio + u.valToPos(t, 'x');
      return (labels[i] ?? '').split('\n').map((text, line) => {
        const w = this.measure.measureText(text).width;
        return { text, line, left: x - w / 2, right: x + w / 2 };
      });
    });
  }
}

function axisLook(tokens: ThemeTokens, font: string): uPlot.Axis {
  return {
    stroke: tokens.text,
    font,
    grid: { stroke: tokens.grid, width: 1 },
    ticks: { stroke: tokens.axis, width: 1, size: 4 },
  };
}

/** uPlot's options for a chart of `channels` in the theme's look; hooks and scales come from the caller. */
export function plotOptions(args: {
  width: number;
  height: number;
  channels: ChartChannel[];
  tokens: ThemeTokens;
  timeAxis: TimeAxis;
  yRange: () => [number | null, number | null];
  hooks: uPlot.Hooks.Arrays;
}): uPlot.Options {
  const { tokens } = args;
  return {
    width: args.width,
    height: args.height,
    ms: 1,
    // Room for half a time label at either end of the plot (the value axis holds the left one, when shown).
    padding: [
      null,
      args.timeAxis.edgeRoom(),
      null,
      (_u, _side, withAxes) => (withAxes[3] ? 0 : args.timeAxis.edgeRoom()),
    ],
    scales: {
      x: { time: true },
      y: {
        range: (_u, min, max): uPlot.Range.MinMax => {
          const [lo, hi] = args.yRange();
          return [lo ?? min, hi ?? max];
        },
      },
    },
    axes: [args.timeAxis.options(tokens), { ...axisLook(tokens, args.timeAxis.font), size: 52 }],
    cursor: {
      drag: { x: true, y: false, setScale: false },
      points: { size: 7 },
    },
    legend: { show: true, live: false },
    series: [
      {},
      ...args.channels.map((c, i) => ({
        label: c.label,
        stroke: seriesColor(c, i, tokens),
        width: 1.5,
        spanGaps: true,
      })),
    ],
    hooks: args.hooks,
  };
}
