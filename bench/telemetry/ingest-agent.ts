/**
 * The agent half of the ingest benchmark, run as a child process: the real
 * AgentClient (disk buffer, credits, acks) streaming rover-shaped samples —
 * 13 channels at 100 Hz — as fast as the server lets it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AgentClient, roverSimulator } from '@fieldbook/agent';
import type { Sample } from '@fieldbook/shared';

const [url, key, agentId, total] = process.argv.slice(2) as [string, string, string, string];
const N = Number(total);
const BLOCK = 5000;
const sim = roverSimulator(1, 100);
const channels = sim.instrument.channels.map((c) => c.id);
const T0 = 1_760_000_000_000;

/** Rover-shaped samples, generated before the clock starts so the simulator's cost is not measured. */
function blocks(): Sample[][] {
  const out: Sample[][] = [];
  let k = 0;
  for (let done = 0; done < N; done += BLOCK) {
    const block: Sample[] = [];
    for (let i = 0; i < Math.min(BLOCK, N - done); i++, k++) {
      const tick = Math.floor(k / channels.length);
      block.push({
        ch: channels[k % channels.length]!,
        t: T0 + tick * 10,
        value: Math.sin(k) * 3 + 1.5,
        quality: 'good',
      });
    }
    out.push(block);
  }
  return out;
}

const data = blocks();
const dir = mkdtempSync(join(tmpdir(), 'fieldbook-ingest-agent-'));
const client = new AgentClient({
  url,
  key,
  agentId,
  manifest: { instruments: [sim.instrument] },
  bufferDir: dir,
  maxBlock: BLOCK,
  buffer: { maxBytes: 2 * 1024 * 1024 * 1024 },
});
client.once('welcome', async () => {
  process.send!({ started: performance.timeOrigin + performance.now() });
  let next = 0;
  const feed = () => {
    while (next < data.length && client.buffer.depth() < 200_000)
      client.push('rover', data[next++]!);
  };
  client.on('ack', feed);
  feed();
  await client.drained('rover');
  while (next < data.length) {
    feed();
    await client.drained('rover');
  }
  process.send!({ finished: performance.timeOrigin + performance.now(), stats: client.stats });
  await client.stop();
  rmSync(dir, { recursive: true, force: true });
  process.exit(0);
});
client.start();
