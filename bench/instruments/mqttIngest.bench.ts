/**
 * MQTT ingest beside the WebSocket gateway's, in the same run: one SQLite
 * telemetry store, the `/agents` gateway and the MQTT bridge (subscribed to
 * the machine's mosquitto at MQTT_URL, default mqtt://127.0.0.1:1883) in this
 * process, the senders in child processes — the real AgentClient for the
 * gateway (bench/telemetry/ingest-agent.ts) and an mqtt.js edge node
 * publishing the same samples as QoS 1 DDATA. Each run times from the first
 * send to the last sample stored and checks every sample is stored once;
 * runs alternate gateway and MQTT, each in a fresh store. Target: MQTT ≥ 25%
 * of the gateway's samples per second.
 *
 *   pnpm --filter @fieldbook/bench instruments:mqtt [--samples 2000000] [--runs 3] [--window 16]
 */
import { fork } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { newId } from '@fieldbook/shared';
import { createAgentGateway, mapAuthenticator } from '../../apps/sync-server/src/agents';
import { createLogger } from '../../apps/sync-server/src/log';
import { createMqttBridge } from '../../apps/sync-server/src/mqtt/mqttBridge';
import {
  openSqliteTelemetryStore,
  type TelemetryStore,
} from '../../apps/sync-server/src/telemetry';

const { values: args } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== '--'),
  options: {
    samples: { type: 'string', default: '2000000' },
    runs: { type: 'string', default: '3' },
    window: { type: 'string', default: '16' },
  },
});
const N = Number(args.samples);
const KEY = 'fb_bench_benchsecretbenchsecret';
const MQTT_URL = process.env.MQTT_URL ?? 'mqtt://127.0.0.1:1883';
const here = (f: string) => fileURLToPath(new URL(f, import.meta.url));
const log = createLogger('silent');
const authenticate = mapAuthenticator({
  [KEY]: { tenantId: 'bench', keyId: 'k', workspaceId: null },
});
const noEvents = { handle: async () => null, ready: async () => {} };

function freshStore() {
  const dir = mkdtempSync(join(tmpdir(), 'fieldbook-mqtt-bench-'));
  const store = openSqliteTelemetryStore({ file: join(dir, 'telemetry.db') });
  return {
    store,
    async close() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function storedExactlyOnce(store: TelemetryStore, agentId: string) {
  const [pos] = await store.streamPositions('bench', agentId);
  if (pos?.storedSeq !== N)
    throw new Error(`${agentId}: stored seq ${pos?.storedSeq}, expected ${N}`);
  await store.flush();
  let stored = 0;
  for (const ch of await store.listChannels('bench'))
    if (ch.agentId === agentId)
      stored +=
        (await store.querySamples('bench', ch.id, { from: 0, to: 2e12, maxPoints: 1 })).count[0] ??
        0;
  if (stored !== N) throw new Error(`${agentId}: stored ${stored} samples, expected ${N}`);
}

async function gatewayRun(): Promise<number> {
  const { store, close } = freshStore();
  const gateway = createAgentGateway({ store, log, authenticateAgentKey: authenticate });
  const server = createServer((_q, r) => r.writeHead(404).end());
  gateway.attach(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/agents`;
  const child = fork(here('../telemetry/ingest-agent.ts'), [url, KEY, 'ws-bench', String(N)], {
    execArgv: ['--import', 'tsx'],
  });
  const { started, finished } = await new Promise<{ started: number; finished: number }>(
    (resolve, reject) => {
      let s = 0;
      child.on('message', (m: { started?: number; finished?: number }) => {
        if (m.started) s = m.started;
        if (m.finished) resolve({ started: s, finished: m.finished });
      });
      child.on('exit', (code) => code !== 0 && reject(new Error(`agent exited with ${code}`)));
    },
  );
  await storedExactlyOnce(store, 'ws-bench');
  await gateway.close();
  server.close();
  await close();
  return N / ((finished - started) / 1000);
}

async function mqttRun(): Promise<number> {
  const { store, close } = freshStore();
  const group = `fbbench-${newId().slice(-12)}`;
  const gateway = createAgentGateway({ store, log, authenticateAgentKey: authenticate });
  const bridge = createMqttBridge({
    url: MQTT_URL,
    clientId: `fieldbook-bench-${group}`,
    edges: { [`${group}/edge`]: KEY },
    authenticate,
    telemetry: store,
    sink: noEvents,
    metrics: gateway.metrics,
    log,
    sessionExpirySec: 10,
  });
  await bridge.start();
  while (!bridge.connected) await new Promise((r) => setTimeout(r, 10));
  await new Promise((r) => setTimeout(r, 100));
  const agentId = `mqtt:${group}/edge/rover`;
  const child = fork(here('./mqtt-edge.ts'), [MQTT_URL, group, 'edge', String(N), args.window], {
    execArgv: ['--import', 'tsx'],
  });
  let started = 0;
  await new Promise<void>((resolve, reject) => {
    child.on('message', (m: { born?: boolean; started?: number }) => {
      if (m.born) {
        void (async () => {
          while (!(await store.listInstruments('bench')).some((i) => i.agentId === agentId))
            await new Promise((r) => setTimeout(r, 10));
          child.send('go');
        })();
      }
      if (m.started) {
        started = m.started;
        resolve();
      }
    });
    child.on('exit', (code) => code !== 0 && reject(new Error(`edge exited with ${code}`)));
  });
  for (;;) {
    const [pos] = await store.streamPositions('bench', agentId);
    if (pos?.storedSeq === N) break;
    await new Promise((r) => setTimeout(r, 2));
  }
  const finished = performance.timeOrigin + performance.now();
  await storedExactlyOnce(store, agentId);
  await bridge.close();
  await gateway.close();
  await close();
  return N / ((finished - started) / 1000);
}

const ws: number[] = [];
const mqtt: number[] = [];
for (let r = 0; r < Number(args.runs); r++) {
  ws.push(await gatewayRun());
  mqtt.push(await mqttRun());
  console.error(
    `run ${r + 1}: gateway ${Math.round(ws.at(-1)!)}/s, mqtt ${Math.round(mqtt.at(-1)!)}/s`,
  );
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
console.log(
  JSON.stringify(
    {
      bench: 'MQTT ingest beside the WebSocket gateway (same store, same samples, same run)',
      samples: N,
      runs: ws.length,
      broker: MQTT_URL,
      mqttWindow: Number(args.window),
      machine: { cpus: availableParallelism(), loadAverage1m: +loadavg()[0]!.toFixed(2) },
      medianSamplesPerSecond: { gateway: Math.round(median(ws)), mqtt: Math.round(median(mqtt)) },
      mqttShareOfGateway: +(median(mqtt) / median(ws)).toFixed(3),
      target: 'mqtt >= 25% of the gateway',
      storedExactlyOnce: true,
      perRun: ws.map((w, i) => ({ gateway: Math.round(w), mqtt: Math.round(mqtt[i]!) })),
    },
    null,
    2,
  ),
);
process.exit(0);
