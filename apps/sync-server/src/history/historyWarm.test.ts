// Listing a document's history readies the reading of its versions: after a restart, the
// history doc is built and a collection's timeline filled in the background.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { actorOrigin, createAnnotation, createAnnotationCollection } from '@fieldbook/crdt-model';
import { newId } from '@fieldbook/shared';
import { waitFor } from '../testing/harness';
import { openHistoryStack } from './testing/historyStack';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('listing the history of a collection after a restart', () => {
  it('builds its history doc and fills its timeline in the background', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fb-history-warm-'));
    dirs.push(dir);
    const ref = { tenantId: 't', workspaceId: newId(), docId: newId() };
    const by = { actor: 'ada', client: 'editor' };
    const me = actorOrigin('ada');
    const before = openHistoryStack(dir);
    try {
      await before.sync.change(ref, by, (doc) =>
        createAnnotationCollection(doc, { name: 'D' }, me),
      );
      for (let i = 0; i < 3; i++) {
        await before.sync.change(ref, { ...by, client: `editor-${i}` }, (doc) => {
          const anchor = { channels: ['tau'], t: i, t2: i + 1 };
          createAnnotation(doc, { kind: 'range', anchor, title: `Event ${i}` }, me);
        });
      }
      expect((await before.service.entries(ref, { limit: 10 })).items.length).toBeGreaterThan(1);
    } finally {
      await before.close();
    }

    const after = openHistoryStack(dir);
    try {
      const docs = after.service.indexer.docs;
      expect(docs.has(ref)).toBe(false);
      await after.service.entries(ref, { limit: 10 });
      await waitFor(() => docs.has(ref), 'the history doc');
      const held = await docs.get(ref, Number.MAX_SAFE_INTEGER);
      await waitFor(() => held.filled === true, 'the timeline');
    } finally {
      await after.close();
    }
  });
});
