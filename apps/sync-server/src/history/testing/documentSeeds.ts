import * as Y from 'yjs';
import { actorOrigin, createAnnotation, createAnnotationCollection } from '@fieldbook/crdt-model';
import { newId } from '@fieldbook/shared';
import type { DocStore } from '../../storage/docStore';

/** Puts documents straight into the document store (as a client's first sync would), for route tests. */
export interface DocumentSeeds {
  /** A collection of `workspaceId` holding one annotation, as one stored update (version "1"). */
  collection(
    tenantId: string,
    workspaceId: string,
  ): Promise<{ docId: string; annotationId: string }>;
}

/** Document seeds writing into `store`. */
export function documentSeeds(store: DocStore): DocumentSeeds {
  return {
    async collection(tenantId, workspaceId) {
      const docId = newId();
      const doc = new Y.Doc();
      const seed = actorOrigin('seed');
      createAnnotationCollection(doc, { name: 'Seeded' }, seed);
      const anchor = { channels: ['ch'], t: 0, t2: 1 };
      const annotationId = createAnnotation(doc, { kind: 'range', anchor, title: 'A' }, seed);
      await store.ensureDocument({ tenantId, workspaceId, docId }, 'seed');
      await store.appendUpdates([
        {
          workspaceId,
          docId,
          update: Y.encodeStateAsUpdate(doc),
          actor: 'seed',
          client: 'seed',
          ts: Date.now(),
        },
      ]);
      doc.destroy();
      return { docId, annotationId };
    },
  };
}
