import { afterEach, describe, expect, it } from 'vitest';
import { IdentityEvents } from '../identity/events';
import { createLogger } from '../log';
import { waitFor } from '../testing/harness';
import { openCluster, type Cluster } from './cluster';
import { TEST_REDIS_URL } from './testing';

describe('identity events across nodes', () => {
  const open: Cluster[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((c) => c.close()));
  });

  async function node() {
    const cluster = await openCluster(TEST_REDIS_URL, createLogger('silent'));
    open.push(cluster);
    const events = new IdentityEvents();
    await cluster.relayIdentity(events);
    const seen: unknown[] = [];
    events.on('access.changed', (e) => seen.push(['access.changed', e]));
    events.on('session.revoked', (e) => seen.push(['session.revoked', e]));
    return { events, seen };
  }

  it('re-emits every node’s role changes and revocations on the others within a second, once', async () => {
    const [a, b, c] = [await node(), await node(), await node()];
    const started = Date.now();
    const change = { tenantId: 't1', workspaceId: 'w1', userId: 'u1' };
    a.events.emit('access.changed', change);
    await waitFor(() => b.seen.length === 1 && c.seen.length === 1, 'the change at B and C', 1_000);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(b.seen).toEqual([['access.changed', change]]);
    b.events.emit('session.revoked', { tenantId: 't1', sessionId: 's1' });
    await waitFor(
      () => a.seen.length === 2 && c.seen.length === 2,
      'the revocation at A and C',
      1_000,
    );
    // Nothing comes back to the node that emitted it, and nothing is relayed twice.
    await new Promise((r) => setTimeout(r, 100));
    expect(a.seen).toEqual([
      ['access.changed', change],
      ['session.revoked', { tenantId: 't1', sessionId: 's1' }],
    ]);
    expect(b.seen).toHaveLength(2);
  });
});
