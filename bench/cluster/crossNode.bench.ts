/**
 * Cross-node fan-out (issue 18): D documents × C clients spread round-robin
 * over N nodes, each client making E small edits at R edits/s; an edit made
 * on one node is timed to its arrival at clients on the other nodes. Runs
 * Fieldbook (N sync-server nodes on PostgreSQL + Redis, durable) and, in the
 * same run, the reference: Hocuspocus 3 with its Redis extension (N nodes,
 * documents in memory). Prints a table to stderr and one JSON line to stdout.
 *
 *   pnpm --filter @fieldbook/bench cluster -- --docs 20 --clients 6 --edits 30 --rate 2 \
 *     --nodes 3 --targets hocuspocus,fieldbook
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { benchArgv } from '../cliArgs';
import { newId } from '@fieldbook/shared';
import { readCpuMicros } from '../sync-load/proc-stats';
import { distribution, round2, type Distribution } from '../sync-load/stats';
import { ClusterClient, type Delivery } from './clients';
import { startCluster, type ClusterTarget } from './nodes';

const { values: args } = parseArgs({
  args: benchArgv(),
  options: {
    docs: { type: 'string', default: '20' },
    clients: { type: 'string', default: '6' },
    edits: { type: 'string', default: '30' },
    rate: { type: 'string', default: '2' },
    nodes: { type: 'string', default: '3' },
    targets: { type: 'string', default: 'hocuspocus,fieldbook' },
  },
});
const DOCS = Number(args.docs);
const CLIENTS = Number(args.clients);
const EDITS = Number(args.edits);
const RATE = Number(args.rate);
const NODES = Number(args.nodes);
const WARMUP = 2;
const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** One target's figures. */
interface TargetFigures {
  target: ClusterTarget;
  crossNode: Distribution;
  sameNode: Distribution;
  deliveries: number;
  expected: number;
  /** Node CPU (user + system, all nodes) per delivery, µs. */
  nodeCpuPerDeliveryUs: number;
  /** Redis server CPU per delivery, µs (the shared Redis both targets use). */
  redisCpuPerDeliveryUs: number;
  connectMs: number;
  converged: boolean;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const cpuOf = (pid: number) => {
  const c = readCpuMicros(pid);
  return c.user + c.system;
};
const redisPid = () =>
  Number(execFileSync('pgrep', ['-o', '-x', 'redis-server']).toString().trim());

/** A database for the Fieldbook nodes, created with psql and dropped after the run. */
function benchDatabase(): { url: string; drop(): void } {
  const name = `fb_bench_${randomBytes(5).toString('hex')}`;
  const admin = (sql: string) => execFileSync('psql', [DATABASE_URL, '-qc', sql]);
  admin(`create database ${name}`);
  const url = new URL(DATABASE_URL);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`drop database if exists ${name} with (force)`) };
}

async function until(done: () => boolean, timeoutMs: number): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > end) return false;
    await sleep(50);
  }
  return true;
}

async function runTarget(target: ClusterTarget): Promise<TargetFigures> {
  const database = target === 'fieldbook' ? benchDatabase() : null;
  const cluster = await startCluster(target, NODES, {
    databaseUrl: database?.url ?? '',
    redisUrl: REDIS_URL,
    redisPrefix: `hocuspocus-bench-${randomBytes(4).toString('hex')}`,
  });
  const workspace = newId();
  const url = (node: number) => {
    const port = cluster.nodes[node]!.port;
    return target === 'fieldbook'
      ? `ws://127.0.0.1:${port}/sync/${workspace}`
      : `ws://127.0.0.1:${port}`;
  };
  let measuring = false;
  let deliveries = 0;
  const cross: number[] = [];
  const same: number[] = [];
  const onDelivery = (d: Delivery) => {
    deliveries++;
    if (!measuring) return;
    (d.crossNode ? cross : same).push(d.latencyMs);
  };
  const clients: ClusterClient[] = [];
  const connectStart = performance.now();
  for (let d = 0; d < DOCS; d++) {
    const docId = newId();
    for (let c = 0; c < CLIENTS; c++) {
      clients.push(new ClusterClient(target, url(c % NODES), docId, c, c % NODES, onDelivery));
    }
  }
  await Promise.all(clients.map((c) => c.synced));
  const connectMs = performance.now() - connectStart;
  const perEdit = CLIENTS - 1;
  for (let w = 0; w < WARMUP; w++) for (const c of clients) c.edit();
  await until(() => deliveries >= clients.length * WARMUP * perEdit, 60_000);

  deliveries = 0;
  measuring = true;
  const pids = cluster.nodes.map((n) => n.pid);
  const redis = redisPid();
  const cpu0 = pids.reduce((s, p) => s + cpuOf(p), 0);
  const redis0 = cpuOf(redis);
  const interval = 1000 / RATE;
  await Promise.all(
    clients.map(async (c) => {
      await sleep(Math.random() * interval);
      for (let e = 0; e < EDITS; e++) {
        c.edit();
        await sleep(interval);
      }
    }),
  );
  const expected = clients.length * EDITS * perEdit;
  await until(() => deliveries >= expected, 60_000);
  const cpu = pids.reduce((s, p) => s + cpuOf(p), 0) - cpu0;
  const redisCpu = cpuOf(redis) - redis0;
  measuring = false;
  const total = CLIENTS * (WARMUP + EDITS);
  const converged = clients.every((c) => c.size() === total);
  for (const c of clients) c.destroy();
  await cluster.stop();
  database?.drop();
  return {
    target,
    crossNode: distribution(Float64Array.from(cross)),
    sameNode: distribution(Float64Array.from(same)),
    deliveries,
    expected,
    nodeCpuPerDeliveryUs: round2(cpu / Math.max(1, deliveries)),
    redisCpuPerDeliveryUs: round2(redisCpu / Math.max(1, deliveries)),
    connectMs: Math.round(connectMs),
    converged,
  };
}

const results: TargetFigures[] = [];
for (const target of args.targets.split(',') as ClusterTarget[]) {
  console.error(`cluster-bench: ${target}, ${NODES} nodes ...`);
  results.push(await runTarget(target));
}
const pad = (s: string | number, n: number) => String(s).padStart(n);
console.error(
  `${'target'.padEnd(11)}${pad('cross p50', 11)}${pad('cross p99', 11)}${pad('same p50', 10)}` +
    `${pad('node µs/deliv', 15)}${pad('redis µs/deliv', 16)}${pad('connect ms', 12)}${pad('delivered', 14)}  converged`,
);
for (const r of results) {
  console.error(
    `${r.target.padEnd(11)}${pad(r.crossNode.p50, 11)}${pad(r.crossNode.p99, 11)}${pad(r.sameNode.p50, 10)}` +
      `${pad(r.nodeCpuPerDeliveryUs, 15)}${pad(r.redisCpuPerDeliveryUs, 16)}${pad(r.connectMs, 12)}` +
      `${pad(`${r.deliveries}/${r.expected}`, 14)}  ${r.converged}`,
  );
}
console.log(
  JSON.stringify({
    bench: 'cluster',
    workload: { docs: DOCS, clients: CLIENTS, edits: EDITS, rate: RATE, nodes: NODES },
    results,
    machine: { cores: cpus().length, node: process.version, loadAvg1m: round2(loadavg()[0] ?? 0) },
  }),
);
process.exit(results.every((r) => r.converged) ? 0 : 1);
