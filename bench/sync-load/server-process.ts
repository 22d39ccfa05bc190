/**
 * Starts a sync server under test as a child process (so its CPU and memory can be read from
 * /proc apart from the load generator's), waits until it listens, and stops it.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { track, whenExited } from './children';
import { freePort } from './freePort';
import type { Endpoint } from './protocol';

export type TargetName =
  | 'reference'
  | 'fieldbook'
  | 'fieldbook-tsx'
  | 'fieldbook-noindex'
  | 'fieldbook-nochecks'
  | 'fieldbook-tenant'
  | 'fieldbook-webhooks'
  | 'floor';
export const TARGETS: readonly TargetName[] = [
  'reference',
  'fieldbook',
  'fieldbook-tsx',
  'fieldbook-noindex',
  'fieldbook-nochecks',
  'fieldbook-tenant',
  'fieldbook-webhooks',
  'floor',
];

/**
 * The signed-in variants: the server authenticates tenants (development mode puts every socket
 * in one tenant of its own, which no webhook can subscribe to), the bench signs up a tenant and
 * creates the clients' workspace over REST, and subscribes this many webhooks to its events.
 */
export const SIGNED_IN: Partial<Record<TargetName, { webhooks: number }>> = {
  'fieldbook-tenant': { webhooks: 0 },
  'fieldbook-webhooks': { webhooks: 3 },
};

const TENANT_ENV = {
  FIELDBOOK_SECRET: 'sync-load-bench-secret-sync-load-bench-secret',
  AUTH_MODE: 'tenant',
  // Every client signs in as the one bench user: more sockets a minute than a person opens.
  RATE_LIMIT_USER_PER_MINUTE: '1000000',
  RATE_LIMIT_TENANT_PER_MINUTE: '1000000',
};

/** Extra settings of the fieldbook variants: what each one leaves out, to see what it costs. */
const VARIANT_ENV: Partial<Record<TargetName, Record<string, string>>> = {
  'fieldbook-noindex': { SEARCH_INDEX: 'off' },
  // Document-level authorization of updates off (allowed in development mode only).
  'fieldbook-nochecks': { SYNC_WRITE_CHECKS: 'off' },
  'fieldbook-tenant': TENANT_ENV,
  // The receiver is on loopback, which the SSRF guard refuses unless allow-listed.
  'fieldbook-webhooks': { ...TENANT_ENV, WEBHOOK_ALLOW_HOSTS: '127.0.0.1' },
};

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '../..');

/** The server's bundle, built (once per bench run) the way `pnpm serve` builds it. */
let bundle: string | undefined;
function serverBundle(): string {
  if (!bundle) {
    const app = join(repoRoot, 'apps/sync-server');
    execFileSync(process.execPath, [join(app, 'scripts/build.mjs')], { stdio: 'inherit' });
    bundle = join(app, 'dist/main.js');
  }
  return bundle;
}

interface TargetLaunch {
  script: string;
  /** Run through tsx (TypeScript sources) rather than as built JavaScript. */
  viaTsx: boolean;
  cwd: string;
  env: Record<string, string>;
  dataDir?: string;
  /** Whether the server holds documents (a new client can sync their content from it). */
  keepsState: boolean;
  endpoint: (port: number, workspaceId: string) => Endpoint;
}

function launchOf(name: TargetName): TargetLaunch {
  if (name === 'reference' || name === 'floor') {
    return {
      script: join(here, name === 'reference' ? 'reference-server.ts' : 'floor-server.ts'),
      viaTsx: true,
      cwd: resolve(here, '..'),
      env: {},
      keepsState: name === 'reference',
      endpoint: (port) => ({ serverUrl: `ws://127.0.0.1:${port}`, protocols: [] }),
    };
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'fieldbook-sync-load-'));
  return {
    // `fieldbook-tsx`: the sources as the e2e tests run them, to compare with the bundle.
    script:
      name === 'fieldbook-tsx' ? join(repoRoot, 'apps/sync-server/src/main.ts') : serverBundle(),
    viaTsx: name === 'fieldbook-tsx',
    cwd: join(repoRoot, 'apps/sync-server'),
    env: { DATA_DIR: dataDir, ...VARIANT_ENV[name] },
    dataDir,
    keepsState: true,
    endpoint: (port, workspaceId) => ({
      serverUrl: `ws://127.0.0.1:${port}/sync/${workspaceId}`,
      protocols: ['fieldbook.v1'],
    }),
  };
}

export interface ServerHandle {
  name: TargetName;
  pid: number;
  port: number;
  /** The inspector's websocket URL when started with `inspect`, for edit-phase profiling. */
  inspectorUrl?: string;
  keepsState: boolean;
  endpoint: (workspaceId: string) => Endpoint;
  /** Rejects if the server exits before `stop()` is called. */
  died: Promise<never>;
  /** Last lines of the server's output, for error messages. */
  recentOutput: () => string;
  stop: () => Promise<void>;
}

/** Starts target `name` on a free port; resolves once it logs `"msg":"listening"`. */
export async function startServer(
  name: TargetName,
  opts: { inspect: boolean; readyTimeoutMs: number },
): Promise<ServerHandle> {
  const launch = launchOf(name);
  const port = await freePort();
  const tsxLoader = import.meta.resolve('tsx');
  const nodeArgs = [
    ...(opts.inspect ? ['--inspect=127.0.0.1:0'] : []),
    ...(launch.viaTsx ? ['--import', tsxLoader] : ['--enable-source-maps']),
  ];
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, launch.script], {
    cwd: launch.cwd,
    env: {
      ...process.env,
      DATABASE_URL: '', // the embedded single-node mode, whatever CI exports
      REDIS_URL: '',
      ...launch.env,
      PORT: String(port),
      NODE_OPTIONS: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  track(child);
  const lines: string[] = [];
  let stopping = false;
  let inspectorUrl: string | undefined;
  let markReady: () => void = () => {};
  const ready = new Promise<void>((r) => (markReady = r));
  const remember = (chunk: Buffer): void => {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (line.trim() === '') continue;
      lines.push(line);
      if (lines.length > 40) lines.shift();
      if (line.includes('"msg":"listening"')) markReady();
      const inspector = /Debugger listening on (ws:\/\/\S+)/.exec(line);
      if (inspector) inspectorUrl = inspector[1];
    }
  };
  child.stdout?.on('data', remember);
  child.stderr?.on('data', remember);
  const recentOutput = (): string => lines.join('\n');
  const died = whenExited(child).then((how) => {
    if (stopping) return new Promise<never>(() => {});
    throw new Error(`${name} server exited unexpectedly (${how}); last output:\n${recentOutput()}`);
  });
  died.catch(() => {});
  const timeout = new Promise<never>((_, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${name} server not listening after ${opts.readyTimeoutMs} ms`)),
      opts.readyTimeoutMs,
    );
    void ready.then(() => clearTimeout(timer));
  });
  try {
    await Promise.race([ready, died, timeout]);
  } catch (err) {
    child.kill('SIGKILL');
    throw err instanceof Error ? new Error(`${err.message}\n${recentOutput()}`) : err;
  }
  if (child.pid === undefined) throw new Error(`${name} server has no pid`);
  return {
    name,
    pid: child.pid,
    port,
    inspectorUrl,
    keepsState: launch.keepsState,
    endpoint: (workspaceId) => launch.endpoint(port, workspaceId),
    died,
    recentOutput,
    stop: async () => {
      stopping = true;
      child.kill('SIGTERM');
      const exited = whenExited(child);
      const forced = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(forced);
      if (launch.dataDir) rmSync(launch.dataDir, { recursive: true, force: true });
    },
  };
}
