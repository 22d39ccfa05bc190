/**
 * The time axis' tick labels: 24-hour clock times as precise as the tick
 * step needs (no am/pm, no date on every tick), the date added as a second
 * line on the first tick and where the day changes; and the tick step: the
 * finest whose labels, measured in the axis font, keep apart, so that labels
 * never run into each other at any zoom.
 */

const DAY = 86_400_000;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const two = (n: number) => String(n).padStart(2, '0');

/** "Dec 6" (and the year when `withYear`). */
export function dateText(d: Date, withYear = false): string {
  const day = `${MONTHS[d.getMonth()]} ${d.getDate()}`;
  return withYear ? `${day}, ${d.getFullYear()}` : day;
}

/** "14:05", "14:05:09" or "14:05:09.250", as fine as `step` (ms) needs. */
export function clockText(d: Date, step: number): string {
  const hm = `${two(d.getHours())}:${two(d.getMinutes())}`;
  if (step >= 60_000) return hm;
  const hms = `${hm}:${two(d.getSeconds())}`;
  return step >= 1000 ? hms : `${hms}.${String(d.getMilliseconds()).padStart(3, '0')}`;
}

/** Labels of ticks at `splits` (epoch ms) `step` ms apart; lines separated by "\n". */
export function timeTickLabels(splits: number[], step: number): string[] {
  let lastDay = '';
  return splits.map((t, i) => {
    const d = new Date(t);
    const day = dateText(d);
    const first = i === 0;
    const changed = day !== lastDay;
    lastDay = day;
    if (step >= DAY) return dateText(d, first);
    return first || changed ? `${clockText(d, step)}\n${dateText(d, first)}` : clockText(d, step);
  });
}

const S = 1000;
const M = 60 * S;
const H = 60 * M;

/** Tick steps the time axis chooses from, finest first (ms). */
export const TIME_STEPS = [
  1,
  2,
  5,
  10,
  20,
  50,
  100,
  200,
  500,
  S,
  2 * S,
  5 * S,
  10 * S,
  15 * S,
  30 * S,
  M,
  2 * M,
  5 * M,
  10 * M,
  15 * M,
  30 * M,
  H,
  2 * H,
  3 * H,
  6 * H,
  12 * H,
  DAY,
  2 * DAY,
  7 * DAY,
  14 * DAY,
  30 * DAY,
  90 * DAY,
  180 * DAY,
  365 * DAY,
];

/** A label as wide as any the axis shows for ticks `step` apart (digits are equally wide). */
function sampleFor(step: number): string {
  if (step >= DAY) return 'Sep 30';
  return step >= M ? '00:00' : step >= S ? '00:00:00' : '00:00:00.000';
}

/**
 * Pixels needed between ticks `step` apart so that no two labels touch: the
 * clock text's width, or, for the date lines (the first one with the year),
 * half of each of two neighbouring dates; plus a gap.
 */
export function tickNeed(step: number, measure: (text: string) => number, gap = 16): number {
  const dates = (measure('Sep 30, 2026') + measure('Sep 30')) / 2;
  return Math.ceil(Math.max(measure(sampleFor(step)), dates) + gap);
}

/** The finest step whose ticks are far enough apart on a plot `plotPx` wide showing `spanMs`. */
export function chooseTimeStep(
  spanMs: number,
  plotPx: number,
  need: (step: number) => number,
): number {
  const fits = TIME_STEPS.find((step) => (step / spanMs) * plotPx >= need(step));
  return fits ?? TIME_STEPS[TIME_STEPS.length - 1]!;
}
