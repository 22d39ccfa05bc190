import { describe, expect, it } from 'vitest';
import { valueAxis } from './chart';

describe('chart value axis', () => {
  it('widens the range to round steps and labels them with the decimals the step needs', () => {
    const axis = valueAxis([-0.6988, 31.2]);
    expect(axis.ticks.map(([, label]) => label)).toEqual(['-10', '0', '10', '20', '30', '40']);
    expect([axis.v0, axis.v1]).toEqual([-10, 40]);
  });

  it('keeps small steps exact', () => {
    const axis = valueAxis([0.0665, 0.31]);
    expect(axis.ticks.map(([, label]) => label)).toEqual(['0.0', '0.1', '0.2', '0.3', '0.4']);
    expect(axis.ticks[3]![0]).toBeCloseTo(0.3, 12);
  });
});
