import type { AnnotationIndex } from '@fieldbook/crdt-model';
import { anchorSpan, type Annotation, type TimeWindow } from '@fieldbook/shared';

/** What a chart shows: its channels, the visible time range, and the tags in play. */
export interface RelatedContext {
  channels: readonly string[];
  from: number;
  to: number;
  /** The selected annotation's tags, or the chart's tag filter when none is selected. */
  tags: readonly string[];
  /** The selected annotation, never suggested to itself. */
  excludeId: string | null;
  /** How many suggestions at most (8). */
  limit?: number;
}

/** A suggested annotation and why: it lies in the visible range, and/or shares tags. */
export interface RelatedAnnotation {
  annotation: Annotation;
  inView: boolean;
  sharedTags: string[];
}

/** The widest time range an overlap query takes (all of an annotation collection). */
const ALL_TIME = { from: Number.MIN_SAFE_INTEGER, to: Number.MAX_SAFE_INTEGER };

/** The visible range of a chart window at `now`. */
export function visibleRange(window: TimeWindow, now: number): { from: number; to: number } {
  return window.mode === 'live'
    ? { from: now - window.lastMs, to: now }
    : { from: window.from, to: window.to };
}

/**
 * Seed 000's `suggestAnnotations`: the annotations of the chart's collection
 * related to what the chart shows — those overlapping the visible range on
 * the chart's channels, and those on its channels (at any time) sharing a
 * tag in play — read from the collection's AnnotationIndex (interval trees,
 * no scan). Both reasons first, then more shared tags, then in view, then
 * nearest in time to the middle of the range.
 */
export function relatedAnnotations(
  index: AnnotationIndex,
  ctx: RelatedContext,
): RelatedAnnotation[] {
  if (ctx.channels.length === 0) return [];
  const channels = [...ctx.channels];
  const inView = index.queryAnnotations({ channels, from: ctx.from, to: ctx.to });
  const tagged =
    ctx.tags.length > 0
      ? index.queryAnnotations({ channels, ...ALL_TIME, tags: [...ctx.tags] })
      : [];
  const viewIds = new Set(inView.map((a) => a.id));
  const found = new Map<string, RelatedAnnotation>();
  for (const annotation of [...inView, ...tagged]) {
    if (annotation.id === ctx.excludeId || found.has(annotation.id)) continue;
    found.set(annotation.id, {
      annotation,
      inView: viewIds.has(annotation.id),
      sharedTags: annotation.tags.filter((t) => ctx.tags.includes(t)),
    });
  }
  const middle = (ctx.from + ctx.to) / 2;
  const distance = (a: Annotation) => {
    const [lo, hi] = anchorSpan(a.anchor);
    return Math.abs((lo + hi) / 2 - middle);
  };
  const both = (r: RelatedAnnotation) => Number(r.inView && r.sharedTags.length > 0);
  return [...found.values()]
    .sort(
      (a, b) =>
        both(b) - both(a) ||
        b.sharedTags.length - a.sharedTags.length ||
        Number(b.inView) - Number(a.inView) ||
        distance(a.annotation) - distance(b.annotation) ||
        (a.annotation.id < b.annotation.id ? -1 : 1),
    )
    .slice(0, ctx.limit ?? 8);
}
