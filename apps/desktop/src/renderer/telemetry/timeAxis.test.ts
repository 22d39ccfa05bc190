import { describe, expect, it } from 'vitest';
import { chooseTimeStep, clockText, timeTickLabels, tickNeed } from './timeAxis';

const at = (h: number, m: number, s = 0, ms = 0) => new Date(2026, 11, 6, h, m, s, ms).getTime();

describe('time axis labels', () => {
  it('shows the clock as fine as the step, 24-hour', () => {
    expect(clockText(new Date(at(15, 4)), 60_000)).toBe('15:04');
    expect(clockText(new Date(at(15, 4, 9)), 5000)).toBe('15:04:09');
    expect(clockText(new Date(at(15, 4, 9, 250)), 100)).toBe('15:04:09.250');
  });

  it('puts the date only under the first tick and where the day changes', () => {
    const splits = [at(23, 0), at(23, 30), at(24, 0), at(24, 30)];
    expect(timeTickLabels(splits, 30 * 60_000)).toEqual([
      '23:00\nDec 6, 2026',
      '23:30',
      '00:00\nDec 7',
      '00:30',
    ]);
  });

  it('chooses the finest step whose labels keep apart, at every zoom', () => {
    const measure = (text: string) => text.length * 7;
    const need = (step: number) => tickNeed(step, measure);
    for (const span of [2_000, 30_000, 300_000, 3_600_000, 86_400_000 * 3]) {
      for (const width of [300, 700, 1200]) {
        const step = chooseTimeStep(span, width, need);
        expect((step / span) * width).toBeGreaterThanOrEqual(need(step));
      }
    }
    expect(chooseTimeStep(300_000, 700, need)).toBe(60_000);
  });
});
