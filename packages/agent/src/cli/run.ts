import { join } from 'node:path';
import { newId } from '@fieldbook/shared';
import { AgentClient } from '../client/agentClient';
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
 * the stream named after the instrument, status at connect, and (for a lab
 * instrument) periodic runs: busy → run.started … run.finished → idle.
 */
export async function runAgent(o: RunOptions): Promise<AgentClient> {
  const { sim } = o;
  const client = new AgentClient({
    url: agentsUrl(o.server),
    key: o.key,
    agentId: o.agentId,
    manifest: { instruments: [sim.instrument] },
    bufferDir: join(o.bufferDir, o.agentId),
  });
  const stream = sim.instrument.id;
  let state: 'idle' | 'busy' = 'idle';
  client.on('welcome', () => {
    o.out(
      `connected (session ${client.buffer.sessionEpoch}); ${client.buffer.depth()} samples buffered`,
    );
    client.sendStatus(stream, state);
  });
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
    if (samples.length > 0) client.push(stream, samples);
  }, 100);
  const report = setInterval(() => {
    const s = client.stats;
    o.out(
      `sent ${s.samplesSent} samples in ${s.batchesSent} batches; buffered ${client.buffer.depth()}; overflow ${client.buffer.overflow(stream)}; credit stalls ${s.creditStalls}`,
    );
  }, 10_000);
  const runs =
    o.runEverySec > 0
      ? setInterval(() => {
          const runId = newId();
          state = 'busy';
          client.sendStatus(stream, 'busy');
          client.sendEvent({
            type: 'run.started',
            runId,
            instrumentId: stream,
            protocol: 'simulated-run',
            operator: o.agentId,
            startedAt: Date.now(),
          });
          setTimeout(
            () => {
              client.sendEvent({
                type: 'run.finished',
                runId,
                instrumentId: stream,
                finishedAt: Date.now(),
                outcome: 'completed',
                results: { samples: client.stats.samplesSent },
                qcMetrics: { drift: Math.random() * 0.01 },
                artifactHashes: [],
              });
              state = 'idle';
              client.sendStatus(stream, 'idle');
            },
            (o.runEverySec * 1000) / 3,
          ).unref();
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
