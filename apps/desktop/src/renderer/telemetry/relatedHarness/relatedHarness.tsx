// A chart workbench over an annotation collection made in the page, for the
// related-annotations browser test: the chart has no telemetry server (its
// samples never load), everything else — side panel, related annotations,
// selection — is the app's own code. The test drives the document through
// `window.relatedHarness`.
import { createRoot } from 'react-dom/client';
import * as Y from 'yjs';
import {
  AnnotationIndex,
  actorOrigin,
  createAnnotation,
  createAnnotationCollection,
  type CreateAnnotationInput,
} from '@fieldbook/crdt-model';
import type { TimeWindow } from '@fieldbook/shared';
import { ChartWorkbench } from '../ChartWorkbench';
import { ConfirmProvider, TooltipProvider } from '../../ui';
import '../telemetry.css';

const doc = new Y.Doc();
const origin = actorOrigin('ada');
createAnnotationCollection(doc, { name: 'Power events' }, origin);
const index = new AnnotationIndex(doc);
const q = new URLSearchParams(location.hash.slice(1));
const window: TimeWindow = { mode: 'fixed', from: Number(q.get('from')), to: Number(q.get('to')) };

Object.assign(globalThis, {
  relatedHarness: {
    add: (input: CreateAnnotationInput) => createAnnotation(doc, input, origin),
  },
});

createRoot(document.getElementById('root')!).render(
  <TooltipProvider>
    <ConfirmProvider>
      <ChartWorkbench
        source={{
          serverUrl: location.origin,
          workspaceId: 'harness',
          accessToken: () => '',
          profile: 'harness',
        }}
        channels={(q.get('channels') ?? '').split(',').map((id) => ({
          id,
          label: id,
          unit: 'V',
          color: '#1971c2',
        }))}
        collection={{ doc, index }}
        awareness={null}
        origin={origin}
        grant={{ role: 'contributor', capabilities: [] }}
        tagColors={{ power: '#ffd8a8', thermal: '#d0ebff' }}
        window={window}
        onWindowChange={() => {}}
        tags={[]}
        cursorKey="harness"
      />
    </ConfirmProvider>
  </TooltipProvider>,
);
