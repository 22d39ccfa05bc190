import { join } from 'node:path';
import { AgentClient } from '../client/agentClient';
import { SimulatedAgent } from '../simulators/simulatedAgent';
import type { Simulator } from '../simulators/simulator';

/** Settings of `fieldbook-agent run`. */
export interface RunOptions {
  sim: Simulator;
  agentId: string;
  server: string;
  key: string;
  bufferDir: string;
  /** Seconds between simulated runs of a lab instrument (0: none). */
  runEverySec: number;
  /** Stop after this many seconds (0: until a signal). */
  seconds: number;
  out: (line: string) => void;
}

/** The gateway URL for a server base URL: http(s)://host → ws(s)://host/agents; a ws(s) URL is kept. */
export function agentsUrl(server: string): string {
  const u = new URL(server);
  if (u.protocol === 'http:' || u.protocol === 'https:')
    u.protocol = u.protocol === 'http:' ? 'ws:' : 'wss:';
  if (!u.pathname.endsWith('/agents')) u.pathname = `${u.pathname.replace(/\/$/, '')}/agents`;
  u.search = '';
  return u.toString();
}

/**
 * Streams a simulator to the server until stopped: samples every 100 ms on
 * the stream named after the instrument, status at connect and on change,
 * its commands carried out once each, and runs — started by `run.start`
 * commands, or every `runEverySec` seconds (a third of the period long).
 */
export async function runAgent(o: RunOptions): Promise<AgentClient> {
  const { sim } = o;
  const dir = join(o.bufferDir, o.agentId);
  const client = new AgentClient({
    url: agentsUrl(o.server),
    key: o.key,
    agentId: o.agentId,
    manifest: { instruments: [sim.instrument] },
    bufferDir: dir,
  });
  const agent = new SimulatedAgent({ client, sim, dir: join(dir, 'runs'), agentId: o.agentId });
  const stream = sim.instrument.id;
  client.on('welcome', () =>
    o.out(
      `connected (session ${client.buffer.sessionEpoch}); ${client.buffer.depth()} samples buffered`,
    ),
  );
  client.on('disconnect', (code) =>
    o.out(`disconnected (${code}); buffering to disk, reconnecting`),
  );
  client.on('serverError', (e) => o.out(`server error ${e.code}: ${e.message}`));
  client.start();

  const periodMs = 1000 / sim.rateHz;
  let next = Date.now();
  const tick = setInterval(() => {
    const samples = [];
    for (const now = Date.now(); next <= now; next += periodMs)
      samples.push(...sim.sampleAt(Math.round(next)));
    agent.push(samples);
  }, 100);
  const report = setInterval(() => {
    const s = client.stats;
    o.out(
      `sent ${s.samplesSent} samples in ${s.batchesSent} batches; buffered ${client.buffer.depth()}; overflow ${client.buffer.overflow(stream)}; credit stalls ${s.creditStalls}; commands running ${client.commands.active}`,
    );
  }, 10_000);
  const runs =
    o.runEverySec > 0
      ? setInterval(() => {
          if (!agent.runId) agent.startRun('scheduled', o.runEverySec / 3, o.agentId);
        }, o.runEverySec * 1000)
      : null;
  const stop = async () => {
    clearInterval(tick);
    clearInterval(report);
    if (runs) clearInterval(runs);
    await client.stop();
  };
  if (o.seconds > 0) setTimeout(() => void stop(), o.seconds * 1000);
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
  return client;
}
