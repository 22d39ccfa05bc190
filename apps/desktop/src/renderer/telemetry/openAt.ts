import type { TimeWindow } from '@fieldbook/shared';

/** Where to open a chart: the annotation to select and the time range to show around it. */
export interface ChartTarget {
  collectionId: string;
  annotationId: string;
  from: number;
  to: number;
}

let pending: ChartTarget | null = null;

/**
 * The entry point for opening a chart "at" an annotation (search results,
 * links): call before navigating to the chart; the panel overlaying that
 * collection takes it once, shows the range and selects the annotation.
 */
export function openChartAt(target: ChartTarget): void {
  pending = target;
}

/** The pending target for a panel overlaying `collectionId`, taken (returned once). */
export function takeChartTarget(collectionId: string | null): ChartTarget | null {
  if (!pending || pending.collectionId !== collectionId) return null;
  const target = pending;
  pending = null;
  return target;
}

/** A fixed window showing [from, to] with a margin of a quarter of its width (a point gets a minute). */
export function windowAround(target: ChartTarget): TimeWindow {
  const span = Math.max(target.to - target.from, 60_000);
  return { mode: 'fixed', from: target.from - span / 4, to: target.from + span + span / 4 };
}
