import { connect, type MqttClient } from 'mqtt';
import type { AuthenticateAgentKey } from '../agents/agentAuth';
import type { AgentMetrics } from '../agents/agentMetrics';
import type { AgentCommandMessage, AgentEventSink, AgentLink } from '../instruments/agentLink';
import type { Logger } from '../log';
import type { TelemetryStore } from '../telemetry/telemetryStore';
import { EdgeNode } from './edgeNode';
import type { DeviceCommandPayload } from './payloads';
import { edgeSubscriptions, parseTopic, topicOf } from './sparkplugTopics';

export interface MqttBridgeOptions {
  /** `mqtt://host:port` */
  url: string;
  /** A stable client id, so the broker keeps the bridge's session (and queued messages) across reconnects. */
  clientId: string;
  /** `"<group>/<edge>"` → the agent API key the edge node's data is stored under. */
  edges: Record<string, string>;
  authenticate: AuthenticateAgentKey;
  telemetry: TelemetryStore;
  sink: AgentEventSink;
  metrics: AgentMetrics;
  log: Logger;
  /** How long a DDATA that skips ahead waits for the ones before it (default 1000 ms). */
  reorderWindowMs?: number;
  /** How long the broker keeps the bridge's session (and queues for it) while it is away (default a day). */
  sessionExpirySec?: number;
  now?: () => number;
}

/** The MQTT bridge: edge nodes in, commands out as DCMD. */
export interface MqttBridge extends AgentLink {
  /** Authenticates the configured edge nodes' keys and connects (reconnecting on its own). */
  start(): Promise<void>;
  /** True while connected to the broker. */
  readonly connected: boolean;
  /** Stops taking an edge node's messages once its key is revoked; returns how many stopped. */
  closeKey(tenantId: string, keyId: string): number;
  /** Resolves once every message received so far is handled (tests, benchmarks). */
  idle(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Subscribes to the configured edge nodes' Sparkplug-style topics on the
 * broker and hands their messages to an EdgeNode each; the tenant and
 * workspace of every message come from the edge node's API key in the
 * configuration, never from the payload. Messages of edge nodes not
 * configured (or whose key is unknown, revoked or not an agent key) are
 * ignored. mqtt.js reconnects after a broker restart and subscribes again;
 * edge nodes republish what they hold and the store drops what it has.
 */
export function createMqttBridge(options: MqttBridgeOptions): MqttBridge {
  const { log, metrics } = options;
  const now = options.now ?? Date.now;
  const nodes = new Map<string, EdgeNode>();
  const keyOf = new Map<EdgeNode, string>();
  let client: MqttClient | null = null;

  async function onMessage(topic: string, payload: Buffer): Promise<void> {
    const t = parseTopic(topic);
    const node = t && nodes.get(`${t.group}/${t.edge}`);
    if (!t || !node) return;
    let body: unknown;
    try {
      body = payload.byteLength === 0 ? {} : JSON.parse(payload.toString('utf8'));
    } catch {
      metrics.errors.inc({ code: 'MQTT_NOT_JSON' });
      log.warn({ topic: t.type, group: t.group, edge: t.edge }, 'MQTT payload is not JSON');
      return;
    }
    await node.receive(t.type, t.device, body);
  }

  function publish(node: EdgeNode, device: string, payload: DeviceCommandPayload): boolean {
    if (!client?.connected) return false;
    const topic = topicOf({ group: node.group, type: 'DCMD', edge: node.edge, device });
    client.publish(topic, JSON.stringify(payload), { qos: 1 });
    return true;
  }

  return {
    get connected() {
      return client?.connected ?? false;
    },
    async start() {
      for (const [name, key] of Object.entries(options.edges)) {
        const [group, edge, ...rest] = name.split('/');
        const principal = await options.authenticate(key);
        if (!group || !edge || rest.length > 0 || !principal) {
          log.error(
            { edgeNode: name },
            'MQTT edge node skipped: needs "<group>/<edge>" and a valid agent key',
          );
          continue;
        }
        const node = new EdgeNode(group, edge, {
          principal,
          telemetry: options.telemetry,
          sink: options.sink,
          metrics,
          log,
          reorderWindowMs: options.reorderWindowMs ?? 1000,
          now,
        });
        await node.restore();
        nodes.set(name, node);
        keyOf.set(node, principal.keyId);
      }
      if (nodes.size === 0) return;
      const c = connect(options.url, {
        clientId: options.clientId,
        clean: false,
        protocolVersion: 5,
        properties: { sessionExpiryInterval: options.sessionExpirySec ?? 86_400 },
        reconnectPeriod: 500,
        connectTimeout: 5_000,
      });
      client = c;
      c.on('connect', () => {
        log.info({ edgeNodes: nodes.size }, 'MQTT bridge connected');
        const topics = [...nodes.values()].flatMap((n) => edgeSubscriptions(n.group, n.edge));
        c.subscribe(topics, { qos: 1 }, (err) => {
          if (err) log.error({ err }, 'MQTT subscribe failed');
        });
      });
      c.on('close', () => log.warn('MQTT bridge disconnected; reconnecting'));
      c.on('error', (err) => log.warn({ err }, 'MQTT bridge error'));
      // Acknowledge (PUBACK) a message only once it is stored: mqtt.js sends the
      // ack when this calls back, and takes the next message after that.
      c.handleMessage = (packet, callback) => {
        onMessage(packet.topic, packet.payload as Buffer).then(
          () => callback(),
          (err: unknown) => callback(err as Error),
        );
      };
    },
    send(tenantId, agentId, message: AgentCommandMessage) {
      for (const node of nodes.values()) {
        if (node.d.principal.tenantId !== tenantId) continue;
        const device = node.device(agentId);
        if (!device?.online) continue;
        return message.type === 'command.request'
          ? publish(node, device.name, {
              timestamp: now(),
              command: {
                commandId: message.commandId,
                command: message.command,
                params: message.params,
                requestedBy: message.requestedBy,
                approvedBy: message.approvedBy,
                expiresAt: message.expiresAt,
              },
            })
          : publish(node, device.name, {
              timestamp: now(),
              cancel: { commandId: message.commandId, reason: message.reason },
            });
      }
      return false;
    },
    closeKey(tenantId, keyId) {
      let n = 0;
      for (const [name, node] of nodes) {
        if (node.d.principal.tenantId !== tenantId || keyOf.get(node) !== keyId) continue;
        nodes.delete(name);
        n++;
      }
      return n;
    },
    async idle() {
      await Promise.all([...nodes.values()].map((n) => n.idle()));
    },
    async close() {
      const c = client;
      client = null;
      if (c) await c.endAsync();
      await Promise.all([...nodes.values()].map((n) => n.idle()));
    },
  };
}
