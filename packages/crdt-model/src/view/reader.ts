import type * as Y from 'yjs';
import type {
  Panel,
  PanelChannel,
  TelemetryViewSnapshot,
  TimeWindow,
  YAxis,
} from '@fieldbook/shared';
import { metaOf, schemaVersionOf } from '../schemaVersion';
import { MAX_TAGS } from '../sets';
import { DEFAULT_TIME_WINDOW } from './panels';
import { orderedKeys, panelAxesOf, panelChannelsOf, panelOverlaysOf, panelsOf } from './structure';

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const numOrNull = (v: unknown): number | null => (typeof v === 'number' ? v : null);

function readPanel(id: string, panel: Y.Map<unknown>): Panel {
  const channelMaps = panelChannelsOf(panel);
  const channels: PanelChannel[] = orderedKeys(channelMaps).map(({ id: channelId }) => {
    const c = channelMaps.get(channelId)!;
    return {
      channelId,
      axisId: str(c.get('axisId')) || 'y',
      color: (c.get('color') as string) ?? null,
    };
  });
  const axes = panelAxesOf(panel);
  const yAxes: YAxis[] = [...axes.keys()].sort().map((axisId) => {
    const a = axes.get(axisId) as { label?: unknown; min?: unknown; max?: unknown };
    return { id: axisId, label: str(a.label), min: numOrNull(a.min), max: numOrNull(a.max) };
  });
  const overlayMap = panelOverlaysOf(panel);
  const overlays = [...overlayMap.keys()].sort().map((collectionId) => {
    const o = overlayMap.get(collectionId) as { tags?: unknown };
    const tags = Array.isArray(o.tags) ? (o.tags as string[]).slice(0, MAX_TAGS) : [];
    return { collectionId, tags: [...tags] };
  });
  const timeWindow = (panel.get('timeWindow') as TimeWindow | undefined) ?? DEFAULT_TIME_WINDOW;
  return {
    id,
    title: str(panel.get('title')),
    channels,
    yAxes,
    timeWindow: { ...timeWindow },
    overlays,
  };
}

/** The view as a plain snapshot (TelemetryViewSnapshotSchema), panels and channels in display order. */
export function readTelemetryView(doc: Y.Doc): TelemetryViewSnapshot {
  const panels = panelsOf(doc);
  return {
    schemaVersion: Math.max(1, schemaVersionOf(doc)),
    title: str(metaOf(doc).get('title')),
    panels: orderedKeys(panels).map(({ id }) => readPanel(id, panels.get(id)!)),
  };
}
