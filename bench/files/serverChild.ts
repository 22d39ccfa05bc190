// The sync server as a child process (its memory read from /proc apart from
// the bench's), signed in over REST.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const SECRET = 'bench-secret-bench-secret-bench-secret-01';

/** A running server child. */
export interface ServerChild {
  port: number;
  pid: number;
  url: string;
  stop(): Promise<void>;
}

/** Starts `apps/sync-server/src/main.ts` on a free port with `dataDir`; resolves once it listens. */
export async function startServerChild(
  dataDir: string,
  env: Record<string, string> = {},
): Promise<ServerChild> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: join(repoRoot, 'apps/sync-server'),
    env: {
      ...process.env,
      DATABASE_URL: '', // the embedded single-node mode, whatever CI exports
      REDIS_URL: '',
      PORT: '0',
      DATA_DIR: dataDir,
      FIELDBOOK_SECRET: SECRET,
      LOG_LEVEL: 'info', // the 'listening' line this waits for is logged at info
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((ok, fail) => {
    let buf = '';
    child.stdout!.on('data', (d: Buffer) => {
      buf += d.toString();
      for (const line of buf.split('\n')) {
        try {
          const msg = JSON.parse(line) as { msg?: string; port?: number };
          if (msg.msg === 'listening' && msg.port) ok(msg.port);
        } catch {
          // partial line
        }
      }
    });
    child.once('exit', (code) => fail(new Error(`server exited with ${code}`)));
  });
  child.stdout!.resume();
  return {
    port,
    pid: child.pid!,
    url: `http://127.0.0.1:${port}/api/v1`,
    stop: () =>
      new Promise<void>((done) => {
        child.once('exit', () => done());
        child.kill('SIGTERM');
      }),
  };
}

/** Resident set size of a process in MiB (VmRSS). */
export function rssMiB(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

/** Samples a process's RSS every 25 ms while `work` runs; returns its result and the peak. */
export async function withPeakRss<T>(
  pid: number,
  work: () => Promise<T>,
): Promise<{ result: T; peakMiB: number; seconds: number }> {
  let peak = rssMiB(pid);
  const timer = setInterval(() => (peak = Math.max(peak, rssMiB(pid))), 25);
  const started = performance.now();
  try {
    const result = await work();
    return {
      result,
      peakMiB: Math.max(peak, rssMiB(pid)),
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    clearInterval(timer);
  }
}

/** A JSON REST call; throws on an error status. */
export async function rest<T>(
  base: string,
  method: string,
  path: string,
  token?: string,
  body?: unknown,
): Promise<T> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body instanceof Uint8Array
        ? { 'content-type': 'application/octet-stream' }
        : body
          ? { 'content-type': 'application/json' }
          : {}),
    },
    body: body instanceof Uint8Array ? body : body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 300)}`);
  return JSON.parse(text) as T;
}

/** Downloads a body, counting bytes without keeping them (or writing them to `saveTo`). */
export async function drain(url: string, token: string, saveTo?: string): Promise<number> {
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  if (!res.ok) throw new Error(`GET ${url}: ${res.status} ${await res.text()}`);
  const file = saveTo ? createWriteStream(saveTo) : null;
  let bytes = 0;
  for await (const chunk of res.body!) {
    bytes += (chunk as Uint8Array).byteLength;
    if (file && !file.write(chunk)) await once(file, 'drain');
  }
  if (file) await new Promise((done) => file.end(done));
  return bytes;
}
