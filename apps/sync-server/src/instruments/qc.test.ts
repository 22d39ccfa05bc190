import { describe, expect, it } from 'vitest';
import { evaluateQc } from './qc';

describe('QC against declared limits', () => {
  const limits = [
    { metric: 'drift', unit: 'degC', max: 0.5 },
    { metric: 'mean', min: 36.5, max: 37.5 },
    { metric: 'note', description: 'no bounds' },
  ];

  it('passes a run whose metrics are all within their bounds, edges included', () => {
    const r = evaluateQc({ drift: 0.5, mean: 36.5 }, limits);
    expect(r.qc).toEqual([
      { metric: 'drift', value: 0.5, unit: 'degC', min: null, max: 0.5, pass: true },
      { metric: 'mean', value: 36.5, unit: null, min: 36.5, max: 37.5, pass: true },
    ]);
    expect(r.qcPassed).toBe(true);
  });

  it('fails a run when any metric is out of bounds or not a number', () => {
    expect(evaluateQc({ drift: 0.1, mean: 38 }, limits).qcPassed).toBe(false);
    const nan = evaluateQc({ drift: Number.NaN, mean: 37 }, limits);
    expect(nan.qc[0]!.pass).toBeNull();
    expect(nan.qcPassed).toBe(true);
  });

  it('checks nothing (null) for metrics without limits or an instrument without any', () => {
    expect(evaluateQc({ note: 3, other: 1 }, limits)).toEqual({
      qc: [
        { metric: 'note', value: 3, unit: null, min: null, max: null, pass: null },
        { metric: 'other', value: 1, unit: null, min: null, max: null, pass: null },
      ],
      qcPassed: null,
    });
    expect(evaluateQc({ drift: 9 }).qcPassed).toBeNull();
  });
});
