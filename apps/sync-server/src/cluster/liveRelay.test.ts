import { newId } from '@fieldbook/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../log';
import { LiveBus, type LiveSamples } from '../telemetry/liveBus';
import { waitFor } from '../testing/harness';
import { openCluster, type Cluster } from './cluster';
import { TEST_REDIS_URL } from './testing';

describe('live telemetry samples across nodes', () => {
  const open: Cluster[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((c) => c.close()));
  });
  const node = async () => {
    const cluster = await openCluster(TEST_REDIS_URL, createLogger('silent'));
    open.push(cluster);
    const bus = new LiveBus();
    bus.share(cluster.sampleRelay);
    return bus;
  };

  it('reaches a viewer on another node only while it watches, and never twice', async () => {
    const [a, b] = [await node(), await node()];
    const [tenantId, channelId] = [newId(), newId()];
    const batch = (i: number): LiveSamples => ({
      tenantId,
      channelId,
      times: Float64Array.of(1_000 + i, 1_001 + i),
      values: Float64Array.of(i / 3, -i),
    });
    const atA: LiveSamples[] = [];
    const atB: LiveSamples[] = [];
    const stopA = a.subscribeSamples(tenantId, channelId, (e) => atA.push(e));
    const stopB = b.subscribeSamples(tenantId, channelId, (e) => atB.push(e));
    // The publisher learns within a second that another node watches.
    let i = 0;
    await waitFor(
      () => {
        a.publishSamples(batch(i++));
        return atB.length > 0;
      },
      'the first batch at B',
      3_000,
    );
    const first = atB[0]!;
    const sent = batch(Number(first.times[0]) - 1_000);
    expect([...first.times]).toEqual([...sent.times]);
    expect([...first.values]).toEqual([...sent.values]);
    expect(atA).toHaveLength(i);
    expect(a.watches(tenantId, channelId) && b.watches(tenantId, channelId)).toBe(true);
    stopB();
    stopA();
    await new Promise((r) => setTimeout(r, 1_200));
    const before = atB.length;
    a.publishSamples(batch(99));
    await new Promise((r) => setTimeout(r, 100));
    expect(atB).toHaveLength(before);
    expect(a.watches(tenantId, channelId)).toBe(false);
  });
});
