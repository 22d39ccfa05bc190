// Builds the bench workspace: 100,000 annotations in 50 collections of 2,000,
// plus a 1,000-annotation collection over two real telemetry channels (for the
// PDF), as Yjs states ready for a .fieldbook file.
import {
  actorOrigin,
  createAnnotationCollection,
  createAnnotations,
  createDocumentEntry,
  createWorkspaceIndex,
  type CreateAnnotationInput,
} from '@fieldbook/crdt-model';
import * as Y from 'yjs';

export const T0 = Date.UTC(2026, 0, 1);
const TAGS = ['thermal', 'power', 'comms', 'nav', 'science', 'review'];

/** The seeded workspace's states and the ids the bench filters by. */
export interface BenchWorkspace {
  states: Map<string, Uint8Array>;
  reportCollection: string;
  annotations: number;
}

function annotation(i: number, channels: string[]): CreateAnnotationInput {
  const t = T0 + i * 60_000;
  return i % 3 === 0
    ? {
        kind: 'point',
        anchor: { channels, t, y: 20 + (i % 7) },
        title: `Spike ${i}`,
        tags: [TAGS[i % 6]!],
      }
    : {
        kind: 'range',
        anchor: { channels, t, t2: t + 30_000 },
        title: `Event ${i}, "phase" ${i % 5}`,
        body: 'Heater cycled during the pass; current rose, then settled.',
        tags: [TAGS[i % 6]!, TAGS[(i + 1) % 6]!],
      };
}

/** The workspace for `workspaceId` by `userId`; `reportChannels` anchor the PDF collection. */
export function seedWorkspace(
  workspaceId: string,
  userId: string,
  reportChannels: string[],
  collections = 50,
  perCollection = 2_000,
): BenchWorkspace {
  const me = actorOrigin(userId);
  const index = new Y.Doc();
  createWorkspaceIndex(index, { name: 'Bench rover log' }, me);
  const states = new Map<string, Uint8Array>();
  for (let c = 0; c < collections; c++) {
    const id = createDocumentEntry(index, { kind: 'annotations', title: `Sol ${c}` }, me);
    const doc = new Y.Doc();
    createAnnotationCollection(doc, { name: `Sol ${c}` }, me);
    for (let b = 0; b < perCollection; b += 500)
      createAnnotations(
        doc,
        Array.from({ length: 500 }, (_, i) => annotation(c * perCollection + b + i, ['rover.ch0'])),
        me,
      );
    states.set(id, Y.encodeStateAsUpdate(doc));
    doc.destroy();
  }
  const reportCollection = createDocumentEntry(index, { kind: 'annotations', title: 'Report' }, me);
  const report = new Y.Doc();
  createAnnotationCollection(report, { name: 'Report' }, me);
  for (let b = 0; b < 1_000; b += 500)
    createAnnotations(
      report,
      Array.from({ length: 500 }, (_, i) => annotation(b + i, reportChannels)),
      me,
    );
  states.set(reportCollection, Y.encodeStateAsUpdate(report));
  states.set(workspaceId, Y.encodeStateAsUpdate(index));
  return { states, reportCollection, annotations: collections * perCollection };
}
