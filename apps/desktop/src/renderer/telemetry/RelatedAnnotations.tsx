import { useEffect, useReducer } from 'react';
import type * as Y from 'yjs';
import { readAnnotation, type AnnotationIndex } from '@fieldbook/crdt-model';
import type { TimeWindow } from '@fieldbook/shared';
import { displayTag } from '../tags/tagNames';
import { Badge, Chip } from '../ui';
import { relatedAnnotations, visibleRange } from './relatedAnnotations';
import './relatedAnnotations.css';

/** How often a live chart's suggestions follow the moving range. */
const LIVE_REFRESH_MS = 5_000;

interface RelatedAnnotationsProps {
  doc: Y.Doc;
  index: AnnotationIndex;
  /** The chart's channel ids. */
  channels: readonly string[];
  window: TimeWindow;
  /** The chart's overlay tag filter (the tags in play when nothing is selected). */
  tags: readonly string[];
  selectedId: string | null;
  onSelect(id: string): void;
  tagColors: Record<string, string>;
}

/** Re-renders on every change of the collection and, for a live window, as time moves. */
function useFreshness(doc: Y.Doc, live: boolean): void {
  const [, bump] = useReducer((n: number) => n + 1, 0);
  useEffect(() => {
    doc.on('update', bump);
    const timer = live ? setInterval(bump, LIVE_REFRESH_MS) : null;
    return () => {
      doc.off('update', bump);
      if (timer) clearInterval(timer);
    };
  }, [doc, live]);
}

/**
 * "Related annotations" under the chart's annotation list: those in the
 * visible range on the chart's channels and those sharing the selected
 * annotation's tags (or the chart's tag filter), each with why; choosing one
 * selects it.
 */
export function RelatedAnnotations(props: RelatedAnnotationsProps) {
  useFreshness(props.doc, props.window.mode === 'live');
  const selected = props.selectedId ? readAnnotation(props.doc, props.selectedId) : null;
  const tags = selected ? selected.tags : props.tags;
  const found = relatedAnnotations(props.index, {
    channels: props.channels,
    ...visibleRange(props.window, Date.now()),
    tags,
    excludeId: props.selectedId,
  });
  return (
    <section className="related-annotations" aria-labelledby="related-annotations-title">
      <h3 id="related-annotations-title" className="related-annotations__title">
        Related annotations
      </h3>
      {found.length === 0 ? (
        <p className="related-annotations__empty">
          {tags.length > 0
            ? 'Nothing else in view or sharing these tags on this chart.'
            : 'Nothing else in view on these channels.'}
        </p>
      ) : (
        <ul className="related-annotations__list">
          {found.map(({ annotation: a, inView, sharedTags }) => (
            <li key={a.id}>
              <button
                type="button"
                className="related-annotations__item"
                onClick={() => props.onSelect(a.id)}
              >
                <span className="related-annotations__name">{a.title || 'Untitled'}</span>
                <span className="related-annotations__why">
                  {inView && <Badge tone="accent">in view</Badge>}
                  {sharedTags.map((t) => (
                    <Chip key={t} color={props.tagColors[t]}>
                      {displayTag(t)}
                    </Chip>
                  ))}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
