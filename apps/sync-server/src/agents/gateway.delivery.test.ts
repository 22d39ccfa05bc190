import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AgentClient } from '@fieldbook/agent';
import type { Sample } from '@fieldbook/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { TEST_MANIFEST } from '../telemetry/testBatches';
import { CuttingProxy } from './testing/cuttingProxy';
import { startGateway, KEYS, type GatewayHarness } from './testing/gatewayHarness';

const T0 = 1_760_000_000_000;
/** Samples alternating over two channels with distinct times, so every stored sample can be counted. */
const samples = (n: number, from = 0): Sample[] =>
  Array.from({ length: n }, (_, k) => {
    const i = from + k;
    return { ch: i % 2 ? 'amp' : 'volt', t: T0 + i, value: i % 1000, quality: 'good' };
  });

let h: GatewayHarness | undefined;
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  await h?.close();
  h = undefined;
});

function client(url: string, extra: Partial<ConstructorParameters<typeof AgentClient>[0]> = {}) {
  const dir = extra.bufferDir ?? mkdtempSync(join(tmpdir(), 'fieldbook-agent-buf-'));
  const c = new AgentClient({
    url,
    key: KEYS.a,
    agentId: 'agent-1',
    manifest: TEST_MANIFEST,
    bufferDir: dir,
    backoffInitialMs: 20,
    backoffMaxMs: 100,
    heartbeatMs: 200,
    ...extra,
  });
  cleanups.push(async () => {
    await c.stop();
    if (!extra.bufferDir) rmSync(dir, { recursive: true, force: true });
  });
  return c;
}

async function storedCounts(store: GatewayHarness['store']) {
  const out: Record<string, number> = {};
  for (const ch of await store.listChannels('tenant-a')) {
    const q = await store.querySamples('tenant-a', ch.id, {
      from: T0,
      to: T0 + 1_000_000,
      maxPoints: 1_000_000,
    });
    out[ch.key] = q.count.reduce((a, b) => a + b, 0);
  }
  return out;
}

describe('delivery through the gateway with the agent client', () => {
  it('a connection killed in the middle of a batch, then reconnected: every sample stored exactly once', async () => {
    h = await startGateway({ chunkSamples: 500 });
    const proxy = new CuttingProxy(h.port);
    const port = await proxy.listen();
    cleanups.push(() => proxy.close());
    const c = client(`ws://127.0.0.1:${port}/agents`, { maxBlock: 1000 });
    c.start();
    await new Promise((r) => c.once('welcome', r));
    c.push('s1', samples(5000));
    await c.drained('s1');
    proxy.cutAfter(30_000); // mid-way through a ~70 kB batch frame
    c.push('s1', samples(5000, 5000));
    await new Promise((r) => c.once('disconnect', r));
    c.push('s1', samples(5000, 10_000));
    await c.drained('s1');
    expect(proxy.cuts).toBe(1);
    expect(c.stats.connects).toBeGreaterThanOrEqual(2);
    expect(await storedCounts(h.store)).toEqual({ amp: 7500, mode: 0, open: 0, volt: 7500 });
    expect(await h.store.streamPositions('tenant-a', 'agent-1')).toEqual([
      { stream: 's1', storedSeq: 15_000, overflow: 0 },
    ]);
    expect(await h.store.listGaps('tenant-a')).toEqual([]);
  });

  it('credits stop a fast agent without loss', async () => {
    h = await startGateway({ limits: { maxBatch: 100, creditWindow: 300 } });
    const c = client(h.url, { maxBlock: 100 });
    c.start();
    await new Promise((r) => c.once('welcome', r));
    c.push('s1', samples(10_000));
    await c.drained('s1');
    expect(c.stats.creditStalls).toBeGreaterThan(0);
    const [conn] = [...h.gateway.connections];
    expect(conn!.peakOutstanding).toBeLessThanOrEqual(300);
    expect(await storedCounts(h.store)).toMatchObject({ amp: 5000, volt: 5000 });
    expect(c.stats.lastError).toBeNull();
  });

  it('buffers on disk while the server is away, survives an agent restart, and delivers on connect', async () => {
    h = await startGateway();
    const url = h.url;
    const port = h.port;
    await h.close();
    h = undefined;
    const dir = mkdtempSync(join(tmpdir(), 'fieldbook-agent-buf-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const first = client(url, { bufferDir: dir });
    first.start();
    first.push('s1', samples(3000));
    await first.stop();
    h = await startGatewayOn(port);
    const second = client(url, { bufferDir: dir });
    second.push('s1', samples(1000, 3000));
    second.start();
    await second.drained('s1');
    expect(await storedCounts(h.store)).toMatchObject({ amp: 2000, volt: 2000 });
    expect(await h.store.streamPositions('tenant-a', 'agent-1')).toMatchObject([
      { storedSeq: 4000 },
    ]);
  });

  it('a full buffer drops the oldest samples, counts them as overflow, and the server records the gap', async () => {
    h = await startGateway();
    const dir = mkdtempSync(join(tmpdir(), 'fieldbook-agent-buf-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const c = client(h.url, {
      bufferDir: dir,
      buffer: { maxBytes: 40_000, segmentBytes: 8_000 },
      maxBlock: 100,
    });
    for (let i = 0; i < 20; i++) c.push('s1', samples(100, i * 100));
    const dropped = c.buffer.overflow('s1');
    expect(dropped).toBeGreaterThan(0);
    c.start();
    await c.drained('s1');
    const [pos] = await h.store.streamPositions('tenant-a', 'agent-1');
    expect(pos).toEqual({ stream: 's1', storedSeq: 2000, overflow: dropped });
    expect(await h.store.listGaps('tenant-a')).toMatchObject([
      { fromSeq: 1, toSeq: dropped, reportedOverflow: dropped },
    ]);
    const counts = await storedCounts(h.store);
    expect(counts.amp! + counts.volt!).toBe(2000 - dropped);
  });
});

/** Starts a gateway again on the port the agent knows. */
async function startGatewayOn(port: number): Promise<GatewayHarness> {
  return startGateway({ port });
}
