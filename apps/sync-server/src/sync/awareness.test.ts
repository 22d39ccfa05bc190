import { describe, it } from 'vitest';
import { ids, waitFor, useTestServer } from '../testing/harness';
import { awarenessComesAndGoes, fixtureTarget } from '../testing/syncScenarios';

describe('awareness', () => {
  const t = useTestServer();

  it('appears at peers, reaches late joiners, and disappears when a client drops', () =>
    awarenessComesAndGoes(fixtureTarget(t)));

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
