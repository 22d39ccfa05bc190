import type { QcLimit, QcResult } from '@fieldbook/shared';

/**
 * Checks a run's QC metrics against the limits its instrument declares. A
 * metric passes when min ≤ value ≤ max (a missing bound does not constrain);
 * a metric without declared limits has `pass: null`, and so does a value
 * that is not a finite number. The run passes when no metric fails and at
 * least one was checked; null when nothing could be checked.
 */
export function evaluateQc(
  metrics: Record<string, number>,
  limits: readonly QcLimit[] = [],
): { qc: QcResult[]; qcPassed: boolean | null } {
  const byMetric = new Map(limits.map((l) => [l.metric, l]));
  const qc = Object.entries(metrics).map(([metric, value]): QcResult => {
    const limit = byMetric.get(metric);
    const min = limit?.min ?? null;
    const max = limit?.max ?? null;
    const checked = limit !== undefined && (min !== null || max !== null) && Number.isFinite(value);
    return {
      metric,
      value,
      unit: limit?.unit ?? null,
      min,
      max,
      pass: checked ? (min === null || value >= min) && (max === null || value <= max) : null,
    };
  });
  const checked = qc.filter((r) => r.pass !== null);
  return { qc, qcPassed: checked.length === 0 ? null : checked.every((r) => r.pass) };
}
