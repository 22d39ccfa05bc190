/**
 * A real server for end-to-end tests of identity over the network: HTTP on an
 * ephemeral port, real sockets, stock y-websocket clients, SQLite files in a
 * temporary directory, and every log line captured.
 */
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { IdentityTuning } from '../../identity/serverIdentity';
import { createLogger } from '../../log';
import { startTestServer, tempDir } from '../../testing/harness';
import { TEST_SECRET } from '../testKit';

process.setMaxListeners(0);

export type ServerKitOptions = IdentityTuning & {
  /** A data directory to use (and keep) instead of a fresh temporary one, e.g. to restart on it. */
  dataDir?: string;
};

/**
 * Starts the server as `pnpm serve` does with FIELDBOOK_SECRET set (tenant
 * auth mode), on a temporary data directory; `logs` holds every line it wrote.
 */
export async function startIdentityServer(
  { dataDir, ...options }: ServerKitOptions = {},
  env: Record<string, string> = {},
) {
  const data = dataDir ? { dir: dataDir, cleanup: () => {} } : tempDir('fieldbook-identity-');
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  const log = createLogger('trace', sink);
  const server = await startTestServer(
    data.dir,
    { AUTH_MODE: 'tenant', FIELDBOOK_SECRET: TEST_SECRET, ...env },
    {
      logger: log,
      identity: {
        rateLimits: {
          loginAddress: { capacity: 1000, perMinute: 1000 },
          anonymous: { capacity: 1000, perMinute: 1000 },
        },
        ...options,
      },
    },
  );
  const identity = server.identity;
  const base = `http://127.0.0.1:${server.port}`;
  const secrets = new Set<string>();
  /** Collects every secret-looking value a request or response carries, to check the logs for later. */
  const harvest = (value: unknown) => {
    if (!value || typeof value !== 'object') return;
    for (const [k, v] of Object.entries(value)) {
      if (typeof v === 'string' && /^(password|accessToken|refreshToken|key|token|ticket)$/.test(k))
        secrets.add(v);
      else harvest(v);
    }
  };

  /** A JSON request (a workspace file for a Uint8Array body) to `/api/v1{path}`. */
  async function call(method: string, path: string, opts: { token?: string; body?: unknown } = {}) {
    const headers: Record<string, string> = {};
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    const raw = opts.body instanceof Uint8Array;
    if (opts.body !== undefined)
      headers['content-type'] = raw ? 'application/vnd.fieldbook.workspace' : 'application/json';
    const res = await fetch(`${base}/api/v1${path}`, {
      method,
      headers,
      body:
        opts.body === undefined
          ? undefined
          : raw
            ? (opts.body as Uint8Array)
            : JSON.stringify(opts.body),
    });
    if (!raw) harvest(opts.body);
    if (opts.token) secrets.add(opts.token);
    const text = await res.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      // CSV and other text bodies stay text
    }
    harvest(body);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- test responses are read loosely
    return { status: res.status, body: body as any, headers: res.headers };
  }

  const providers: WebsocketProvider[] = [];
  /** A stock y-websocket client offering `fieldbook.v1` and `bearer.<token>`, or a `?ticket=`. */
  function connect(workspaceId: string, docId: string, auth: { token?: string; ticket?: string }) {
    if (auth.token) secrets.add(auth.token);
    if (auth.ticket) secrets.add(auth.ticket);
    const doc = new Y.Doc();
    const provider = new WebsocketProvider(
      `ws://127.0.0.1:${server.port}/sync/${workspaceId}`,
      docId,
      doc,
      {
        WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
        disableBc: true,
        connect: true,
        maxBackoffTime: 60_000,
        protocols: auth.token ? ['fieldbook.v1', `bearer.${auth.token}`] : ['fieldbook.v1'],
        params: auth.ticket ? { ticket: auth.ticket } : {},
      },
    );
    providers.push(provider);
    const closes: number[] = [];
    provider.on('connection-close', (e: { code: number } | null) => e && closes.push(e.code));
    return {
      doc,
      provider,
      closes,
      synced: () =>
        provider.synced
          ? Promise.resolve()
          : new Promise<void>((resolve) => provider.once('sync', () => resolve())),
    };
  }

  return {
    server,
    identity,
    /** The server's telemetry store (to register instruments without an agent). */
    telemetry: server.agents.telemetry,
    /** The server's SQLite file (documents, identity and audit). */
    databaseFile: join(data.dir, 'fieldbook.db'),
    port: server.port,
    logs: lines,
    secrets,
    /** Log lines that contain any password, token, key or ticket seen in this run. */
    leakedSecrets(): string[] {
      const found: string[] = [];
      for (const secret of secrets) {
        for (const part of [secret, ...secret.split(/[._]/).filter((p) => p.length >= 16)]) {
          if (lines.some((l) => l.includes(part))) found.push(part.slice(0, 6) + '…');
        }
      }
      return found;
    },
    call,
    connect,
    async close() {
      for (const p of providers) p.destroy();
      await server.close();
      data.cleanup();
    },
  };
}
export type IdentityServer = Awaited<ReturnType<typeof startIdentityServer>>;
