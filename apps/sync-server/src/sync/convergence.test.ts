import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ids, waitFor, useTestServer } from '../testing/harness';
import {
  fixtureTarget,
  lateJoinerGetsFullState,
  manyClientsConverge,
  noEchoToSender,
} from '../testing/syncScenarios';
import { encodeUpdate } from './protocol';

describe('convergence', () => {
  const t = useTestServer();

  const target = fixtureTarget(t);

  it('many clients on many documents converge', () => manyClientsConverge(target));

  it('a late joiner receives the full state', () => lateJoinerGetsFullState(target));

  it('does not echo an update back to its sender and relays it to everyone else', () =>
    noEchoToSender(target));

  it('stores and relays nothing for an update that brings nothing new', async () => {
    const { workspaceId, docId } = ids();
    const a = t.connect(workspaceId, docId);
    const b = t.connect(workspaceId, docId);
    await Promise.all([a.synced(), b.synced()]);
    a.text.insert(0, 'abcdef');
    a.text.delete(1, 2);
    await waitFor(() => b.text.toString() === 'adef', 'relay');
    const logged = (await t.server.store.readLog({ workspaceId, docId })).length;
    const delivered = async () => (await t.server.metrics.updatesOut.get()).values[0]?.value;
    const before = await delivered();
    // A reconnect makes the client send sync step 2 again, deletions included.
    a.provider.disconnect();
    a.provider.connect();
    await a.synced();
    a.provider.ws!.send(encodeUpdate(Y.encodeStateAsUpdate(a.doc)));
    await new Promise((r) => setTimeout(r, 100));
    expect((await t.server.store.readLog({ workspaceId, docId })).length).toBe(logged);
    expect(await delivered()).toBe(before);
  });
});
