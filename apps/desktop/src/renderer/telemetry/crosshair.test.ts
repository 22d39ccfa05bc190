import type uPlot from 'uplot';
import { describe, expect, it } from 'vitest';
import { formatValue, valuesAt } from './crosshair';

describe('crosshair values', () => {
  const data = [
    [1, 2, 3, 4, 5],
    [10, null, null, null, 14],
    [null, 21, null, 23, null],
  ] as uPlot.AlignedData;

  it('reads every series at the cursor, bridging the gaps of the shared time axis', () => {
    expect(valuesAt(data, 0)).toEqual([10, 21]);
    expect(valuesAt(data, 3)).toEqual([14, 23]);
  });

  it('says nothing for a series with no point near the cursor', () => {
    expect(valuesAt(data, 2, 0)).toEqual([null, null]);
  });

  it('formats values to four significant digits', () => {
    expect(formatValue(2.24417)).toBe('2.244');
    expect(formatValue(1532.7)).toBe('1533');
    expect(formatValue(0.071349)).toBe('0.07135');
    expect(formatValue(123456.7)).toBe('123457');
  });
});
