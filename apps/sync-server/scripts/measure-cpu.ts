/**
 * Rough server CPU per delivery: spawns the server (node + tsx, durable
 * SQLite in a temp dir), runs DOCS × CLIENTS stock y-websocket clients each
 * editing RATE times per second, and reads the server's CPU time from /proc.
 * Usage: tsx scripts/measure-cpu.ts [seconds]   (env DOCS, CLIENTS, RATE)
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { newId } from '@fieldbook/shared';
import { EMBEDDED_MODE_ENV } from '../src/config';

const seconds = Number(process.argv[2] ?? 20);
const DOCS = Number(process.env.DOCS ?? 50);
const CLIENTS = Number(process.env.CLIENTS ?? 10);
const RATE = Number(process.env.RATE ?? 2);
const dataDir = mkdtempSync(join(tmpdir(), 'fieldbook-cpu-'));

const profile = process.env.PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.PROFILE}`] : [];
// TARGET=reference runs the bench's in-memory @y/websocket-server for comparison.
const reference = process.env.TARGET === 'reference';
const script = reference ? '../../bench/sync-load/reference-server.ts' : 'src/main.ts';
const freePort = await new Promise<number>((resolve) => {
  const probe = createServer().listen(0, '127.0.0.1', () => {
    const { port } = probe.address() as AddressInfo;
    probe.close(() => resolve(port));
  });
});
const child = spawn(process.execPath, [...profile, '--import', 'tsx', script], {
  cwd: join(import.meta.dirname, '..'),
  env: {
    ...process.env,
    ...EMBEDDED_MODE_ENV,
    PORT: String(freePort),
    DATA_DIR: dataDir,
    LOG_LEVEL: 'info',
  },
  stdio: ['ignore', 'pipe', 'inherit'],
});
const port: number = await new Promise((resolve) => {
  createInterface({ input: child.stdout! }).on('line', (line) => {
    if (line.includes('"msg":"listening"')) resolve(JSON.parse(line).port);
  });
});

const cpuMs = () => {
  const f = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return ((Number(f[11]) + Number(f[12])) * 1000) / 100;
};

const workspaceId = newId();
const base = reference ? `ws://127.0.0.1:${port}` : `ws://127.0.0.1:${port}/sync/${workspaceId}`;
let deliveries = 0;
const latencies: number[] = [];
/** Each client: its own Y.Doc whose updates go to the server; `edit` makes one map entry. */
const clients: { edit(): void; close(): void }[] = [];
const openClient = (docId: string): Promise<void> => {
  const doc = new Y.Doc();
  const map = doc.getMap<number>('edits');
  const key = `${doc.clientID}:`;
  let n = 0;
  if (process.env.CLIENT === 'yjs') {
    const provider = new WebsocketProvider(base, docId, doc, {
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
    });
    map.observe((event, tr) => {
      if (tr.local) return;
      for (const k of event.keysChanged) {
        deliveries++;
        latencies.push(Date.now() - map.get(k)!);
      }
    });
    clients.push({ edit: () => map.set(key + n++, Date.now()), close: () => provider.destroy() });
    return new Promise((r) => provider.once('sync', () => r()));
  }
  // Raw protocol client: sends real Yjs updates, counts update messages (no Yjs apply),
  // so the load generator stays light and the server does the same work.
  const ws = new WebSocket(`${base}/${docId}`);
  doc.on('update', (u: Uint8Array) => {
    const msg = new Uint8Array(u.length + 3 + (u.length > 127 ? 1 : 0));
    msg[0] = 0;
    msg[1] = 2;
    let i = 2;
    let len = u.length;
    while (len > 127) {
      msg[i++] = (len & 127) | 128;
      len >>>= 7;
    }
    msg[i++] = len;
    msg.set(u, i);
    ws.send(msg.subarray(0, i + u.length));
  });
  ws.on('message', (data: Buffer) => {
    if (data[0] !== 0 || data[1] !== 2) return;
    deliveries++;
    // The key carries the send time: `<clientID>:<n>@<epoch ms>`.
    const sent = /@(\d{13})/.exec(data.toString('latin1'));
    if (sent && !data.includes(key)) latencies.push(Date.now() - Number(sent[1]));
  });
  clients.push({
    edit: () => map.set(`${key}${n++}@${Date.now()}`, 0),
    close: () => ws.close(),
  });
  return new Promise((r) =>
    ws.once('open', () => {
      ws.send(new Uint8Array([0, 0, 1, 0]));
      r();
    }),
  );
};
const opening: Promise<void>[] = [];
for (let d = 0; d < DOCS; d++) {
  const docId = newId();
  for (let c = 0; c < CLIENTS; c++) opening.push(openClient(docId));
}
await Promise.all(opening);
const timers = clients.map((client) =>
  setTimeout(
    () => timers.push(setInterval(() => client.edit(), 1000 / RATE)),
    Math.random() * (1000 / RATE),
  ),
);
await new Promise((r) => setTimeout(r, 3000));
const cpu0 = cpuMs();
const del0 = deliveries;
latencies.length = 0;
await new Promise((r) => setTimeout(r, seconds * 1000));
const cpu = cpuMs() - cpu0;
// The reference echoes each update to its sender too; a client counts only updates from others.
const del = Math.round(((deliveries - del0) * (reference ? CLIENTS - 1 : CLIENTS)) / CLIENTS);
latencies.sort((a, b) => a - b);
const p = (q: number) => latencies[Math.floor(q * (latencies.length - 1))];
console.log(
  JSON.stringify({
    target: reference ? 'reference' : 'fieldbook',
    docs: DOCS,
    clients: CLIENTS,
    rate: RATE,
    seconds,
    deliveries: del,
    deliveriesPerSec: Math.round(del / seconds),
    serverCpuMs: cpu,
    cpuPerDeliveryUs: Number(((cpu * 1000) / del).toFixed(2)),
    latencyMs: { p50: p(0.5), p99: p(0.99), max: latencies.at(-1) },
  }),
);
if (!reference) {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  const pick = (name: string) => text.split('\n').find((l) => l.startsWith(name + ' '));
  const buckets = text
    .split('\n')
    .filter((l) => l.startsWith('fieldbook_storage_persist_seconds_bucket'))
    .map((l) => l.slice('fieldbook_storage_persist_seconds_bucket'.length));
  console.log(
    pick('fieldbook_sync_updates_in_total'),
    'group commits (le seconds):',
    buckets.join(' '),
  );
  console.log(pick('nodejs_eventloop_lag_p99_seconds'), pick('nodejs_eventloop_lag_max_seconds'));
}
for (const t of timers) clearInterval(t);
for (const c of clients) c.close();
child.kill('SIGTERM');
await new Promise((r) => child.once('exit', r));
rmSync(dataDir, { recursive: true, force: true });
process.exit(0);
