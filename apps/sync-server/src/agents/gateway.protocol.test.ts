import type { Sample } from '@fieldbook/shared';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { TEST_MANIFEST } from '../telemetry/testBatches';
import { startGateway, KEYS, type GatewayHarness } from './testing/gatewayHarness';
import { RawAgent } from './testing/rawAgent';

const T0 = 1_760_000_000_000;
const volts = (n: number, from = 0): Sample[] =>
  Array.from({ length: n }, (_, i) => ({
    ch: 'volt',
    t: T0 + (from + i) * 10,
    value: from + i,
    quality: 'good',
  }));

let h: GatewayHarness;
const agents: RawAgent[] = [];
const connect = async (
  ...args: Parameters<typeof RawAgent.connect> extends [string, ...infer R] ? R : never
) => {
  const a = await RawAgent.connect(h.url, ...args);
  agents.push(a);
  return a;
};
const ready = async (key: string = KEYS.a, agentId = 'agent-1', epoch = 1) => {
  const a = await connect(key, agentId, epoch);
  a.hello(TEST_MANIFEST);
  return { agent: a, welcome: await a.next('server.welcome') };
};

afterEach(async () => {
  for (const a of agents.splice(0)) a.ws.terminate();
  await h?.close();
});

describe('agent gateway protocol', () => {
  it('refuses an unknown key with 401 and accepts the key as a bearer subprotocol', async () => {
    h = await startGateway();
    const refused = new WebSocket(h.url, ['fieldbook.agent.v1'], {
      headers: { Authorization: 'Bearer fb_nope_nope' },
    });
    const status = await new Promise<number>((resolve) =>
      refused.on('unexpected-response', (_req, res) => resolve(res.statusCode!)),
    );
    expect(status).toBe(401);
    const a = await connect(KEYS.a, 'agent-1', 1, true);
    a.hello(TEST_MANIFEST);
    const welcome = await a.next('server.welcome');
    expect(welcome).toMatchObject({ resumeSeq: {}, maxBatch: 20_000, credits: 100_000 });
    expect((await h.store.listInstruments('tenant-a')).map((i) => i.connection)).toEqual([
      'ONLINE',
      'ONLINE',
    ]);
  });

  it('stores a batch, acks the stored seq with credits, and resends are acked without storing twice', async () => {
    h = await startGateway();
    const { agent } = await ready();
    agent.batch('s1', 1, volts(100));
    expect(await agent.next('telemetry.ack')).toMatchObject({
      stream: 's1',
      storedSeq: 100,
      credits: 100,
    });
    agent.batch('s1', 51, volts(100, 50));
    expect(await agent.next('telemetry.ack')).toMatchObject({ storedSeq: 150 });
    const id = (await h.store.listChannels('tenant-a')).find((c) => c.key === 'volt')!.id;
    const q = await h.store.querySamples('tenant-a', id, {
      from: T0,
      to: T0 + 10_000,
      maxPoints: 10_000,
    });
    expect(q.count.reduce((x, y) => x + y, 0)).toBe(150);
    const { agent: again, welcome } = await ready(KEYS.a, 'agent-1', 2);
    expect(welcome.resumeSeq).toEqual({ s1: 150 });
    expect(again).toBeDefined();
  });

  it('records a gap when a batch skips ahead, and reports it in metrics', async () => {
    h = await startGateway();
    const { agent } = await ready();
    agent.batch('s1', 1, volts(10));
    await agent.next('telemetry.ack');
    agent.batch('s1', 21, volts(10, 20), 10);
    expect(await agent.next('telemetry.ack')).toMatchObject({ storedSeq: 30 });
    expect(await h.store.listGaps('tenant-a')).toMatchObject([
      { agentId: 'agent-1', stream: 's1', fromSeq: 11, toSeq: 20, reportedOverflow: 10 },
    ]);
    expect(await h.registry.metrics()).toMatch(/fieldbook_telemetry_gap_samples_total 10/);
  });

  it('answers malformed and oversized messages with a clear error, closing only that socket', async () => {
    h = await startGateway({ limits: { maxMessageBytes: 64 * 1024 } });
    const { agent: good } = await ready(KEYS.b, 'good');
    const cases: [string, (a: RawAgent) => void, RegExp, string, number][] = [
      ['not JSON', (a) => a.send('{oops'), /not JSON/, 'VALIDATION_ERROR', 1007],
      [
        'bad quality',
        (a) => a.batch('s1', 1, [{ ...volts(1)[0]!, quality: 'great' as never }]),
        /samples\[0\]\.quality/,
        'VALIDATION_ERROR',
        1007,
      ],
      [
        'unknown channel',
        (a) => a.batch('s1', 1, [...volts(2), { ch: 'nope', t: T0, value: 1, quality: 'good' }]),
        /samples\[2\]\.ch: "nope" is not a channel/,
        'VALIDATION_ERROR',
        1007,
      ],
      [
        'wrong type',
        (a) => a.batch('s1', 1, [{ ch: 'open', t: T0, value: 3, quality: 'good' }]),
        /samples\[0\]\.value \(channel "open", bool\)/,
        'VALIDATION_ERROR',
        1007,
      ],
      [
        'fractional time',
        (a) => a.batch('s1', 1, [{ ...volts(1)[0]!, t: 1.5 }]),
        /samples\[0\]\.t/,
        'VALIDATION_ERROR',
        1007,
      ],
      [
        'seq range',
        (a) =>
          a.send({
            ...a.envelope('telemetry.batch'),
            stream: 's1',
            firstSeq: 1,
            lastSeq: 5,
            samples: volts(2),
            historical: false,
            overflow: 0,
          }),
        /gap-free/,
        'VALIDATION_ERROR',
        1007,
      ],
      [
        'unknown type',
        (a) => a.send({ ...a.envelope('agent.dance') }),
        /type/,
        'VALIDATION_ERROR',
        1007,
      ],
      [
        'oversized',
        (a) => a.batch('s1', 1, volts(2000)),
        /exceeds the limit/,
        'PAYLOAD_TOO_LARGE',
        1009,
      ],
    ];
    for (const [name, act, message, code, closeCode] of cases) {
      const { agent } = await ready(KEYS.a, `bad-${name}`);
      act(agent);
      const error = await agent.next('server.error');
      expect(error, name).toMatchObject({ code, message: expect.stringMatching(message) });
      expect(await agent.closed(), name).toBe(closeCode);
      good.batch('s1', 1 + agents.indexOf(agent) * 10, volts(10));
      expect((await good.next('telemetry.ack')).storedSeq, name).toBe(
        10 + agents.indexOf(agent) * 10,
      );
    }
    expect(good.closeCode).toBeNull();
  });

  it('closes the sockets of a revoked key only', async () => {
    h = await startGateway();
    const { agent: a } = await ready(KEYS.a, 'agent-a');
    const { agent: b } = await ready(KEYS.b, 'agent-b');
    expect(h.gateway.closeKey('tenant-a', 'key-a')).toBe(1);
    expect(await a.next('server.error')).toMatchObject({ code: 'AUTH_TOKEN_INVALID' });
    expect(await a.closed()).toBe(4401);
    b.batch('s1', 1, volts(1));
    expect(await b.next('telemetry.ack')).toMatchObject({ storedSeq: 1 });
  });

  it('needs hello first, and matching agentId and epoch afterwards', async () => {
    h = await startGateway();
    const a = await connect(KEYS.a);
    a.batch('s1', 1, volts(1));
    expect(await a.next('server.error')).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/hello must come first/),
    });
    const { agent } = await ready();
    agent.sessionEpoch = 7;
    agent.batch('s1', 1, volts(1));
    expect(await agent.next('server.error')).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/sessionEpoch/),
    });
  });

  it('a newer session supersedes the old socket; an older epoch is refused', async () => {
    h = await startGateway();
    const { agent: first } = await ready(KEYS.a, 'agent-1', 5);
    await ready(KEYS.a, 'agent-1', 6);
    expect(await first.closed()).toBe(4409);
    const stale = await connect(KEYS.a, 'agent-1', 4);
    stale.hello(TEST_MANIFEST);
    expect(await stale.next('server.error')).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/not newer/),
    });
    expect((await h.store.listInstruments('tenant-a'))[0]!.connection).toBe('ONLINE');
  });

  it('closes an agent past its credits', async () => {
    h = await startGateway({ limits: { maxBatch: 50, creditWindow: 100 } });
    const { agent, welcome } = await ready();
    expect(welcome).toMatchObject({ credits: 100, maxBatch: 50 });
    agent.sendTogether([
      agent.batchMessage('s1', 1, volts(50)),
      agent.batchMessage('s1', 51, volts(50, 50)),
      agent.batchMessage('s1', 101, volts(50, 100)),
    ]);
    // 150 samples arrive before any ack could: past the window of 100
    const error = await agent.next('server.error');
    expect(error).toMatchObject({ code: 'RATE_LIMIT_EXCEEDED' });
    expect(await agent.closed()).toBe(1008);
    const { welcome: back } = await ready(KEYS.a, 'agent-1', 2);
    expect((back.resumeSeq as Record<string, number>).s1 ?? 0).toBeLessThanOrEqual(100);
  });

  it('heartbeats keep an agent ONLINE; silence makes it OFFLINE with STALE channels', async () => {
    h = await startGateway({ offlineAfterMs: 300 });
    const { agent: beating } = await ready(KEYS.a, 'beating');
    const { agent: silent } = await ready(KEYS.a, 'silent');
    const timer = setInterval(
      () =>
        beating.send({
          ...beating.envelope('agent.heartbeat'),
          uptimeMs: 1,
          bufferDepth: 0,
          clockOffsetMs: 0,
        }),
      50,
    );
    try {
      expect(await silent.next('server.error')).toMatchObject({ code: 'AGENT_TIMEOUT' });
      expect(await silent.closed()).toBe(4408);
      await new Promise((r) => setTimeout(r, 400));
      const byAgent = async (id: string) =>
        (await h.store.listInstruments('tenant-a')).filter((i) => i.agentId === id);
      expect((await byAgent('silent')).map((i) => i.connection)).toEqual(['OFFLINE', 'OFFLINE']);
      expect((await byAgent('beating')).map((i) => i.connection)).toEqual(['ONLINE', 'ONLINE']);
      const chans = await h.store.listChannels('tenant-a');
      expect(
        chans.filter((c) => c.agentId === 'silent').every((c) => c.freshness === 'STALE'),
      ).toBe(true);
      expect(
        chans.filter((c) => c.agentId === 'beating').every((c) => c.freshness === 'LIVE'),
      ).toBe(true);
      expect(beating.closeCode).toBeNull();
    } finally {
      clearInterval(timer);
    }
  });

  it('stores status updates; an unknown instrument is an error that keeps the session', async () => {
    h = await startGateway();
    const { agent } = await ready();
    agent.send({
      ...agent.envelope('status.update'),
      instrumentId: 'rover',
      state: 'error',
      alarms: [{ id: 'hot', severity: 'critical', message: 'motor hot' }],
    });
    agent.send({
      ...agent.envelope('status.update'),
      instrumentId: 'ghost',
      state: 'idle',
      alarms: [],
    });
    expect(await agent.next('server.error')).toMatchObject({ code: 'RESOURCE_NOT_FOUND' });
    agent.batch('s1', 1, volts(1));
    await agent.next('telemetry.ack');
    const rover = (await h.store.listInstruments('tenant-a')).find((i) => i.key === 'rover')!;
    expect(rover).toMatchObject({ state: 'error', alarms: [{ id: 'hot' }] });
    expect(await h.store.listInstruments('tenant-b')).toEqual([]);
  });
});
