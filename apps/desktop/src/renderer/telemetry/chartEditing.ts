import type uPlot from 'uplot';
import { createAnnotation, moveAnnotation, resizeAnnotation } from '@fieldbook/crdt-model';
import type { Annotation } from '@fieldbook/shared';
import { attachInteraction, type Interaction, type InteractionContext } from './chartInteraction';
import type { TelemetryChartProps } from './TelemetryChart';

/** What the chart's editing reads from its props, afresh on every event. */
type EditingProps = Pick<
  TelemetryChartProps,
  | 'tool'
  | 'grant'
  | 'origin'
  | 'channels'
  | 'selectedId'
  | 'onSelect'
  | 'collection'
  | 'draftTitle'
  | 'onZoom'
  | 'awareness'
  | 'cursorKey'
>;

/**
 * The chart's pointer handling wired to the model: shapes drawn become
 * annotations of the collection (titled with the draft title, then
 * selected), moves and resizes are stored, pans move the plot and end in a
 * fixed window, and the pointer is shared through awareness.
 */
export function attachModelInteraction(
  u: uPlot,
  props: () => EditingProps,
  visible: () => Annotation[],
  preview: InteractionContext['preview'],
): Interaction {
  return attachInteraction(u, {
    tool: () => props().tool,
    grant: () => props().grant,
    actor: () => props().origin.actor,
    channels: () => props().channels.map((c) => c.id),
    visible,
    selectedId: () => props().selectedId,
    select: (id) => props().onSelect(id),
    preview,
    create: (kind, anchor) => {
      const p = props();
      if (!p.collection) return;
      p.onSelect(
        createAnnotation(p.collection.doc, { kind, anchor, title: p.draftTitle }, p.origin),
      );
    },
    move: (id, dt, dy) => {
      const p = props();
      if (p.collection) moveAnnotation(p.collection.doc, { id, dt, dy }, p.origin);
    },
    resize: (id, fields) => {
      const p = props();
      if (p.collection) resizeAnnotation(p.collection.doc, { id, ...fields }, p.origin);
    },
    pan: (dt, done) => {
      const [from, to] = [u.scales.x!.min!, u.scales.x!.max!];
      if (done) props().onZoom({ mode: 'fixed', from: from + dt, to: to + dt });
      else u.setScale('x', { min: from + dt, max: to + dt });
    },
    pointer: (at) => {
      const p = props();
      p.awareness?.setLocalStateField('chartCursor', at ? { key: p.cursorKey, ...at } : null);
    },
  });
}
