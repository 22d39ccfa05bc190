import { useEffect, useMemo, useState } from 'react';
import { Plus } from 'lucide-react';
import type * as Y from 'yjs';
import {
  actorOrigin,
  addPanel,
  kindOf,
  readTelemetryView,
  setPanelOverlay,
} from '@fieldbook/crdt-model';
import { can, type DocumentEntry, type TelemetryViewSnapshot } from '@fieldbook/shared';
import { actorId, type Session } from '../session/session';
import type { DocReplica } from '../sync/docReplica';
import { Button } from '../ui';
import { AnnotationSidePanel } from './AnnotationSidePanel';
import { PanelArrangeBar } from './PanelArrangeBar';
import { PanelView } from './PanelView';
import { listChannels, type ChannelInfo, type TelemetrySource } from './telemetryClient';
import { useWorkspaceAccess, type WorkspaceAccess } from './workspaceGrant';
import './telemetry.css';

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
  // A chart's panels are shared work: every contributor may arrange them (document.editContent).
  const mayEdit = can(grant, 'document.editContent');
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
  const [channels, setChannels] = useState<ChannelInfo[] | null>(null);
  useEffect(() => {
    if (source) listChannels(source).then(setChannels, () => setChannels([]));
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
        <Button
          size="sm"
          className="telemetry-add-panel"
          icon={<Plus size={14} />}
          onClick={addAnotherPanel}
        >
          Add panel
        </Button>
      )}
    </div>
  );
}
