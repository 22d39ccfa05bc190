import { createServer, type Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Registry } from 'prom-client';
import { createLogger } from '../../log';
import { LiveBus } from '../../telemetry/liveBus';
import { openSqliteTelemetryStore } from '../../telemetry/sqlite/sqliteTelemetryStore';
import type { TelemetryStore } from '../../telemetry/telemetryStore';
import { mapAuthenticator } from '../agentAuth';
import { createAgentGateway, type AgentGateway, type AgentGatewayOptions } from '../agentGateway';

/** Keys the test gateway accepts: two tenants. */
export const KEYS = {
  a: 'fb_testa_secretsecretsecret',
  b: 'fb_testb_secretsecretsecret',
} as const;

/** A real HTTP server with the gateway on an ephemeral port and a SQLite telemetry store in a temp dir. */
export interface GatewayHarness {
  url: string;
  port: number;
  dir: string;
  store: TelemetryStore;
  gateway: AgentGateway;
  registry: Registry;
  bus: LiveBus;
  server: Server;
  close(): Promise<void>;
}

/** Starts the harness; `opts` tunes limits and heartbeat timing. */
export async function startGateway(
  opts: Pick<AgentGatewayOptions, 'limits' | 'offlineAfterMs'> & {
    chunkSamples?: number;
    port?: number;
  } = {},
): Promise<GatewayHarness> {
  const dir = mkdtempSync(join(tmpdir(), 'fieldbook-agents-'));
  const bus = new LiveBus();
  const store = openSqliteTelemetryStore({
    file: join(dir, 'telemetry.db'),
    bus,
    chunkSamples: opts.chunkSamples,
  });
  const registry = new Registry();
  const gateway = createAgentGateway({
    store,
    registry,
    log: createLogger('silent'),
    authenticateAgentKey: mapAuthenticator({
      [KEYS.a]: { tenantId: 'tenant-a', keyId: 'key-a', workspaceId: null },
      [KEYS.b]: { tenantId: 'tenant-b', keyId: 'key-b', workspaceId: null },
    }),
    limits: opts.limits,
    offlineAfterMs: opts.offlineAfterMs,
  });
  const server = createServer((_req, res) => res.writeHead(404).end());
  gateway.attach(server);
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `ws://127.0.0.1:${port}/agents`,
    port,
    dir,
    store,
    gateway,
    registry,
    bus,
    server,
    async close() {
      await gateway.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
