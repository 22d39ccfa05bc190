import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { decimate } from './decimate';
import { LiveBus, type LiveSamples } from './liveBus';
import type { TelemetryStore } from './telemetryStore';
import { TEST_MANIFEST, batchOf, type TestSample } from './testBatches';

/** Opens a store on the same backing data each time it is called; `chunkSamples` is kept small to exercise sealing. */
export type OpenStore = (opts: { bus?: LiveBus; chunkSamples?: number }) => TelemetryStore;

const T = 'tenant-a';
const A = 'agent-1';
const where = { tenantId: T, agentId: A, stream: 's1' };
const T0 = 1_760_000_000_000;

/** Behaviour every TelemetryStore implementation must show. */
export function telemetryStoreContract(
  name: string,
  setup: () => Promise<{ open: OpenStore; cleanup(): Promise<void> | void }>,
) {
  describe(`TelemetryStore contract: ${name}`, () => {
    let env: Awaited<ReturnType<typeof setup>> | undefined;
    const stores: TelemetryStore[] = [];
    const open: OpenStore = (o) => {
      const s = env!.open(o);
      stores.push(s);
      return s;
    };
    const start = async (o: Parameters<OpenStore>[0] = {}) => {
      env = await setup();
      return open(o);
    };
    afterEach(async () => {
      for (const s of stores.splice(0)) await s.close().catch(() => {});
      await env?.cleanup();
    });
    const channelId = async (s: TelemetryStore, key: string) =>
      (await s.listChannels(T)).find((c) => c.key === key)!.id;

    it('registers a manifest and refuses a channel id declared twice', async () => {
      const s = await start();
      const chans = await s.registerManifest(T, null, A, TEST_MANIFEST);
      expect([...chans.keys()].sort()).toEqual(['amp', 'mode', 'open', 'volt']);
      expect((await s.listInstruments(T)).map((i) => i.key)).toEqual(['door', 'rover']);
      const again = await s.registerManifest(T, null, A, TEST_MANIFEST);
      expect(again.get('volt')!.id).toBe(chans.get('volt')!.id);
      const dup = {
        instruments: [TEST_MANIFEST.instruments[0]!, { ...TEST_MANIFEST.instruments[0]!, id: 'x' }],
      };
      await expect(s.registerManifest(T, null, A, dup)).rejects.toThrow(/appears twice/);
    });

    it('range queries equal brute-force decimation over sealed chunks, the open tail and late samples', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(
            fc.tuple(
              fc.integer({ min: 0, max: 30 }),
              fc.double({ min: -1e3, max: 1e3, noNaN: true }).map((v) => v + 0),
            ),
            {
              minLength: 100,
              maxLength: 600,
              size: 'max',
            },
          ),
          fc.array(
            fc.tuple(
              fc.integer({ min: 0, max: 20_000 }),
              fc.double({ min: -1e3, max: 1e3, noNaN: true }).map((v) => v + 0),
            ),
            {
              maxLength: 20,
            },
          ),
          fc.array(
            fc.tuple(
              fc.integer({ min: -100, max: 20_100 }),
              fc.integer({ min: -100, max: 20_100 }),
              fc.oneof(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 300 })),
            ),
            {
              minLength: 1,
              maxLength: 5,
            },
          ),
          async (steps, late, ranges) => {
            let t = 0;
            const points = [...steps.map(([dt, v]) => [(t += dt), v] as const), ...late];
            for (const st of stores.splice(0)) await st.close();
            await env?.cleanup();
            const s = await start({ chunkSamples: 16 });
            await s.registerManifest(T, null, A, TEST_MANIFEST);
            const samples: TestSample[] = points.map(([dt, v]) => ({
              ch: 'volt',
              t: T0 + dt,
              value: v,
            }));
            for (let i = 0, seq = 0; i < samples.length; i += 100, seq += 100)
              await s.ingest(batchOf(where, seq, samples.slice(i, i + 100)));
            const id = await channelId(s, 'volt');
            for (const [a, b, maxPoints] of ranges) {
              const [from, to] = a <= b ? [T0 + a, T0 + b] : [T0 + b, T0 + a];
              const got = await s.querySamples(T, id, { from, to, maxPoints });
              const want = decimate(
                samples.map((x) => x.t),
                samples.map((x) => x.value as number),
                from,
                to,
                maxPoints,
              );
              expect(got).toEqual(want);
            }
          },
        ),
        { numRuns: 25 },
      );
    });

    it('drops duplicates by seq, stores the new tail of an overlapping batch, and records a gap', async () => {
      const s = await start();
      await s.registerManifest(T, null, A, TEST_MANIFEST);
      const mk = (n: number, at: number) =>
        Array.from({ length: n }, (_, i) => ({ ch: 'volt', t: T0 + at + i, value: at + i }));
      expect(await s.ingest(batchOf(where, 1, mk(10, 0)))).toEqual({
        storedSeq: 10,
        stored: 10,
        duplicates: 0,
        gap: null,
      });
      expect(await s.ingest(batchOf(where, 1, mk(10, 0)))).toEqual({
        storedSeq: 10,
        stored: 0,
        duplicates: 10,
        gap: null,
      });
      expect(await s.ingest(batchOf(where, 6, mk(10, 5)))).toEqual({
        storedSeq: 15,
        stored: 5,
        duplicates: 5,
        gap: null,
      });
      const gap = await s.ingest(batchOf(where, 21, mk(5, 20), 5));
      expect(gap).toEqual({
        storedSeq: 25,
        stored: 5,
        duplicates: 0,
        gap: { fromSeq: 16, toSeq: 20 },
      });
      expect(await s.listGaps(T, A)).toMatchObject([
        { stream: 's1', fromSeq: 16, toSeq: 20, reportedOverflow: 5 },
      ]);
      expect(await s.streamPositions(T, A)).toEqual([{ stream: 's1', storedSeq: 25, overflow: 5 }]);
      const q = await s.querySamples(T, await channelId(s, 'volt'), {
        from: T0,
        to: T0 + 100,
        maxPoints: 1000,
      });
      expect(q.count.reduce((a, b) => a + b, 0)).toBe(20);
    });

    it('keeps stored batches across a reopen without close (pending rows come back as the open tail)', async () => {
      const s = await start({ chunkSamples: 50 });
      await s.registerManifest(T, null, A, TEST_MANIFEST);
      const samples = Array.from({ length: 130 }, (_, i) => ({ ch: 'volt', t: T0 + i, value: i }));
      await s.ingest(batchOf(where, 0, samples));
      const s2 = open({ chunkSamples: 50 });
      await s2.registerManifest(T, null, A, TEST_MANIFEST);
      expect(await s2.streamPositions(T, A)).toEqual([
        { stream: 's1', storedSeq: 129, overflow: 0 },
      ]);
      const q = await s2.querySamples(T, await channelId(s2, 'volt'), {
        from: T0,
        to: T0 + 200,
        maxPoints: 200,
      });
      expect(q.count.reduce((a, b) => a + b, 0)).toBe(130);
      expect(await s2.ingest(batchOf(where, 100, samples.slice(100)))).toMatchObject({
        stored: 0,
        duplicates: 30,
      });
    });

    it('scopes everything by tenant', async () => {
      const s = await start();
      await s.registerManifest(T, null, A, TEST_MANIFEST);
      await s.ingest(batchOf(where, 0, [{ ch: 'volt', t: T0, value: 1 }]));
      const id = await channelId(s, 'volt');
      expect(await s.listChannels('tenant-b')).toEqual([]);
      expect(await s.streamPositions('tenant-b', A)).toEqual([]);
      await expect(
        s.querySamples('tenant-b', id, { from: T0, to: T0 + 1, maxPoints: 1 }),
      ).rejects.toThrow(/not found/);
    });

    it('stores bool, f32 and enum values; publishes live samples after storing', async () => {
      const bus = new LiveBus();
      const s = await start({ bus });
      await s.registerManifest(T, null, A, TEST_MANIFEST);
      const seen: LiveSamples[] = [];
      bus.subscribeSamples(T, await channelId(s, 'amp'), (e) => seen.push(e));
      await s.ingest(
        batchOf(where, 0, [
          { ch: 'amp', t: T0, value: 0.1 },
          { ch: 'open', t: T0, value: true },
          { ch: 'mode', t: T0, value: 'drive' },
          { ch: 'mode', t: T0 + 1, value: 'park' },
          { ch: 'mode', t: T0 + 2, value: 'drive' },
        ]),
      );
      expect(seen.map((e) => [...e.values])).toEqual([[Math.fround(0.1)]]);
      await s.flush();
      const q = async (key: string) =>
        s.querySamples(T, await channelId(s, key), { from: T0, to: T0 + 2, maxPoints: 3 });
      expect((await q('amp')).max).toEqual([Math.fround(0.1)]);
      expect((await q('open')).max).toEqual([1]);
      expect((await q('mode')).max).toEqual([0, 1, 0]);
    });

    it('tracks ONLINE/OFFLINE, STALE channels and instrument status', async () => {
      const s = await start();
      await s.registerManifest(T, null, A, TEST_MANIFEST);
      await s.setConnection(T, A, 'ONLINE', T0);
      expect((await s.listChannels(T)).every((c) => c.freshness === 'LIVE')).toBe(true);
      expect(
        await s.setStatus(T, A, 'rover', { state: 'busy', alarms: [{ id: 'hot' }] }, T0 + 1),
      ).toBe(true);
      expect(await s.setStatus(T, A, 'nope', { state: 'busy', alarms: [] }, T0 + 1)).toBe(false);
      await s.setConnection(T, A, 'OFFLINE', T0 + 2);
      const rover = (await s.listInstruments(T)).find((i) => i.key === 'rover')!;
      expect(rover).toMatchObject({
        connection: 'OFFLINE',
        state: 'busy',
        alarms: [{ id: 'hot' }],
        lastSeenAt: T0 + 2,
      });
      expect((await s.listChannels(T)).every((c) => c.freshness === 'STALE')).toBe(true);
    });

    it('purges chunks older than the retention cutoff', async () => {
      const s = await start({ chunkSamples: 10 });
      await s.registerManifest(T, null, A, TEST_MANIFEST);
      await s.ingest(
        batchOf(
          where,
          0,
          Array.from({ length: 40 }, (_, i) => ({ ch: 'volt', t: T0 + i * 1000, value: i })),
        ),
      );
      await s.flush();
      expect(await s.purgeBefore(T0 + 20_000)).toBe(20);
      const q = await s.querySamples(T, await channelId(s, 'volt'), {
        from: T0,
        to: T0 + 40_000,
        maxPoints: 40,
      });
      expect(q.count.reduce((a, b) => a + b, 0)).toBe(20);
      expect(Math.min(...q.minT)).toBe(T0 + 20_000);
    });
  });
}
