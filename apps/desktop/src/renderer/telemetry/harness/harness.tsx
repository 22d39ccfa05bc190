// A page that shows one telemetry chart with one annotation collection, for
// browser tests and the render bench: it signs nothing in itself, it is given
// the server, token, workspace and documents in the URL fragment.
import { useState } from 'react';
import { createRoot } from 'react-dom/client';
import { IndexeddbPersistence } from 'y-indexeddb';
import { Awareness } from 'y-protocols/awareness';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import {
  AnnotationIndex,
  actorOrigin,
  createAnnotation,
  createAnnotationCollection,
  kindOf,
  readAnnotationCollection,
} from '@fieldbook/crdt-model';
import { RoleSchema, type Anchor, type AnnotationKind, type TimeWindow } from '@fieldbook/shared';
import { ConfirmProvider } from '../../ui';
import { installTheme } from '../../ui/theme';
import { ChartWorkbench } from '../ChartWorkbench';
import { channelLabel, listChannels, type TelemetrySource } from '../telemetryClient';
import '../telemetry.css';

async function main() {
  installTheme();
  const q = new URLSearchParams(location.hash.slice(1));
  const token = q.get('token')!;
  const workspaceId = q.get('ws')!;
  const docId = q.get('doc')!;
  const name = q.get('name') ?? 'tester';
  const role = RoleSchema.parse(q.get('role') ?? 'contributor');
  const source: TelemetrySource = {
    serverUrl: location.origin,
    workspaceId,
    accessToken: () => token,
    profile: name,
  };
  const doc = new Y.Doc();
  await new IndexeddbPersistence(`fieldbook-harness/${name}/${docId}`, doc).whenSynced;
  const awareness = new Awareness(doc);
  awareness.setLocalStateField('user', { name, color: q.get('color') ?? '#c2255c' });
  const provider = new WebsocketProvider(
    `${location.origin.replace(/^http/, 'ws')}/sync/${workspaceId}`,
    docId,
    doc,
    { awareness, protocols: ['fieldbook.v1', `bearer.${token}`], disableBc: true },
  );
  // The author of what this page draws: the signed-in user's id (the server checks it), or the name.
  const origin = actorOrigin(q.get('actor') ?? name);
  await new Promise<void>((r) => (provider.synced ? r() : provider.once('sync', () => r())));
  if (q.get('create') === '1' && kindOf(doc) === null)
    createAnnotationCollection(doc, { name: 'Rover notes' }, origin);
  while (kindOf(doc) !== 'annotations') await new Promise((r) => doc.once('update', r));
  const index = new AnnotationIndex(doc);
  let channels = await listChannels(source).catch(() => []);
  const only = q.get('channels')?.split(',');
  if (only) channels = channels.filter((c) => only.includes(c.key));
  const initial: TimeWindow = q.get('from')
    ? { mode: 'fixed', from: Number(q.get('from')), to: Number(q.get('to')) }
    : { mode: 'live', lastMs: Number(q.get('lastMs') ?? 300_000) };
  const tagColors = Object.fromEntries(
    (q.get('tagColors') ?? '')
      .split(',')
      .filter(Boolean)
      .map((p) => p.split(':')),
  ) as Record<string, string>;

  let setWindow: (w: TimeWindow) => void = () => {};
  Object.assign(window, {
    harness: {
      doc,
      provider,
      /** Ids of the charted channels, in order. */
      channelIds: channels.map((c) => c.id),
      annotations: () => readAnnotationCollection(doc).annotations,
      /** Adds an annotation as this user (tests build crowded charts with it). */
      annotate(a: { kind: AnnotationKind; anchor: Anchor; title: string }) {
        return createAnnotation(doc, a, origin);
      },
      /** Shows another time window, as the toolbar or a zoom would. */
      setWindow: (w: TimeWindow) => setWindow(w),
      setOnline(online: boolean) {
        if (online) provider.connect();
        else provider.disconnect();
      },
    },
  });

  function Page() {
    const [win, setWin] = useState<TimeWindow>(initial);
    setWindow = setWin;
    return (
      <ChartWorkbench
        source={source}
        channels={channels.map((c) => ({ id: c.id, label: channelLabel(c), unit: c.unit }))}
        collection={{ doc, index }}
        awareness={awareness}
        origin={origin}
        grant={{ role, capabilities: [] }}
        tagColors={tagColors}
        window={win}
        onWindowChange={setWin}
        tags={[]}
        cursorKey="harness"
      />
    );
  }
  createRoot(document.getElementById('root')!).render(
    <ConfirmProvider>
      <Page />
    </ConfirmProvider>,
  );
}

void main();
