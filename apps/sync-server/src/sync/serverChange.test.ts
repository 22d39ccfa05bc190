import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ids, useTestServer, waitFor } from '../testing/harness';

describe('changes the server makes through a document’s hub', () => {
  const t = useTestServer({ IDLE_UNLOAD_MS: '200' });

  it('are stored as the actor, relayed live to open clients and seen by late ones', async () => {
    const { workspaceId, docId } = ids();
    const ref = { workspaceId, docId, tenantId: 'dev' };
    const open = t.connect(workspaceId, docId);
    await open.synced();
    open.text.insert(0, 'typed');
    await waitFor(() => t.server.sync.registry.get(ref)?.doc.getText('t').length === 5, 'edit');

    const seq = await t.server.sync.change(ref, { actor: 'rey', client: 'restore@1' }, (doc) =>
      doc.getText('t').insert(5, ' and restored'),
    );
    await waitFor(() => open.text.toString() === 'typed and restored', 'the change live');
    const log = await t.server.store.readLog(ref);
    expect(log.at(-1)).toMatchObject({ seq, actor: 'rey', client: 'restore@1' });

    const late = t.connect(workspaceId, docId);
    await late.synced();
    expect(late.text.toString()).toBe('typed and restored');
  });

  it('open a document no socket holds, and answer null when nothing changed', async () => {
    const { workspaceId, docId } = ids();
    const ref = { workspaceId, docId, tenantId: 'dev' };
    const seq = await t.server.sync.change(ref, { actor: 'ada', client: 'fork' }, (doc) =>
      doc.getMap('m').set('k', 1),
    );
    expect(seq).toBe(1);
    expect(await t.server.sync.change(ref, { actor: 'ada', client: 'x' }, () => {})).toBeNull();
    await waitFor(() => t.server.sync.registry.get(ref) === undefined, 'the idle hub to unload');
    const doc = new Y.Doc();
    for (const u of await t.server.store.readLog(ref)) Y.applyUpdate(doc, u.update);
    expect(doc.getMap('m').get('k')).toBe(1);
  });

  it('store what a failing change did before it failed, then report the failure', async () => {
    const { workspaceId, docId } = ids();
    const ref = { workspaceId, docId, tenantId: 'dev' };
    await expect(
      t.server.sync.change(ref, { actor: 'ada', client: 'x' }, (doc) => {
        doc.getMap('m').set('half', true);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect((await t.server.store.readLog(ref)).length).toBe(1);
  });
});
