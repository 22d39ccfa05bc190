import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '@fieldbook/shared';
import { until } from '../instruments/e2e/instrumentKit';
import { bridgedServer, brokerUrl, edgeNode, startMosquitto } from './testing/mqttKit';

const PRESS = {
  timestamp: Date.now(),
  instrument: {
    name: 'Hydraulic press',
    model: 'P-40',
    channels: [
      { id: 'pressure', dataType: 'f64', unit: 'bar', limits: { warnHigh: 180, alarmHigh: 200 } },
      { id: 'ram.pos', dataType: 'f64', unit: 'mm' },
    ],
    commands: [
      {
        id: 'ram.home',
        parameterSchema: {
          type: 'object',
          properties: { speed: { type: 'number', maximum: 10 } },
          additionalProperties: false,
        },
        hazard: 'normal',
      },
    ],
  },
};

/** DDATA of `n` pressure samples numbered from `seq`, one per ms from t0 + seq. */
const T0 = 1_760_000_000_000;
const ddata = (seq: number, n: number) => ({
  timestamp: T0,
  seq,
  metrics: Array.from({ length: n }, (_, i) => ({
    name: 'pressure',
    value: 100 + ((seq + i) % 50),
    timestamp: T0 + seq + i,
  })),
});

describe('MQTT bridge on the machine broker', () => {
  const group = `fbtest-${newId().slice(-12)}`;
  let broker: Awaited<ReturnType<typeof brokerUrl>>;
  let s: Awaited<ReturnType<typeof bridgedServer>>;
  let edge: Awaited<ReturnType<typeof edgeNode>>;
  let pressId = '';
  let channelId = '';
  beforeAll(async () => {
    broker = await brokerUrl();
    s = await bridgedServer(broker.url, [`${group}/line3`]);
    await until(() => s.server.agents.mqtt?.connected === true, 'the bridge to connect');
    edge = await edgeNode(broker.url, group, 'line3');
    await edge.publish('NBIRTH', undefined, { timestamp: Date.now() });
    await edge.publish('DBIRTH', 'press', PRESS);
    await until(async () => {
      const r = await s.call('GET', `/workspaces/${s.ws}/instruments`, { token: s.token });
      pressId = r.body.items.find((i: { key: string }) => i.key === 'press')?.id ?? '';
      return pressId !== '';
    }, 'the press to be registered');
    const channels = await s.call('GET', `/workspaces/${s.ws}/channels`, { token: s.token });
    channelId = channels.body.items.find((c: { key: string }) => c.key === 'pressure').id;
  });
  afterAll(async () => {
    await edge?.end();
    await s?.close();
    await broker?.stop();
  });

  const stored = async () => {
    await s.server.agents.mqtt!.idle();
    const q = await s.call(
      'GET',
      `/channels/${channelId}/samples?from=${T0}&to=${T0 + 10_000}&maxPoints=100000`,
      {
        token: s.token,
      },
    );
    return (q.body.count as number[]).reduce((a, b) => a + b, 0);
  };
  const gaps = () => s.server.agents.telemetry.listGaps(s.tenantId, `mqtt:${group}/line3/press`);

  it('maps a device birth to an ONLINE instrument with the manifest, in the workspace of the configured key', async () => {
    const r = await s.call('GET', `/instruments/${pressId}`, { token: s.token });
    expect(r.body).toMatchObject({
      name: 'Hydraulic press',
      model: 'P-40',
      connection: 'ONLINE',
      workspaceId: s.ws,
      agentId: `mqtt:${group}/line3/press`,
    });
    expect(r.body.spec.channels[0].limits).toEqual({ warnHigh: 180, alarmHigh: 200 });
  });

  it('stores DDATA once: duplicate publishes are dropped, out-of-order ones put back in order', async () => {
    await edge.publish('DDATA', 'press', ddata(1, 10));
    await edge.publish('DDATA', 'press', ddata(1, 10));
    await until(async () => (await stored()) === 10, '10 samples');
    // 21–30 overtakes 11–20: held, then both stored with no gap.
    await edge.publish('DDATA', 'press', ddata(21, 10));
    await edge.publish('DDATA', 'press', ddata(11, 10));
    await edge.publish('DDATA', 'press', ddata(11, 10));
    await until(async () => (await stored()) === 30, '30 samples');
    expect(await gaps()).toEqual([]);
  });

  it('records missing sequence numbers as a gap once the reorder window has passed', async () => {
    await edge.publish('DDATA', 'press', ddata(41, 5));
    await until(async () => (await stored()) === 35, 'the samples after the hole', 5_000);
    expect((await gaps()).map((g) => [g.fromSeq, g.toSeq])).toEqual([[31, 40]]);
    // The missing ones arriving late are older than what is stored: dropped, not stored twice.
    await edge.publish('DDATA', 'press', ddata(31, 10));
    await new Promise((r) => setTimeout(r, 400));
    expect(await stored()).toBe(35);
  });

  it('ignores edge nodes that are not configured, whatever their payload says', async () => {
    const stranger = await edgeNode(broker.url, group, 'intruder');
    await stranger.publish('DBIRTH', 'press', { ...PRESS, tenantId: 'someone', workspaceId: s.ws });
    await stranger.publish('DDATA', 'press', ddata(1, 5));
    await stranger.end();
    await new Promise((r) => setTimeout(r, 300));
    const list = await s.call('GET', `/workspaces/${s.ws}/instruments`, { token: s.token });
    expect(list.body.items.map((i: { agentId: string }) => i.agentId)).toEqual([
      `mqtt:${group}/line3/press`,
    ]);
  });

  it('sends commands as DCMD and records the results the edge node reports in DDATA', async () => {
    const r = await s.call('POST', `/instruments/${pressId}/commands`, {
      token: s.token,
      body: { command: 'ram.home', params: { speed: 2 } },
    });
    expect(r.status).toBe(201);
    await until(() => edge.received.length > 0, 'a DCMD');
    expect(edge.received[0]!.topic).toBe(`spBv1.0/${group}/DCMD/line3/press`);
    const cmd = edge.received[0]!.payload.command as { commandId: string; params: unknown };
    expect(cmd).toMatchObject({ commandId: r.body.id, params: { speed: 2 } });
    await edge.publish('DDATA', 'press', {
      events: [
        { type: 'command.ack', commandId: cmd.commandId, accepted: true },
        { type: 'command.result', commandId: cmd.commandId, outcome: 'success', output: { at: 0 } },
      ],
    });
    await until(async () => {
      const c = await s.call('GET', `/commands/${r.body.id}`, { token: s.token });
      return c.body.state === 'succeeded';
    }, 'the command to succeed');
  });

  it('marks the instrument OFFLINE on NDEATH (the last will of an edge node that vanished)', async () => {
    edge.vanish();
    await until(async () => {
      const r = await s.call('GET', `/instruments/${pressId}`, { token: s.token });
      return r.body.connection === 'OFFLINE';
    }, 'OFFLINE after the last will');
  });
});

describe('MQTT bridge across a broker restart', () => {
  it('reconnects, stores what the edge node republishes once, and still sends commands', async () => {
    const broker = await startMosquitto();
    const group = `fbrestart-${newId().slice(-12)}`;
    const s = await bridgedServer(broker.url, [`${group}/cell`]);
    const edge = await edgeNode(broker.url, group, 'cell');
    try {
      await until(() => s.server.agents.mqtt?.connected === true, 'the bridge to connect');
      await edge.publish('DBIRTH', 'press', PRESS);
      await edge.publish('DDATA', 'press', ddata(1, 20));
      let pressId = '';
      await until(async () => {
        const r = await s.call('GET', `/workspaces/${s.ws}/instruments`, { token: s.token });
        pressId = r.body.items[0]?.id ?? '';
        return pressId !== '';
      }, 'the press');
      await broker.restart();
      await until(
        () => s.server.agents.mqtt?.connected === true,
        'the bridge to reconnect',
        20_000,
      );
      await until(() => edge.listening, 'the edge to reconnect and subscribe again', 20_000);
      // The edge node resends everything it holds after a reconnect (store and forward).
      await edge.publish('DBIRTH', 'press', PRESS);
      await edge.publish('DDATA', 'press', ddata(1, 20));
      await edge.publish('DDATA', 'press', ddata(21, 20));
      const channels = await s.call('GET', `/workspaces/${s.ws}/channels`, { token: s.token });
      const ch = channels.body.items.find((c: { key: string }) => c.key === 'pressure').id;
      await until(async () => {
        await s.server.agents.mqtt!.idle();
        const q = await s.call(
          'GET',
          `/channels/${ch}/samples?from=${T0}&to=${T0 + 10_000}&maxPoints=100000`,
          {
            token: s.token,
          },
        );
        return (q.body.count as number[]).reduce((a, b) => a + b, 0) === 40;
      }, '40 samples, each once');
      const r = await s.call('POST', `/instruments/${pressId}/commands`, {
        token: s.token,
        body: { command: 'ram.home', params: {} },
      });
      await until(
        () =>
          edge.received.some(
            (m) => (m.payload.command as { commandId?: string })?.commandId === r.body.id,
          ),
        'the DCMD after the restart',
      );
    } finally {
      await edge.end();
      await s.close();
      await broker.stop();
    }
  }, 60_000);
});
