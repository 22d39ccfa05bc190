/**
 * Command round trip with the rover simulator: a real server process and a
 * real `fieldbook-agent run rover` process; an operator sends `camera.mode`
 * commands at a fixed rate (default 100/s) and every command's round trip is
 * timed from the POST to the moment its result is recorded — as the server
 * stamps it (requestedAt → finishedAt) and as a live-feed viewer sees it
 * (POST sent → `succeeded` on the feed). Reference in the same run: a bare
 * authenticated REST read (`GET /instruments/:id`) at the same rate — what
 * one HTTP request costs here before any command work.
 *
 *   pnpm --filter @fieldbook/bench instruments:commands [--rate 100] [--commands 1000] [--runs 3]
 */
import { availableParallelism, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { WebSocket } from 'ws';
import { newId } from '@fieldbook/shared';
import { killChildrenOnExit } from '../sync-load/children';
import { readCpuMicros } from '../sync-load/proc-stats';
import { freePort, percentiles, rest } from './benchKit';
import { startRoverAgent, startSyncServer } from './processes';

const { values: args } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== '--'),
  options: {
    rate: { type: 'string', default: '100' },
    commands: { type: 'string', default: '1000' },
    runs: { type: 'string', default: '3' },
  },
});
const RATE = Number(args.rate);
const N = Number(args.commands);
const SECRET = 'instruments-bench-secret-0123456789abcdef';
killChildrenOnExit();

/**
 * Calls `fire(i)` for i in [0, n) at `rate` per second on a fixed schedule
 * (not waiting for answers); resolves with the rate at which they were sent.
 */
async function paced(n: number, rate: number, fire: (i: number) => Promise<void>) {
  const start = performance.now();
  const pending: Promise<void>[] = [];
  for (let i = 0; i < n; i++) {
    const due = start + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    pending.push(fire(i));
  }
  const sentRate = ((n - 1) / (performance.now() - start)) * 1000;
  await Promise.all(pending);
  return sentRate;
}

const cpuMs = (pid: number) => {
  const c = readCpuMicros(pid);
  return (c.user + c.system) / 1000;
};

async function oneRun() {
  const port = await freePort();
  const server = await startSyncServer(port, SECRET);
  const call = rest(port);
  const tag = newId().slice(-8);
  const signup = await call('POST', '/auth/signup', {
    body: {
      tenant: 'Bench',
      email: `b-${tag}@bench.test`,
      password: 'bench password 1',
      name: 'Bench',
    },
  });
  const token = signup.accessToken as string;
  const ws = (await call('POST', '/workspaces', { token, body: { name: 'Rover ops' } })).id;
  await call('PATCH', `/workspaces/${ws}/members/${signup.user.id}`, {
    token,
    body: { role: 'admin', capabilities: ['operator'] },
  });
  const key = await call('POST', '/api-keys', {
    token,
    body: { name: 'rover', workspaceId: ws, access: 'write', agent: true },
  });
  const agent = await startRoverAgent(port, key.key);
  const rover = (await call('GET', `/workspaces/${ws}/instruments`, { token })).items[0].id;

  const seen = new Map<string, number>();
  const viewer = new WebSocket(`ws://127.0.0.1:${port}/telemetry/${ws}/live`, [
    'fieldbook.v1',
    `bearer.${token}`,
  ]);
  viewer.on('message', (d: Buffer) => {
    const m = JSON.parse(d.toString()) as { type: string; command?: { id: string; state: string } };
    if (m.type === 'command' && m.command!.state === 'succeeded')
      seen.set(m.command!.id, performance.now());
  });
  await new Promise((r) => viewer.once('open', r));

  const send = async (i: number, sent: Map<string, number>) => {
    const commandId = newId();
    sent.set(commandId, performance.now());
    await call('POST', `/instruments/${rover}/commands`, {
      token,
      body: {
        command: 'camera.mode',
        params: { mode: i % 2 ? 'science' : 'navigation' },
        commandId,
      },
    });
  };
  const warm = new Map<string, number>();
  await paced(50, RATE, (i) => send(i, warm));
  const sent = new Map<string, number>();
  const cpu0 = [cpuMs(server.pid), cpuMs(agent.pid)];
  const achieved = await paced(N, RATE, (i) => send(i, sent));
  const deadline = Date.now() + 30_000;
  while ([...sent.keys()].some((id) => !seen.has(id)) && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 20));
  const cpu1 = [cpuMs(server.pid), cpuMs(agent.pid)];
  const observed = [...sent].filter(([id]) => seen.has(id)).map(([id, t]) => seen.get(id)! - t);
  const recorded: number[] = [];
  let cursor: string | null = null;
  do {
    const page = await call(
      'GET',
      `/instruments/${rover}/commands?limit=200${cursor ? `&cursor=${cursor}` : ''}`,
      { token },
    );
    for (const c of page.items as { id: string; requestedAt: number; finishedAt: number }[])
      if (sent.has(c.id)) recorded.push(c.finishedAt - c.requestedAt);
    cursor = page.nextCursor;
  } while (cursor);

  const reference: number[] = [];
  await paced(N, RATE, async () => {
    const t = performance.now();
    await call('GET', `/instruments/${rover}`, { token });
    reference.push(performance.now() - t);
  });
  viewer.close();
  await agent.stop();
  await server.stop();
  return {
    commands: N,
    achievedRatePerSecond: +achieved.toFixed(1),
    succeeded: observed.length,
    serverCpuMsPerCommand: +((cpu1[0]! - cpu0[0]!) / N).toFixed(3),
    agentCpuMsPerCommand: +((cpu1[1]! - cpu0[1]!) / N).toFixed(3),
    recordedRoundTripMs: percentiles(recorded),
    observedRoundTripMs: percentiles(observed),
    referenceRestReadMs: percentiles(reference),
    loadAverage1m: +loadavg()[0]!.toFixed(2),
  };
}

const runs: Awaited<ReturnType<typeof oneRun>>[] = [];
for (let r = 0; r < Number(args.runs); r++) {
  const run = await oneRun();
  console.error(JSON.stringify(run));
  runs.push(run);
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const med = (pick: (r: (typeof runs)[number]) => number) => +median(runs.map(pick)).toFixed(2);
console.log(
  JSON.stringify(
    {
      bench: 'command round trip (POST → result recorded) with the rover simulator',
      rate: RATE,
      commandsPerRun: N,
      runs: runs.length,
      machine: { cpus: availableParallelism() },
      medianOfRuns: {
        recordedP50Ms: med((r) => r.recordedRoundTripMs.p50),
        recordedP99Ms: med((r) => r.recordedRoundTripMs.p99),
        observedP50Ms: med((r) => r.observedRoundTripMs.p50),
        observedP99Ms: med((r) => r.observedRoundTripMs.p99),
        referenceRestReadP50Ms: med((r) => r.referenceRestReadMs.p50),
        referenceRestReadP99Ms: med((r) => r.referenceRestReadMs.p99),
        achievedRatePerSecond: med((r) => r.achievedRatePerSecond),
        serverCpuMsPerCommand: med((r) => r.serverCpuMsPerCommand),
      },
      allSucceeded: runs.every((r) => r.succeeded === N),
      runsDetail: runs,
    },
    null,
    2,
  ),
);
process.exit(0);
