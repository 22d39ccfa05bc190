import { join } from 'node:path';
import type { Registry } from 'prom-client';
import type { Config } from '../config';
import type { Identity } from '../identity/identity';
import { closeAgentsOnKeyRevocation, identityAgentAuthenticator } from '../identity/agentKeys';
import type { Logger } from '../log';
import { LiveBus } from '../telemetry/liveBus';
import { startRetention } from '../telemetry/retention';
import { openSqliteTelemetryStore } from '../telemetry/sqlite/sqliteTelemetryStore';
import type { TelemetryStore } from '../telemetry/telemetryStore';
import { createAgentGateway, type AgentGateway } from './agentGateway';

const DAY_MS = 86_400_000;

/** Telemetry storage and the `/agents` gateway as the server wires them in. */
export interface ServerAgents {
  gateway: AgentGateway;
  telemetry: TelemetryStore;
  bus: LiveBus;
  /** Stops retention, closes agent sockets (1001) and the telemetry store. */
  close(): Promise<void>;
}

/**
 * Opens the telemetry store in its own SQLite file (so bulk sample writes never
 * hold the document log's write lock) and the agent gateway, authenticated by
 * agent API keys from the identity layer; a revoked key closes its agents.
 */
export function openServerAgents(options: {
  config: Config;
  identity: Identity;
  log: Logger;
  registry: Registry;
}): ServerAgents {
  const { config, identity, log } = options;
  const bus = new LiveBus();
  const telemetry = openSqliteTelemetryStore({
    file: join(config.dataDir, 'telemetry.db'),
    durability: config.durability,
    bus,
  });
  const gateway = createAgentGateway({
    store: telemetry,
    log,
    registry: options.registry,
    authenticateAgentKey: identityAgentAuthenticator(identity),
    offlineAfterMs: config.agentOfflineAfterMs,
    limits: { maxMessageBytes: config.maxMessageBytes, creditWindow: config.agentCreditWindow },
  });
  const stopWatching = closeAgentsOnKeyRevocation(identity, gateway);
  const stopRetention = startRetention(telemetry, {
    retentionMs: config.telemetryRetentionDays * DAY_MS,
    intervalMs: 3_600_000,
    log,
  });
  return {
    gateway,
    telemetry,
    bus,
    async close() {
      stopRetention();
      stopWatching();
      await gateway.close();
      await telemetry.close();
    },
  };
}
