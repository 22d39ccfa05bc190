import { useEffect, useMemo, useState } from 'react';
import { takeChartTarget, windowAround } from './openAt';
import type * as Y from 'yjs';
import {
  actorOrigin,
  addPanel,
  addPanelChannel,
  kindOf,
  readTelemetryView,
  removePanelChannel,
  setPanelAxis,
  setPanelOverlay,
  setPanelTimeWindow,
} from '@fieldbook/crdt-model';
import {
  can,
  type DocumentEntry,
  type Panel,
  type TelemetryViewSnapshot,
  type TimeWindow,
} from '@fieldbook/shared';
import { actorId, type Session } from '../session/session';
import type { DocReplica } from '../sync/docReplica';
import { AnnotationSidePanel } from './AnnotationSidePanel';
import { PanelArrangeBar } from './PanelArrangeBar';
import { ChartWorkbench } from './ChartWorkbench';
import { useCollection } from './collectionReplica';
import { listChannels, type ChannelInfo, type TelemetrySource } from './telemetryClient';
import { useWorkspaceAccess, type WorkspaceAccess } from './workspaceGrant';
import './telemetry.css';

const COLORS = ['#1971c2', '#2f9e44', '#e8590c', '#9c36b5', '#0c8599', '#c2255c'];

export interface TelemetryPaneProps {
  entry: DocumentEntry;
  replica: DocReplica | null;
  session: Session | null;
  workspaceId: string;
  /** The workspace's tag colours (index). */
  tagColors: Record<string, string>;
  /** Sets a tag's colour in the workspace index. */
  onTagColor(tag: string, color: string): void;
}

function useView(doc: Y.Doc | null): TelemetryViewSnapshot | null {
  const read = () => (doc && kindOf(doc) === 'view' ? readTelemetryView(doc) : null);
  const [view, setView] = useState(read);
  useEffect(() => {
    if (!doc) return;
    const update = () => setView(kindOf(doc) === 'view' ? readTelemetryView(doc) : null);
    update();
    doc.on('update', update);
    return () => doc.off('update', update);
  }, [doc]);
  return view;
}

/**
 * A telemetry view or an annotation collection opened from the document
 * tree: a view shows its panels as live charts with the collection they
 * overlay; a collection shows its annotations, comments and approvals.
 */
export function TelemetryPane(props: TelemetryPaneProps) {
  const { session, workspaceId } = props;
  const origin = useMemo(() => actorOrigin(session ? actorId(session) : 'unknown'), [session]);
  const { grant, names } = useWorkspaceAccess(session, workspaceId);
  const doc = props.replica?.doc ?? null;
  if (!doc) return <p className="muted">Opening…</p>;
  if (props.entry.kind === 'annotations') {
    return kindOf(doc) === 'annotations' ? (
      <AnnotationSidePanel
        doc={doc}
        origin={origin}
        grant={grant}
        authorNames={names}
        onTagColor={props.onTagColor}
        selectedId={null}
        onSelect={() => {}}
        tagColors={props.tagColors}
      />
    ) : (
      <p className="muted">This annotation collection has not arrived yet.</p>
    );
  }
  return <ViewPane {...props} doc={doc} origin={origin} grant={grant} names={names} />;
}

function ViewPane(
  props: TelemetryPaneProps & {
    doc: Y.Doc;
    origin: ReturnType<typeof actorOrigin>;
    grant: WorkspaceAccess['grant'];
    names: Record<string, string>;
  },
) {
  const { doc, origin, grant, session, workspaceId } = props;
  const view = useView(doc);
  const mayEdit = can(grant, 'document.edit', { own: props.entry.createdBy === origin.actor });
  const source: TelemetrySource | null = useMemo(
    () =>
      session?.kind === 'server'
        ? {
            serverUrl: session.serverUrl,
            workspaceId,
            accessToken: () => session.tokens.accessToken,
            profile: session.profileId,
          }
        : null,
    [session, workspaceId],
  );
  const [channels, setChannels] = useState<ChannelInfo[]>([]);
  useEffect(() => {
    if (source) listChannels(source).then(setChannels, () => {});
  }, [source]);
  if (!view) return <p className="muted">This chart has not arrived yet.</p>;
  if (!source) return <p className="muted">Charts need a sync server: sign in to see telemetry.</p>;
  const addAnotherPanel = () => {
    const collectionId = view.panels[0]?.overlays[0]?.collectionId ?? null;
    const panelId = addPanel(
      doc,
      {
        title: `Panel ${view.panels.length + 1}`,
        timeWindow: { mode: 'live', lastMs: 5 * 60_000 },
      },
      origin,
    );
    if (collectionId) setPanelOverlay(doc, { panelId, collectionId }, origin);
  };
  return (
    <div className="telemetry-view">
      {view.panels.length === 0 && <p className="muted">This chart has no panels.</p>}
      {view.panels.map((panel, index) => (
        <div key={panel.id} className="telemetry-panel-frame">
          {mayEdit && (
            <PanelArrangeBar
              doc={doc}
              panel={panel}
              index={index}
              count={view.panels.length}
              origin={origin}
            />
          )}
          <PanelView
            panel={panel}
            doc={doc}
            source={source}
            known={channels}
            mayEdit={mayEdit}
            {...{
              origin,
              grant,
              session,
              workspaceId,
              tagColors: props.tagColors,
              names: props.names,
              onTagColor: props.onTagColor,
            }}
          />
        </div>
      ))}
      {mayEdit && (
        <button type="button" onClick={addAnotherPanel}>
          Add panel
        </button>
      )}
    </div>
  );
}

function PanelView(props: {
  panel: Panel;
  doc: Y.Doc;
  source: TelemetrySource;
  known: ChannelInfo[];
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
  const overlay = panel.overlays[0] ?? null;
  // Opened "at" an annotation (a search hit): that range, with the annotation selected.
  const [target] = useState(() => takeChartTarget(overlay?.collectionId ?? null));
  const [zoomed, setZoomed] = useState<TimeWindow | null>(target ? windowAround(target) : null);
  const axis = panel.yAxes[0] ?? null;
  const setAxisEnd = (end: 'min' | 'max', text: string) => {
    if (!axis) return;
    const value = text.trim() === '' ? null : Number(text);
    if (value !== null && !Number.isFinite(value)) return;
    setPanelAxis(doc, { panelId: panel.id, axis: { ...axis, [end]: value } }, origin);
  };
  const collection = useCollection(
    props.session,
    props.workspaceId,
    overlay?.collectionId ?? null,
    origin,
    can(props.grant, 'annotation.create'),
  );
  const label = (id: string) => {
    const c = props.known.find((k) => k.id === id);
    return c ? `${c.instrumentKey}.${c.key} (${c.unit})` : id;
  };
  const unused = props.known.filter((k) => !panel.channels.some((c) => c.channelId === k.id));
  return (
    <section className="telemetry-panel" aria-label={panel.title || 'Panel'}>
      {props.mayEdit && (
        <div className="panel-channels">
          {panel.channels.map((c) => (
            <span key={c.channelId} className="tag">
              {label(c.channelId)}
              <button
                type="button"
                aria-label={`Remove ${label(c.channelId)}`}
                onClick={() =>
                  removePanelChannel(doc, { panelId: panel.id, channelId: c.channelId }, origin)
                }
              >
                ×
              </button>
            </span>
          ))}
          {overlay && (
            <input
              aria-label="Overlay tags"
              placeholder="Show tags (comma-separated, empty: all)"
              defaultValue={overlay.tags.join(', ')}
              onBlur={(e) =>
                setPanelOverlay(
                  doc,
                  {
                    panelId: panel.id,
                    collectionId: overlay.collectionId,
                    tags: e.target.value
                      .split(',')
                      .map((t) => t.trim())
                      .filter(Boolean),
                  },
                  origin,
                )
              }
            />
          )}
          {axis &&
            (['min', 'max'] as const).map((end) => (
              <input
                key={`${end}:${axis[end] ?? ''}`}
                className="axis-end"
                aria-label={`Value axis ${end}`}
                placeholder={`y ${end}`}
                inputMode="decimal"
                defaultValue={axis[end] ?? ''}
                onBlur={(e) => setAxisEnd(end, e.target.value)}
              />
            ))}
          {unused.length > 0 && (
            <select
              aria-label="Add channel"
              value=""
              onChange={(e) =>
                e.target.value &&
                addPanelChannel(doc, { panelId: panel.id, channelId: e.target.value }, origin)
              }
            >
              <option value="">+ channel</option>
              {unused.map((k) => (
                <option key={k.id} value={k.id}>
                  {label(k.id)}
                </option>
              ))}
            </select>
          )}
        </div>
      )}
      {zoomed && props.mayEdit && (
        <button
          type="button"
          onClick={() => {
            setPanelTimeWindow(doc, { panelId: panel.id, timeWindow: zoomed }, origin);
            setZoomed(null);
          }}
        >
          Keep this range for everyone
        </button>
      )}
      <ChartWorkbench
        source={props.source}
        channels={panel.channels.map((c, i) => ({
          id: c.channelId,
          label: label(c.channelId),
          color: c.color ?? COLORS[i % COLORS.length]!,
        }))}
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
      />
    </section>
  );
}
