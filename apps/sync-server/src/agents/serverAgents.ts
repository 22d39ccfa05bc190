import { join } from 'node:path';
import type { Registry } from 'prom-client';
import type { Config } from '../config';
import type { Identity } from '../identity/identity';
import { closeAgentsOnKeyRevocation, identityAgentAuthenticator } from '../identity/agentKeys';
import type { Logger } from '../log';
import type { Postgres } from '../postgres/connection';
import { LiveBus } from '../telemetry/liveBus';
import { startRetention } from '../telemetry/retention';
import { openSqliteTelemetryStore } from '../telemetry/sqlite/sqliteTelemetryStore';
import type { TelemetryStore } from '../telemetry/telemetryStore';
import { openServerInstruments, type ServerInstruments } from '../instruments/serverInstruments';
import type { MqttBridge } from '../mqtt/mqttBridge';
import { createAgentGateway, type AgentGateway } from './agentGateway';

const DAY_MS = 86_400_000;

/** Telemetry storage and the `/agents` gateway as the server wires them in. */
export interface ServerAgents {
  gateway: AgentGateway;
  telemetry: TelemetryStore;
  bus: LiveBus;
  /** Commands and runs: what agents report and what people ask of instruments. */
  instruments: ServerInstruments;
  /** The MQTT bridge, when MQTT_URL and MQTT_EDGE_NODES are set. */
  mqtt: MqttBridge | null;
  /** Stops retention, closes agent sockets (1001), the instrument and telemetry stores. */
  close(): Promise<void>;
}

/**
 * Opens the telemetry store in its own SQLite file (so bulk sample writes never
 * hold the document log's write lock) and the agent gateway, authenticated by
 * agent API keys from the identity layer; a revoked key closes its agents.
 * Commands and runs the agents report go to the instrument services, and
 * commands go out through the gateway.
 */
export async function openServerAgents(options: {
  config: Config;
  identity: Identity;
  log: Logger;
  registry: Registry;
  /** The shared database (instruments and telemetry); null or absent: SQLite in DATA_DIR. */
  postgres?: Postgres | null;
}): Promise<ServerAgents> {
  const { config, identity, log } = options;
  const bus = new LiveBus();
  const telemetry = options.postgres
    ? (await import('../telemetry/postgres/pgTelemetryStore')).openPgTelemetryStore({
        pg: options.postgres,
        bus,
      })
    : openSqliteTelemetryStore({
        file: join(config.dataDir, 'telemetry.db'),
        durability: config.durability,
        bus,
      });
  const instruments = await openServerInstruments({
    config,
    identity,
    telemetry,
    bus,
    log,
    postgres: options.postgres,
  });
  const gateway = createAgentGateway({
    store: telemetry,
    events: instruments.sink,
    log,
    registry: options.registry,
    authenticateAgentKey: identityAgentAuthenticator(identity),
    offlineAfterMs: config.agentOfflineAfterMs,
    limits: { maxMessageBytes: config.maxMessageBytes, creditWindow: config.agentCreditWindow },
  });
  const stopLink = instruments.links.add(gateway);
  const stopWatching = closeAgentsOnKeyRevocation(identity, gateway);
  const { mqtt: m } = config;
  // mqtt.js loads only when a broker is configured (about 20 MiB that most servers never use).
  const mqtt =
    m.url && Object.keys(m.edgeNodes).length > 0
      ? (await import('../mqtt/mqttBridge')).createMqttBridge({
          url: m.url,
          clientId: m.clientId,
          edges: m.edgeNodes,
          authenticate: identityAgentAuthenticator(identity),
          telemetry,
          sink: instruments.sink,
          metrics: gateway.metrics,
          log,
          reorderWindowMs: m.reorderWindowMs,
          sessionExpirySec: m.sessionExpirySec,
        })
      : null;
  const stopMqtt = mqtt
    ? [instruments.links.add(mqtt), closeAgentsOnKeyRevocation(identity, mqtt)]
    : [];
  mqtt?.start().catch((err: unknown) => log.error({ err }, 'MQTT bridge did not start'));
  const stopRetention = startRetention(telemetry, {
    retentionMs: config.telemetryRetentionDays * DAY_MS,
    intervalMs: 3_600_000,
    log,
  });
  return {
    gateway,
    telemetry,
    bus,
    instruments,
    mqtt,
    async close() {
      stopRetention();
      stopWatching();
      stopLink();
      for (const stop of stopMqtt) stop();
      await mqtt?.close();
      await gateway.close();
      await instruments.close();
      await telemetry.close();
    },
  };
}
