/**
 * Samples stored per second through the agent gateway: a real HTTP server
 * with the /agents gateway and the SQLite telemetry store in this process,
 * agents in child processes using the real client library (disk buffer,
 * credits, acks) over real sockets. The clock runs from the first agent's
 * welcome to the last sample stored; the store is then checked to hold
 * every sample exactly once.
 *
 *   pnpm --filter @fieldbook/bench telemetry:ingest [--samples N] [--agents N] [--window CREDITS]
 *                                                   [--profile-agent DIR] [--store sqlite|postgres]
 *
 * `--store postgres` stores into a fresh database on DATABASE_URL's server
 * (the shared mode's store) instead of a SQLite file.
 */
import { fork } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createAgentGateway, mapAuthenticator } from '../../apps/sync-server/src/agents';
import { createLogger } from '../../apps/sync-server/src/log';
import { createTestDatabase } from '../../apps/sync-server/src/postgres/testing';
import { openSqliteTelemetryStore } from '../../apps/sync-server/src/telemetry';
import { openPgTelemetryStore } from '../../apps/sync-server/src/telemetry/postgres/pgTelemetryStore';
import { benchArgv } from '../cliArgs';

const { values: args } = parseArgs({
  args: benchArgv(),
  options: {
    store: { type: 'string', default: 'sqlite' },
    samples: { type: 'string', default: '2000000' },
    agents: { type: 'string', default: '1' },
    window: { type: 'string', default: '100000' },
    'profile-agent': { type: 'string' },
  },
});
const N = Number(args.samples);
const AGENTS = Number(args.agents);
const KEY = 'fb_bench_benchsecretbenchsecret';

const dir = mkdtempSync(join(tmpdir(), 'fieldbook-ingest-bench-'));
const database = args.store === 'postgres' ? await createTestDatabase() : null;
const store = database
  ? openPgTelemetryStore({ pg: await database.open() })
  : openSqliteTelemetryStore({ file: join(dir, 'telemetry.db') });
const gateway = createAgentGateway({
  store,
  log: createLogger('silent'),
  limits: { creditWindow: Number(args.window) },
  authenticateAgentKey: mapAuthenticator({
    [KEY]: { tenantId: 'bench', keyId: 'k', workspaceId: null },
  }),
});
const server = createServer((_q, r) => r.writeHead(404).end());
gateway.attach(server);
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/agents`;

const cpuStart = process.cpuUsage();
const runs = Array.from({ length: AGENTS }, (_, i) => {
  const child = fork(
    fileURLToPath(new URL('./ingest-agent.ts', import.meta.url)),
    [url, KEY, `bench-${i}`, String(N / AGENTS)],
    {
      execArgv: [
        '--import',
        'tsx',
        ...(args['profile-agent'] ? ['--cpu-prof', `--cpu-prof-dir=${args['profile-agent']}`] : []),
      ],
    },
  );
  return new Promise<{ started: number; finished: number; stats: unknown }>((resolve, reject) => {
    let started = 0;
    child.on('message', (m: { started?: number; finished?: number; stats?: unknown }) => {
      if (m.started) started = m.started;
      if (m.finished) resolve({ started, finished: m.finished, stats: m.stats });
    });
    child.on('exit', (code) => code !== 0 && reject(new Error(`agent ${i} exited with ${code}`)));
  });
});
const results = await Promise.all(runs);
const cpu = process.cpuUsage(cpuStart);
const started = Math.min(...results.map((r) => r.started));
const finished = Math.max(...results.map((r) => r.finished));
const seconds = (finished - started) / 1000;

let stored = 0;
for (let i = 0; i < AGENTS; i++) {
  const [pos] = await store.streamPositions('bench', `bench-${i}`);
  if (pos?.storedSeq !== N / AGENTS)
    throw new Error(`agent ${i}: stored seq ${pos?.storedSeq}, expected ${N / AGENTS}`);
}
await store.flush();
for (const ch of await store.listChannels('bench')) {
  const q = await store.querySamples('bench', ch.id, { from: 0, to: 2e12, maxPoints: 1 });
  stored += q.count[0] ?? 0;
}
if (stored !== N) throw new Error(`stored ${stored} samples, expected ${N}`);

console.log(
  JSON.stringify(
    {
      bench: 'telemetry ingest through the /agents gateway',
      store: args.store,
      samples: N,
      agents: AGENTS,
      creditWindow: Number(args.window),
      machine: { cpus: availableParallelism(), loadAverage1m: +loadavg()[0]!.toFixed(2) },
      target: '>= 1,000,000 samples/s',
      seconds: +seconds.toFixed(2),
      samplesPerSecond: Math.round(N / seconds),
      serverCpuSeconds: +((cpu.user + cpu.system) / 1e6).toFixed(2),
      storedExactlyOnce: true,
      agentStats: results.map((r) => r.stats),
    },
    null,
    2,
  ),
);
await gateway.close();
server.close();
await store.close();
await database?.drop();
rmSync(dir, { recursive: true, force: true });
