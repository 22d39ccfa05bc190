/**
 * Calibration for the sync load benchmark: what one small loopback TCP write costs the writing
 * process on this machine, with nothing else done. The sync benchmark's workload, reduced to
 * its writes: 500 sockets read by 3 other processes, 1,000 "edits" a second, each written as one
 * 60-byte frame to 9 sockets. Any relay spends at least this much CPU per delivery.
 *
 *   pnpm --filter @fieldbook/bench write-cost -- [--seconds 10] [--sockets 500] [--rate 1000]
 */
import { fork } from 'node:child_process';
import { connect, createServer, type Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { killChildrenOnExit, track } from './children';

const READERS = 3;
const PEERS_PER_EDIT = 9;
const FRAME = Buffer.alloc(60, 7);

/** A reader process: opens its share of the sockets and discards what arrives. */
function runReader(port: number, sockets: number): void {
  for (let i = 0; i < sockets; i++) connect(port, '127.0.0.1').on('data', () => {});
  process.on('disconnect', () => process.exit(0));
}

async function measure(seconds: number, socketCount: number, editsPerSecond: number) {
  const sockets: Socket[] = [];
  const server = createServer((s) => {
    s.setNoDelay(true);
    sockets.push(s);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  const self = fileURLToPath(import.meta.url);
  for (let i = 0; i < READERS; i++) {
    const share = Math.ceil(socketCount / READERS);
    track(fork(self, ['--reader', String(port), String(share)], { execArgv: process.execArgv }));
  }
  while (sockets.length < socketCount) await new Promise((r) => setTimeout(r, 20));

  // Edits go out one at a time, evenly spaced, as in the sync benchmark.
  const intervalMs = 1000 / editsPerSecond;
  let writes = 0;
  let edit = 0;
  const before = process.cpuUsage();
  const started = performance.now();
  await new Promise<void>((done) => {
    const next = () => {
      const now = performance.now();
      if (now - started >= seconds * 1000) return done();
      while (edit * intervalMs <= now - started) {
        for (let p = 0; p < PEERS_PER_EDIT; p++) {
          sockets[(edit * PEERS_PER_EDIT + p * 53) % sockets.length]!.write(FRAME);
          writes++;
        }
        edit++;
      }
      setTimeout(next, Math.max(0, edit * intervalMs - (performance.now() - started)));
    };
    next();
  });
  const used = process.cpuUsage(before);
  server.close();
  for (const s of sockets) s.destroy();
  return {
    writes,
    writesPerSec: Math.round(writes / seconds),
    cpuPerWriteMicros: +((used.user + used.system) / writes).toFixed(2),
    userPerWriteMicros: +(used.user / writes).toFixed(2),
    systemPerWriteMicros: +(used.system / writes).toFixed(2),
  };
}

if (process.argv[2] === '--reader') {
  runReader(Number(process.argv[3]), Number(process.argv[4]));
} else {
  killChildrenOnExit();
  const { values } = parseArgs({
    args: process.argv.slice(2).filter((a) => a !== '--'),
    options: {
      seconds: { type: 'string', default: '10' },
      sockets: { type: 'string', default: '500' },
      rate: { type: 'string', default: '1000' },
    },
  });
  const result = await measure(Number(values.seconds), Number(values.sockets), Number(values.rate));
  console.log(JSON.stringify({ bench: 'write-cost', ...result }));
  process.exit(0);
}
