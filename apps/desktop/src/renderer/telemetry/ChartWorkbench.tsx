import { useState, type KeyboardEvent } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import { deleteAnnotation, type ModelOrigin } from '@fieldbook/crdt-model';
import { ANNOTATION_KINDS, can, type Grant, type TimeWindow } from '@fieldbook/shared';
import { AnnotationSidePanel } from './AnnotationSidePanel';
import { RelatedAnnotations } from './RelatedAnnotations';
import type { Tool } from './chartInteraction';
import { TelemetryChart, type ChartChannel, type ChartCollection } from './TelemetryChart';
import type { TelemetrySource } from './telemetryClient';

const LIVE_CHOICES = [1, 5, 15, 60];

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
}

/**
 * A chart panel with its tools: the time window (live "last N minutes" or
 * the fixed range a zoom or pan chose), the drawing tools of the seven
 * annotation kinds (offered when the role may create annotations), the
 * chart itself and the annotation side panel.
 */
export function ChartWorkbench(props: ChartWorkbenchProps) {
  const [tool, setTool] = useState<Tool>('select');
  const [selectedId, setSelectedId] = useState<string | null>(props.initialSelectedId ?? null);
  const [draftTitle, setDraftTitle] = useState('');
  const mayDraw = can(props.grant, 'annotation.create') && props.collection !== null;
  const w = props.window;
  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement) return;
    if (e.key === 'Escape') {
      setTool('select');
      setSelectedId(null);
    } else if ((e.key === 'Delete' || e.key === 'Backspace') && selectedId && props.collection) {
      if (!can(props.grant, 'annotation.delete')) return;
      deleteAnnotation(props.collection.doc, { id: selectedId }, props.origin);
      setSelectedId(null);
    }
  };
  return (
    // Keys act on the chart's selection: Escape leaves a tool, Delete removes (when allowed).
    <div className="chart-workbench" tabIndex={-1} onKeyDown={onKey}>
      <div className="chart-toolbar" role="toolbar" aria-label="Chart tools">
        {LIVE_CHOICES.map((m) => (
          <button
            key={m}
            type="button"
            aria-pressed={w.mode === 'live' && w.lastMs === m * 60_000}
            onClick={() => props.onWindowChange({ mode: 'live', lastMs: m * 60_000 })}
          >
            Live {m} min
          </button>
        ))}
        {w.mode === 'fixed' && (
          <span className="muted" data-testid="fixed-range">
            {new Date(w.from).toLocaleTimeString()} – {new Date(w.to).toLocaleTimeString()}
          </span>
        )}
        <span className="toolbar-gap" />
        <button type="button" aria-pressed={tool === 'select'} onClick={() => setTool('select')}>
          Select
        </button>
        {mayDraw &&
          ANNOTATION_KINDS.map((k) => (
            <button
              key={k}
              type="button"
              aria-label={`Draw ${k}`}
              aria-pressed={tool === k}
              onClick={() => setTool(k)}
            >
              {k}
            </button>
          ))}
        {mayDraw && (
          <input
            aria-label="Annotation title"
            placeholder="Title for new annotations"
            value={draftTitle}
            onChange={(e) => setDraftTitle(e.target.value)}
          />
        )}
      </div>
      <div className="chart-body">
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
        />
        {props.collection && (
          <AnnotationSidePanel
            doc={props.collection.doc}
            origin={props.origin}
            grant={props.grant}
            selectedId={selectedId}
            onSelect={setSelectedId}
            tagColors={props.tagColors}
            authorNames={props.authorNames}
            onTagColor={props.onTagColor}
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
    </div>
  );
}
