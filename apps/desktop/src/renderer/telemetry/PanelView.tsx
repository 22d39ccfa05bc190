import { useState } from 'react';
import type * as Y from 'yjs';
import { setPanelTimeWindow, type actorOrigin } from '@fieldbook/crdt-model';
import { can, type Panel, type TimeWindow } from '@fieldbook/shared';
import type { Session } from '../session/session';
import { Button, useThemeTokens } from '../ui';
import { ChartWorkbench } from './ChartWorkbench';
import { seriesColor, type ChartChannel } from './chartOptions';
import { useCollection } from './collectionReplica';
import { useChartEvents } from './useChartEvents';
import { takeChartTarget, windowAround } from './openAt';
import { PanelControls } from './PanelControls';
import { channelLabel, type ChannelInfo, type TelemetrySource } from './telemetryClient';
import type { WorkspaceAccess } from './workspaceGrant';

/** How a chart names a channel that the workspace's channel list does not (yet) hold. */
function unknownLabel(loaded: boolean): string {
  return loaded ? 'Unknown channel' : 'Loading channel…';
}

/**
 * One panel of a chart: its channel chips and settings, and the chart with
 * its tools and annotation panel. Channels are named "instrument.key (unit)"
 * from the workspace's channel list (cached for offline use), with their
 * limits, and the commands and runs of their instruments shown as events.
 */
export function PanelView(props: {
  panel: Panel;
  doc: Y.Doc;
  source: TelemetrySource;
  /** The workspace's channels; null while they load. */
  known: ChannelInfo[] | null;
  mayEdit: boolean;
  origin: ReturnType<typeof actorOrigin>;
  grant: WorkspaceAccess['grant'];
  session: Session | null;
  workspaceId: string;
  tagColors: Record<string, string>;
  names: Record<string, string>;
  onTagColor(tag: string, color: string): void;
}) {
  const { panel, doc, origin } = props;
  const tokens = useThemeTokens();
  const overlay = panel.overlays[0] ?? null;
  // Opened "at" an annotation (a search hit): that range, with the annotation selected.
  const [target] = useState(() => takeChartTarget(overlay?.collectionId ?? null));
  const [zoomed, setZoomed] = useState<TimeWindow | null>(target ? windowAround(target) : null);
  const axis = panel.yAxes[0] ?? null;
  const collection = useCollection(
    props.session,
    props.workspaceId,
    overlay?.collectionId ?? null,
    origin,
    can(props.grant, 'annotation.create'),
  );
  const known = props.known ?? [];
  const info = (id: string) => known.find((k) => k.id === id);
  const channels: ChartChannel[] = panel.channels.map((c) => {
    const k = info(c.channelId);
    return {
      id: c.channelId,
      label: k ? channelLabel(k) : unknownLabel(props.known !== null),
      unit: k?.unit ?? '',
      ...(c.color && { color: c.color }),
      ...(k?.spec?.limits && { limits: k.spec.limits }),
    };
  });
  const events = useChartEvents(
    props.source,
    panel.channels.flatMap((c) => {
      const k = info(c.channelId);
      return k?.agentId ? [{ agentId: k.agentId, instrumentKey: k.instrumentKey }] : [];
    }),
  );
  const addable = known
    .filter((k) => !panel.channels.some((c) => c.channelId === k.id))
    .map((k) => ({ ...k, label: channelLabel(k) }));
  return (
    <section className="telemetry-panel" aria-label={panel.title || 'Panel'}>
      <PanelControls
        doc={doc}
        panel={panel}
        origin={origin}
        chips={channels.map((c, i) => ({ ...c, color: seriesColor(c, i, tokens) }))}
        addable={addable}
        mayEdit={props.mayEdit}
      />
      {zoomed && props.mayEdit && (
        <Button
          size="sm"
          className="panel-keep-range"
          onClick={() => {
            setPanelTimeWindow(doc, { panelId: panel.id, timeWindow: zoomed }, origin);
            setZoomed(null);
          }}
        >
          Keep this range for everyone
        </Button>
      )}
      <ChartWorkbench
        source={props.source}
        channels={channels}
        collection={collection ? { doc: collection.replica.doc, index: collection.index } : null}
        awareness={collection?.replica.awareness ?? null}
        origin={origin}
        grant={props.grant}
        tagColors={props.tagColors}
        window={zoomed ?? panel.timeWindow}
        onWindowChange={(timeWindow) => {
          // A zoom or pan is this user's look; a live window chosen is the chart's.
          if (timeWindow.mode === 'fixed') return setZoomed(timeWindow);
          setZoomed(null);
          if (props.mayEdit) setPanelTimeWindow(doc, { panelId: panel.id, timeWindow }, origin);
        }}
        tags={overlay?.tags ?? []}
        authorNames={props.names}
        onTagColor={props.onTagColor}
        cursorKey={panel.id}
        initialSelectedId={target?.annotationId ?? null}
        yRange={axis ? [axis.min, axis.max] : undefined}
        events={events}
      />
    </section>
  );
}
