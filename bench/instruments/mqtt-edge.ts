/**
 * The edge-node half of the MQTT ingest benchmark, run as a child process: an
 * mqtt.js client publishing the same rover-shaped samples as the gateway's
 * agent (13 channels, 5,000 samples per message in the compact column form,
 * `seq` numbering samples) as QoS 1 DDATA, with a window of messages in flight.
 */
import { connect } from 'mqtt';
import { samplesToColumns, type Sample } from '@fieldbook/shared';
import { roverSimulator } from '@fieldbook/agent';

const [url, group, edge, total, windowArg] = process.argv.slice(2) as [
  string,
  string,
  string,
  string,
  string,
];
const N = Number(total);
const WINDOW = Number(windowArg);
const BLOCK = 5000;
const T0 = 1_760_000_000_000;
const sim = roverSimulator(1, 100);
const channels = sim.instrument.channels.map((c) => c.id);

/** The DDATA payloads, made before the clock starts so their cost is not measured. */
const payloads: string[] = [];
for (let k = 0; k < N; k += BLOCK) {
  const block: Sample[] = [];
  for (let i = k; i < Math.min(k + BLOCK, N); i++)
    block.push({
      ch: channels[i % channels.length]!,
      t: T0 + Math.floor(i / channels.length) * 10,
      value: Math.sin(i) * 3 + 1.5,
      quality: 'good',
    });
  payloads.push(JSON.stringify({ timestamp: T0, seq: k + 1, columns: samplesToColumns(block) }));
}

const client = connect(url, { clientId: `bench-edge-${group}`, reconnectPeriod: 0 });
await new Promise<void>((resolve) => client.once('connect', () => resolve()));
const topic = (type: string, device?: string) =>
  ['spBv1.0', group, type, edge, ...(device ? [device] : [])].join('/');
await client.publishAsync(topic('NBIRTH'), '{}', { qos: 1 });
await client.publishAsync(
  topic('DBIRTH', 'rover'),
  JSON.stringify({ instrument: { ...sim.instrument, id: undefined } }),
  { qos: 1 },
);
process.send!({ born: true });
await new Promise<void>((resolve) => process.once('message', () => resolve()));
process.send!({ started: performance.timeOrigin + performance.now() });
let next = 0;
const worker = async () => {
  while (next < payloads.length)
    await client.publishAsync(topic('DDATA', 'rover'), payloads[next++]!, { qos: 1 });
};
await Promise.all(Array.from({ length: WINDOW }, worker));
process.send!({ published: performance.timeOrigin + performance.now() });
await client.endAsync();
process.exit(0);
