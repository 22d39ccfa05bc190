// A restore through a real hub: the annotations it deletes are garbage-collected
// on the hub's document once the restore is answered (sync/serverChange.ts).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import {
  actorOrigin,
  addComment,
  createAnnotation,
  createAnnotationCollection,
  readAnnotationCollection,
} from '@fieldbook/crdt-model';
import { newId } from '@fieldbook/shared';
import { waitFor } from '../testing/harness';
import { openHistoryStack } from './testing/historyStack';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('a restore on the hub', () => {
  it('frees the content of the annotations it deletes once answered', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fb-restore-hub-'));
    dirs.push(dir);
    const { sync, service, close } = openHistoryStack(dir);
    const ref = { tenantId: 't', workspaceId: newId(), docId: newId() };
    const by = { actor: 'ada', client: 'editor' };
    const me = actorOrigin('ada');
    try {
      await sync.change(ref, by, (doc) => createAnnotationCollection(doc, { name: 'Dust' }, me));
      let id = '';
      await sync.change(ref, by, (doc) => {
        const anchor = { channels: ['tau'], t: 0, t2: 1_000 };
        id = createAnnotation(doc, { kind: 'range', anchor, title: 'Event' }, me);
        addComment(doc, { annotationId: id, body: 'seen' }, me);
      });
      const doc = sync.registry.get(ref)!.doc;
      const annotation = doc.getMap<Y.Map<unknown>>('annotations').get(id)!;
      const inner = [...annotation._map.values()].map((item) => item.id);

      const restored = await service.restore(ref, '1', 'bo');
      expect(restored.seq).toBe(3);
      expect(readAnnotationCollection(doc).annotations).toEqual([]);
      await waitFor(
        () => inner.every((itemId) => Y.getItem(doc.store, itemId) instanceof Y.GC),
        'the deleted annotation to be garbage-collected',
      );
      expect(annotation._item!.content).toBeInstanceOf(Y.ContentDeleted);
    } finally {
      await close();
    }
  });
});
