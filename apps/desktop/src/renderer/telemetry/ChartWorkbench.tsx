import { useRef, useState, type KeyboardEvent } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import type { ModelOrigin } from '@fieldbook/crdt-model';
import { can, type Grant, type TimeWindow } from '@fieldbook/shared';
import { Input, SegmentedControl, TooltipProvider } from '../ui';
import { AnnotationSidePanel } from './AnnotationSidePanel';
import { RelatedAnnotations } from './RelatedAnnotations';
import type { ChartEvent } from './chartEvents';
import type { Tool } from './chartInteraction';
import { LIVE_MINUTES, liveSegments, toolForKey, toolSegments } from './chartTools';
import { clockText } from './timeAxis';
import { useDeleteAnnotation } from './useDeleteAnnotation';
import {
  TelemetryChart,
  type ChartChannel,
  type ChartCollection,
  type ChartControls,
} from './TelemetryChart';
import type { TelemetrySource } from './telemetryClient';

export interface ChartWorkbenchProps {
  source: TelemetrySource;
  channels: ChartChannel[];
  collection: ChartCollection | null;
  awareness: Awareness | null;
  origin: ModelOrigin;
  grant: Grant | null;
  tagColors: Record<string, string>;
  window: TimeWindow;
  /** The annotation selected when the chart opens (opened at a search hit). */
  initialSelectedId?: string | null;
  onWindowChange(window: TimeWindow): void;
  /** Overlay tag filter (empty: every annotation). */
  tags: string[];
  cursorKey: string;
  /** Display names of annotation and comment authors by actor id. */
  authorNames?: Record<string, string>;
  /** Fixed ends of the value axis (null: fit the data). */
  yRange?: [number | null, number | null];
  /** Sets a tag's colour for the workspace; without it tag colours are read-only. */
  onTagColor?(tag: string, color: string): void;
  /** Commands and runs of the channels' instruments. */
  events?: readonly ChartEvent[];
}

const typing = (target: EventTarget) =>
  target instanceof HTMLInputElement ||
  target instanceof HTMLTextAreaElement ||
  target instanceof HTMLSelectElement;

/**
 * A chart panel with its tools: one compact toolbar (the live window as
 * "1m 5m 15m 1h", or the fixed range a zoom or pan chose; the select tool
 * and the seven drawing tools as an icon group with tooltips and one-key
 * shortcuts; the title for new annotations), the chart itself and the
 * annotation side panel. Escape drops a shape being drawn (then the tool,
 * then the selection); Delete removes the selection when allowed.
 */
export function ChartWorkbench(props: ChartWorkbenchProps) {
  const [tool, setTool] = useState<Tool>('select');
  const [selectedId, setSelectedId] = useState<string | null>(props.initialSelectedId ?? null);
  const [draftTitle, setDraftTitle] = useState('');
  const askToDelete = useDeleteAnnotation(props.collection?.doc ?? null, props.origin, () =>
    setSelectedId(null),
  );
  const controls = useRef<ChartControls>(null);
  const root = useRef<HTMLDivElement>(null);
  const mayDraw = can(props.grant, 'annotation.create') && props.collection !== null;
  const w = props.window;
  const live = (minutes: number) =>
    props.onWindowChange({ mode: 'live', lastMs: minutes * 60_000 });
  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    // Keys from the panel's popovers and menus (portalled elsewhere, bubbling here through React) are theirs.
    if (!(e.target instanceof Node) || !root.current?.contains(e.target)) return;
    if (e.key === 'Escape') {
      if (controls.current?.cancelDrawing()) return;
      if (typing(e.target)) return;
      if (tool !== 'select') setTool('select');
      else setSelectedId(null);
      return;
    }
    if (typing(e.target) || e.ctrlKey || e.metaKey || e.altKey) return;
    if ((e.key === 'Delete' || e.key === 'Backspace') && selectedId && props.collection) {
      if (can(props.grant, 'annotation.delete')) void askToDelete(selectedId);
      return;
    }
    const minutes = LIVE_MINUTES[Number(e.key) - 1];
    if (minutes !== undefined) return live(minutes);
    const chosen = toolForKey(e.key, mayDraw);
    if (chosen) {
      controls.current?.cancelDrawing();
      setTool(chosen);
    }
  };
  return (
    // Keys act on the chart: tool shortcuts, Escape, Delete (when allowed).
    <div className="chart-workbench" ref={root} tabIndex={-1} onKeyDown={onKey}>
      {/* Its own provider: the workbench also runs outside the app shell (harness pages). */}
      <TooltipProvider>
        <div className="chart-toolbar" role="toolbar" aria-label="Chart tools">
          <SegmentedControl
            aria-label="Live window"
            size="sm"
            value={w.mode === 'live' ? String(w.lastMs / 60_000) : ''}
            onValueChange={(v) => live(Number(v))}
            segments={liveSegments()}
          />
          {w.mode === 'fixed' && (
            <span className="chart-toolbar__range" data-testid="fixed-range">
              {clockText(new Date(w.from), 1000)} – {clockText(new Date(w.to), 1000)}
            </span>
          )}
          <span className="chart-toolbar__separator" aria-hidden="true" />
          <SegmentedControl
            aria-label="Drawing tools"
            size="sm"
            value={tool}
            onValueChange={(v) => setTool(v as Tool)}
            segments={toolSegments(mayDraw)}
          />
          {mayDraw && (
            <Input
              size="sm"
              className="chart-toolbar__title"
              aria-label="Annotation title"
              placeholder="Title of new annotations"
              value={draftTitle}
              onChange={(e) => setDraftTitle(e.target.value)}
            />
          )}
        </div>
        <div
          className="chart-body"
          // Drawing tools keep the browser from moving focus; the chart's keys still need it.
          onMouseDown={(e) => {
            if (e.target instanceof Element && e.target.closest('.telemetry-chart'))
              root.current?.focus({ preventScroll: true });
          }}
        >
          <TelemetryChart
            source={props.source}
            channels={props.channels}
            window={props.window}
            collection={props.collection}
            tagFilter={props.tags}
            tagColors={props.tagColors}
            tool={tool}
            draftTitle={draftTitle}
            selectedId={selectedId}
            onSelect={setSelectedId}
            onZoom={props.onWindowChange}
            origin={props.origin}
            grant={props.grant}
            awareness={props.awareness}
            cursorKey={props.cursorKey}
            yRange={props.yRange}
            controls={controls}
            events={props.events}
          />
          {props.collection && (
            <AnnotationSidePanel
              doc={props.collection.doc}
              origin={props.origin}
              grant={props.grant}
              selectedId={selectedId}
              onSelect={setSelectedId}
              onDelete={(id) => void askToDelete(id)}
              tagColors={props.tagColors}
              authorNames={props.authorNames}
              onTagColor={props.onTagColor}
              signing={props.source}
              footer={
                <RelatedAnnotations
                  doc={props.collection.doc}
                  index={props.collection.index}
                  channels={props.channels.map((c) => c.id)}
                  window={props.window}
                  tags={props.tags}
                  selectedId={selectedId}
                  onSelect={setSelectedId}
                  tagColors={props.tagColors}
                />
              }
            />
          )}
        </div>
      </TooltipProvider>
    </div>
  );
}
