import { useEffect, useImperativeHandle, useRef, useState, type Ref } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type * as Y from 'yjs';
import type { Awareness } from 'y-protocols/awareness';
import { readAnnotation, type AnnotationIndex, type ModelOrigin } from '@fieldbook/crdt-model';
import type { Annotation, Grant, TimeWindow } from '@fieldbook/shared';
import { useThemeTokens } from '../ui';
import {
  annotationColor,
  drawOverlay,
  type OverlayScene,
  type PeerCursor,
} from './annotationOverlay';
import { decorationHooks } from './chartDecorations';
import type { ChartEvent } from './chartEvents';
import { alignChannels, appendLive, clipPoints, type ChannelPoints } from './chartData';
import { attachModelInteraction } from './chartEditing';
import type { Interaction, Tool } from './chartInteraction';
import { ChartLabelLayer } from './chartLabels';
import { plotOptions, seriesColor, TimeAxis, type ChartChannel } from './chartOptions';
import { CrosshairReadout } from './crosshair';
import { fetchRange, LiveFeedClient, type TelemetrySource } from './telemetryClient';

export type { ChartChannel };

/** An annotation collection shown on (and drawn into from) a chart. */
export interface ChartCollection {
  doc: Y.Doc;
  index: AnnotationIndex;
}

/** What the toolbar may ask of a chart. */
export interface ChartControls {
  /** Drops a shape being drawn; false when none was. */
  cancelDrawing(): boolean;
}

export interface TelemetryChartProps {
  source: TelemetrySource;
  channels: ChartChannel[];
  window: TimeWindow;
  collection: ChartCollection | null;
  tagFilter: string[];
  tagColors: Record<string, string>;
  tool: Tool;
  /** Title given to annotations drawn with a tool (text annotations show it). */
  draftTitle: string;
  selectedId: string | null;
  onSelect(id: string | null): void;
  onZoom(window: TimeWindow): void;
  origin: ModelOrigin;
  grant: Grant | null;
  awareness: Awareness | null;
  /** Awareness cursors are shared between charts with the same key. */
  cursorKey: string;
  /** Fixed ends of the value axis (null: fit the data). */
  yRange?: [number | null, number | null];
  height?: number;
  controls?: Ref<ChartControls>;
  /** Commands and runs of the channels' instruments, drawn at their times. */
  events?: readonly ChartEvent[];
}

/**
 * uPlot's columns for the channels; with no point at all, the window's two
 * ends with empty values, so the time axis still has a span to draw.
 */
function framed(cols: ChannelPoints[], from: number, to: number): uPlot.AlignedData {
  if (cols.every((c) => c.t.length === 0)) {
    return [[from, to], ...cols.map(() => [null, null])] as uPlot.AlignedData;
  }
  return alignChannels(cols) as uPlot.AlignedData;
}

/** Labels go to the selected annotation first, then in time order. */
function labelOrder(annotations: Annotation[], selectedId: string | null): Annotation[] {
  return [...annotations].sort(
    (a, b) => Number(b.id === selectedId) - Number(a.id === selectedId) || a.anchor.t - b.anchor.t,
  );
}

/**
 * A uPlot chart of channels in the theme's colours: points min/max-decimated
 * by the server to the plot's width, live samples appended in live mode (held
 * still while a shape is drawn), drag to zoom and shift-drag to pan (both
 * switch to a fixed window), annotations of the collection drawn in data
 * coordinates with their titles laid out clear of each other, a crosshair
 * readout of every series, other users' named cursors from awareness, the
 * channels' limits as bands with the samples beyond them marked, and the
 * instrument's commands and runs at their times.
 */
export function TelemetryChart(props: TelemetryChartProps) {
  const host = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const interaction = useRef<Interaction | null>(null);
  const live = useRef(props);
  live.current = props;
  const tokens = useThemeTokens();
  const points = useRef(new Map<string, ChannelPoints>());
  const scene = useRef<{
    draft: OverlayScene['draft'];
    replacing: string | null;
    polygon: OverlayScene['polygon'];
  }>({ draft: null, replacing: null, polygon: [] });
  const [status, setStatus] = useState('');
  const channelKey = props.channels.map((c) => c.id).join(',');
  const lookKey = `${props.channels.map((c) => `${c.label}|${c.color ?? ''}`).join(',')}|${tokens.theme}`;
  const limitsKey = JSON.stringify(props.channels.map((c) => c.limits ?? null));
  const windowKey = JSON.stringify(props.window);
  useImperativeHandle(props.controls, () => ({
    cancelDrawing: () => interaction.current?.cancel() ?? false,
  }));

  const range = (): [number, number] => {
    const w = live.current.window;
    return w.mode === 'live' ? [Date.now() - w.lastMs, Date.now()] : [w.from, w.to];
  };
  const visible = (u: uPlot): Annotation[] => {
    const p = live.current;
    if (!p.collection || p.channels.length === 0) return [];
    const [from, to] = [u.scales.x!.min ?? 0, u.scales.x!.max ?? 0];
    const ids = p.collection.index.query({
      channels: p.channels.map((c) => c.id),
      from,
      to,
      ...(p.tagFilter.length > 0 && { tags: p.tagFilter }),
    });
    return ids.map((id) => readAnnotation(p.collection!.doc, id)).filter((a) => a !== null);
  };
  const cursors = (): PeerCursor[] => {
    const aw = live.current.awareness;
    if (!aw) return [];
    const out: PeerCursor[] = [];
    aw.getStates().forEach((state, clientId) => {
      const c = state.chartCursor as { key: string; t: number; y: number } | null | undefined;
      const user = state.user as { name?: string; color?: string } | undefined;
      if (clientId === aw.clientID || !c || c.key !== live.current.cursorKey) return;
      out.push({ name: user?.name ?? 'Guest', color: user?.color ?? '#7048e8', t: c.t, y: c.y });
    });
    return out;
  };
  const redraw = () => plot.current?.redraw(false);
  const setData = () => {
    const u = plot.current;
    if (!u) return;
    // A live chart holds still while a shape is drawn, so its points stay under the pointer.
    const paused = live.current.window.mode === 'live' && interaction.current?.busy() === true;
    host.current?.setAttribute('data-following', paused ? 'paused' : 'on');
    if (paused) return;
    const [from, to] = range();
    const cols = live.current.channels.map((c) => {
      const kept = clipPoints(points.current.get(c.id) ?? { t: [], v: [] }, from, Infinity);
      points.current.set(c.id, kept); // a live window forgets what scrolled out
      return clipPoints(kept, from, to);
    });
    host.current?.setAttribute('data-points', String(cols.reduce((n, c) => n + c.t.length, 0)));
    u.batch(() => {
      u.setData(framed(cols, from, to), false);
      u.setScale('x', { min: from, max: to });
    });
  };
  const load = async () => {
    const u = plot.current;
    if (!u) return;
    const [from, to] = range();
    let results;
    try {
      results = await Promise.all(
        live.current.channels.map((c) =>
          fetchRange(live.current.source, c.id, from, to, u.bbox.width / devicePixelRatio),
        ),
      );
    } catch (err) {
      setStatus(err instanceof Error ? err.message : 'The samples could not be loaded');
      return;
    }
    live.current.channels.forEach((c, i) => points.current.set(c.id, results[i]!.points));
    setStatus(results.some((r) => r.fromCache) ? 'offline — cached data' : '');
    setData();
  };

  useEffect(() => {
    const el = host.current!;
    const p = live.current;
    const timeAxis = new TimeAxis(tokens);
    let labels: ChartLabelLayer | null = null;
    let readout: CrosshairReadout | null = null;
    const decorations = decorationHooks(
      () => ({ channels: live.current.channels, events: live.current.events ?? [] }),
      tokens,
      el,
    );
    const options = plotOptions({
      width: el.clientWidth || 800,
      height: p.height ?? 320,
      channels: p.channels,
      tokens,
      timeAxis,
      yRange: () => live.current.yRange ?? [null, null],
      hooks: {
        drawAxes: [decorations.drawAxes],
        draw: [
          decorations.draw,
          (self) => {
            const s = scene.current;
            const anns = visible(self).map((a) =>
              a.id === s.replacing && s.draft ? { ...a, anchor: s.draft.anchor } : a,
            );
            const tagColors = live.current.tagColors;
            drawOverlay(self, {
              annotations: anns,
              selectedId: live.current.selectedId,
              draft: s.replacing ? null : s.draft,
              polygon: s.polygon,
              cursors: cursors(),
              tagColors,
            });
            labels?.render(self, labelOrder(anns, live.current.selectedId), (a) =>
              annotationColor(a, tagColors),
            );
            labels?.peers(self, cursors());
            el.setAttribute('data-axis-labels', JSON.stringify(timeAxis.boxes(self)));
          },
        ],
        setCursor: [(self) => readout?.update(self)],
        setSelect: [
          (self) => {
            if (self.select.width < 5) return;
            const from = self.posToVal(self.select.left, 'x');
            const to = self.posToVal(self.select.left + self.select.width, 'x');
            self.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
            live.current.onZoom({ mode: 'fixed', from, to });
          },
        ],
      },
    });
    const u = new uPlot(
      options,
      framed(
        p.channels.map(() => ({ t: [], v: [] })),
        ...range(),
      ),
      el,
    );
    plot.current = u;
    labels = new ChartLabelLayer(u.over, tokens.fontSans || 'system-ui, sans-serif');
    readout = new CrosshairReadout(u.over, () =>
      live.current.channels.map((c, i) => ({
        label: c.label,
        unit: c.unit,
        color: seriesColor(c, i, tokens),
      })),
    );
    const hover = (e: MouseEvent) => labels?.hover({ x: e.offsetX, y: e.offsetY });
    const leave = () => labels?.hover(null);
    u.over.addEventListener('mousemove', hover);
    u.over.addEventListener('mouseleave', leave);
    interaction.current = attachModelInteraction(
      u,
      () => live.current,
      () => visible(u),
      (draft, replacing, polygon) => {
        scene.current = { draft, replacing, polygon };
        redraw();
      },
    );
    setData(); // a plot rebuilt for a new look shows the points already loaded
    const resize = new ResizeObserver(() =>
      u.setSize({ width: el.clientWidth || 800, height: live.current.height ?? 320 }),
    );
    resize.observe(el);
    return () => {
      resize.disconnect();
      u.over.removeEventListener('mousemove', hover);
      u.over.removeEventListener('mouseleave', leave);
      interaction.current?.detach();
      interaction.current = null;
      labels?.destroy();
      readout?.destroy();
      u.destroy();
      plot.current = null;
    };
    // Rebuilt when its channels, their names or colours, or the theme change; the rest is read through `live`.
  }, [channelKey, lookKey]);

  useEffect(() => {
    void load();
    if (props.window.mode !== 'live') return;
    const feed = new LiveFeedClient(props.source, (id, t, v) => {
      points.current.set(id, appendLive(points.current.get(id) ?? { t: [], v: [] }, t, v));
    });
    feed.subscribe(props.channels.map((c) => c.id));
    const tick = setInterval(setData, 500);
    return () => {
      clearInterval(tick);
      feed.close();
    };
  }, [channelKey, windowKey, props.source]);

  useEffect(() => {
    const doc = props.collection?.doc;
    const aw = props.awareness;
    doc?.on('update', redraw);
    aw?.on('change', redraw);
    return () => {
      doc?.off('update', redraw);
      aw?.off('change', redraw);
    };
  }, [props.collection, props.awareness]);
  useEffect(redraw, [props.selectedId, props.tagFilter, props.tagColors, props.events, limitsKey]);
  const yKey = JSON.stringify(props.yRange ?? null);
  useEffect(() => {
    const u = plot.current;
    if (u) u.setData(u.data, true);
  }, [yKey]);

  return (
    <div className="telemetry-chart" data-testid="telemetry-chart">
      <div ref={host} className="telemetry-plot" />
      {status && <div className="telemetry-status">{status}</div>}
    </div>
  );
}
