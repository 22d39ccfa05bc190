import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { DocKey, DocStore } from '../storage/docStore';
import { ids, waitFor, useTestServer } from '../testing/harness';

/** The document as storage would load it: latest snapshot plus newer updates. */
async function loadFromStore(store: DocStore, key: DocKey): Promise<Y.Doc> {
  const stored = await store.load(key);
  const doc = new Y.Doc();
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot.state);
  for (const u of stored.updates) Y.applyUpdate(doc, u.update);
  return doc;
}

describe('compaction and idle unload', () => {
  const t = useTestServer({ COMPACT_MAX_UPDATES: '20', IDLE_UNLOAD_MS: '150' });

  it('compacts past the threshold, keeps the log, and keeps content identical', async () => {
    const { workspaceId, docId } = ids();
    const a = t.connect(workspaceId, docId);
    const b = t.connect(workspaceId, docId);
    await Promise.all([a.synced(), b.synced()]);
    for (let i = 0; i < 65; i++) {
      const writer = i % 2 ? a : b;
      writer.text.insert(writer.text.length, `${i},`);
      if (i % 5 === 4) writer.text.delete(0, 1);
      writer.doc.getMap('m').set(`k${i % 7}`, i);
      await new Promise((r) => setTimeout(r, 2));
    }
    await waitFor(() => a.text.toString() === b.text.toString(), 'writers to converge');
    await waitFor(
      () => t.server.sync.registry.get({ workspaceId, docId })!.compactor.count < 20,
      'compaction',
    );
    const stored = await t.server.store.load({ workspaceId, docId });
    expect(stored.snapshot).not.toBeNull();
    expect(stored.updates.length).toBeLessThan(20);
    expect((await t.server.store.readLog({ workspaceId, docId })).length).toBeGreaterThanOrEqual(
      65,
    );

    const reloaded = await loadFromStore(t.server.store, { workspaceId, docId });
    expect(reloaded.getText('t').toString()).toBe(a.text.toString());
    expect(reloaded.getMap('m').toJSON()).toEqual(a.doc.getMap('m').toJSON());
    const late = t.connect(workspaceId, docId);
    await late.synced();
    expect(late.text.toString()).toBe(a.text.toString());
  });

  it('unloads an idle document after the grace period and reloads it intact', async () => {
    const { workspaceId, docId } = ids();
    const a = t.connect(workspaceId, docId);
    await a.synced();
    a.text.insert(0, 'kept while unloaded');
    await new Promise((r) => setTimeout(r, 50));
    a.destroy();
    await waitFor(() => t.server.sync.registry.hubs.size === 1, 'hub to stay during grace');
    await waitFor(() => t.server.sync.registry.hubs.size === 0, 'idle unload', 5_000);
    expect((await t.server.store.logStats({ workspaceId, docId })).updatesSinceSnapshot).toBe(0);
    const metrics = await t.server.metrics.registry.getSingleMetricAsString(
      'fieldbook_sync_loaded_documents',
    );
    expect(metrics).toMatch(/fieldbook_sync_loaded_documents 0/);
    const again = t.connect(workspaceId, docId);
    await again.synced();
    expect(again.text.toString()).toBe('kept while unloaded');
  });
});
