import { describe, expect, it } from 'vitest';
import { limitBands, limitLevel } from './limitBands';

describe('channel limits', () => {
  const limits = { warnLow: 24, alarmLow: 22, warnHigh: 4, alarmHigh: 6 };

  it('grades a value as ok, warning or critical (bounds themselves are within)', () => {
    const high = { warnHigh: 4, alarmHigh: 6 };
    expect([3, 4, 4.01, 6, 6.5].map((v) => limitLevel(v, high))).toEqual([
      'ok',
      'ok',
      'warning',
      'warning',
      'critical',
    ]);
    const low = { warnLow: 24, alarmLow: 22 };
    expect([25, 23, 21].map((v) => limitLevel(v, low))).toEqual(['ok', 'warning', 'critical']);
    expect(limitLevel(1e9, {})).toBe('ok');
  });

  it('makes a warning band between a warn and an alarm bound and a critical band past the alarm bound', () => {
    expect(limitBands({ warnHigh: 4, alarmHigh: 6 })).toEqual([
      { level: 'critical', from: 6, to: Infinity },
      { level: 'warning', from: 4, to: 6 },
    ]);
    expect(limitBands({ warnLow: 36.5 })).toEqual([
      { level: 'warning', from: -Infinity, to: 36.5 },
    ]);
    expect(limitBands(limits)).toHaveLength(4);
    // A warn bound beyond its alarm bound leaves no warning band.
    expect(limitBands({ warnHigh: 7, alarmHigh: 6 })).toEqual([
      { level: 'critical', from: 6, to: Infinity },
    ]);
  });
});
