// Starts the sync server the way `pnpm serve` does (tsx on its main.ts, in its
// own process), on a free port with a temporary data directory, serving a
// renderer build as web mode.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('../../..', import.meta.url));
const SERVER_MAIN = join(repo, 'apps/sync-server/src/main.ts');
const TSX = join(repo, 'node_modules/.bin/tsx');

/** A running server process. */
export interface ServerProcess {
  readonly url: string;
  /** Its DATA_DIR (fieldbook.db and the other stores). */
  readonly dataDir: string;
  /** Stops the process (SIGTERM) and waits for it to exit. */
  stop(): Promise<void>;
  /** Starts it again on the same port and data directory. */
  restart(): Promise<void>;
  /** Stops it and removes its data. */
  dispose(): Promise<void>;
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

async function waitForHealth(url: string, child: ChildProcess, output: () => string) {
  // tsx compiles the server on start: well over 30 s when five sessions share two cores.
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${output()}`);
    try {
      if ((await fetch(`${url}/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server did not become healthy:\n${output()}`);
}

/** Starts `apps/sync-server/src/main.ts` serving the renderer in `webDir` (`env`: extra settings). */
export async function startServerProcess(
  webDir: string,
  env: Record<string, string> = {},
): Promise<ServerProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), 'fieldbook-e2e-server-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let child: ChildProcess | null = null;
  const launch = async () => {
    let output = '';
    const proc = spawn(TSX, [SERVER_MAIN], {
      cwd: join(repo, 'apps/sync-server'),
      env: {
        ...process.env,
        // The embedded single-node mode, whatever CI exports for the shared-mode tests.
        DATABASE_URL: '',
        REDIS_URL: '',
        PORT: String(port),
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        LOG_LEVEL: 'warn',
        // Tenant mode: real sign-in, roles checked on every sync socket.
        FIELDBOOK_SECRET: 'e2e-secret-e2e-secret-e2e-secret-e2e-secret',
        FIELDBOOK_WEB_DIR: webDir,
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    proc.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    proc.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    child = proc;
    try {
      await waitForHealth(url, proc, () => output);
    } catch (error) {
      // A server that never answered must not outlive the test that started it.
      proc.kill('SIGTERM');
      child = null;
      throw error;
    }
  };
  const stop = async () => {
    const proc = child;
    child = null;
    if (!proc || proc.exitCode !== null) return;
    const exited = new Promise((resolve) => proc.once('exit', resolve));
    proc.kill('SIGTERM');
    await exited;
  };
  await launch();
  return {
    url,
    dataDir,
    stop,
    restart: launch,
    dispose: async () => {
      await stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
