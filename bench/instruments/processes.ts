/**
 * The processes of the instrument benchmarks: the sync server (`src/main.ts`)
 * and the `fieldbook-agent` CLI, each a child process of its own, tracked so
 * none outlives the benchmark.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { track, whenExited } from '../sync-load/children';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** A child process that prints lines; resolves once a line matches `ready`. */
function start(command: string[], env: Record<string, string>, ready: RegExp, cwd: string) {
  const child = spawn(process.execPath, command, {
    cwd,
    env: {
      ...process.env,
      DATABASE_URL: '', // the embedded single-node mode, whatever CI exports
      REDIS_URL: '',
      ...env,
      NODE_OPTIONS: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  track(child);
  const lines: string[] = [];
  const up = new Promise<void>((resolveUp, reject) => {
    const onData = (d: Buffer) => {
      for (const line of d.toString().split('\n')) {
        if (!line.trim()) continue;
        lines.push(line);
        if (lines.length > 30) lines.shift();
        if (ready.test(line)) resolveUp();
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`exited (${code}):\n${lines.join('\n')}`)));
  });
  return {
    child,
    up,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const forced = setTimeout(() => child.kill('SIGKILL'), 5000);
      await whenExited(child);
      clearTimeout(forced);
    },
  };
}

/** The sync server with tenant sign-in on `port`, in a fresh data directory. */
export async function startSyncServer(port: number, secret: string) {
  const dataDir = mkdtempSync(join(tmpdir(), 'fieldbook-instruments-bench-'));
  const p = start(
    [
      ...(process.env.BENCH_PROFILE_DIR
        ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`]
        : []),
      '--import',
      import.meta.resolve('tsx'),
      join(repoRoot, 'apps/sync-server/src/main.ts'),
    ],
    {
      PORT: String(port),
      DATA_DIR: dataDir,
      FIELDBOOK_SECRET: secret,
      LOG_LEVEL: 'warn',
      // One operator sends 100 commands/s beside 100 reads/s: past the default 1,000 a minute.
      RATE_LIMIT_USER_PER_MINUTE: '100000',
      RATE_LIMIT_TENANT_PER_MINUTE: '100000',
    },
    /"msg":"listening"/,
    join(repoRoot, 'apps/sync-server'),
  );
  await Promise.race([p.up, waitForHealth(port)]);
  return {
    pid: p.child.pid!,
    async stop() {
      await p.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function waitForHealth(port: number): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      const r = await fetch(`http://127.0.0.1:${port}/health`);
      if (r.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error('server not healthy after 30 s');
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** `fieldbook-agent run rover` against the server, with its own buffer directory. */
export async function startRoverAgent(port: number, key: string) {
  const buffer = mkdtempSync(join(tmpdir(), 'fieldbook-instruments-bench-agent-'));
  const p = start(
    [
      join(repoRoot, 'packages/agent/bin/fieldbook-agent.js'),
      'run',
      'rover',
      '--server',
      `http://127.0.0.1:${port}`,
      '--rate',
      '20',
      '--buffer',
      buffer,
    ],
    { FIELDBOOK_AGENT_KEY: key },
    / connected \(/,
    repoRoot,
  );
  await p.up;
  return {
    pid: p.child.pid!,
    async stop() {
      await p.stop();
      rmSync(buffer, { recursive: true, force: true });
    },
  };
}
