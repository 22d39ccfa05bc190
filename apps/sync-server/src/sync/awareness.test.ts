import { describe, expect, it } from 'vitest';
import { ids, waitFor, useTestServer } from '../testing/harness';

describe('awareness', () => {
  const t = useTestServer();

  it('appears at peers, reaches late joiners, and disappears when a client drops', async () => {
    const { workspaceId, docId } = ids();
    const a = t.connect(workspaceId, docId);
    const b = t.connect(workspaceId, docId);
    await Promise.all([a.synced(), b.synced()]);
    a.provider.awareness.setLocalStateField('user', { name: 'Ada' });
    await waitFor(
      () => b.provider.awareness.getStates().get(a.doc.clientID)?.user?.name === 'Ada',
      'a to appear at b',
    );
    const late = t.connect(workspaceId, docId);
    await late.synced();
    await waitFor(
      () => late.provider.awareness.getStates().get(a.doc.clientID)?.user?.name === 'Ada',
      'a to appear at the late joiner',
    );
    // Drop a's socket without a goodbye: the server must remove its entry itself.
    a.provider.shouldConnect = false;
    a.provider.ws?.close();
    await waitFor(() => !b.provider.awareness.getStates().has(a.doc.clientID), 'a to leave b');
    await waitFor(
      () => !late.provider.awareness.getStates().has(a.doc.clientID),
      'a to leave the late joiner',
    );
    late.provider.awareness.setLocalStateField('user', { name: 'Late' });
    await waitFor(
      () => b.provider.awareness.getStates().get(late.doc.clientID)?.user?.name === 'Late',
      'the remaining clients to keep exchanging awareness',
    );
    expect(b.provider.awareness.getStates().has(a.doc.clientID)).toBe(false);
  });

  it('answers query-awareness with the current states', async () => {
    const { workspaceId, docId } = ids();
    const a = t.connect(workspaceId, docId);
    const b = t.connect(workspaceId, docId);
    await Promise.all([a.synced(), b.synced()]);
    a.provider.awareness.setLocalStateField('cursor', 7);
    await waitFor(() => b.provider.awareness.getStates().has(a.doc.clientID), 'first relay');
    b.provider.awareness.getStates().delete(a.doc.clientID);
    b.provider.awareness.meta.delete(a.doc.clientID);
    b.provider.ws!.send(new Uint8Array([3]));
    await waitFor(
      () => b.provider.awareness.getStates().get(a.doc.clientID)?.cursor === 7,
      'query-awareness answer',
    );
  });
});
