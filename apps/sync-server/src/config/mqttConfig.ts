import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { z } from 'zod';
import { FieldbookError } from '@fieldbook/shared';
import type { Env } from './env';

/** The MQTT bridge: the broker, the edge nodes (with their agent keys; never logged), the client id. */
export interface MqttConfig {
  url: string | undefined;
  edgeNodes: Record<string, string>;
  clientId: string;
  reorderWindowMs: number;
  /** How long the broker keeps the bridge's session while it is away. */
  sessionExpirySec: number;
}

/** `{"<group>/<edge>": "<agent API key>"}`: the edge nodes the MQTT bridge takes data from. */
const EdgeNodesSchema = z.record(
  z.string().regex(/^[^/+#]+\/[^/+#]+$/, 'keys are "<group>/<edge>"'),
  z.string().min(1),
);

/** MQTT_EDGE_NODES: the JSON object itself, or the path of a file holding it. */
function edgeNodes(value: string | undefined): Record<string, string> {
  if (!value) return {};
  let text = value;
  try {
    if (!value.trim().startsWith('{')) text = readFileSync(value, 'utf8');
    return EdgeNodesSchema.parse(JSON.parse(text));
  } catch (error) {
    throw new FieldbookError(
      'VALIDATION_ERROR',
      `Invalid configuration: MQTT_EDGE_NODES: expected {"<group>/<edge>": "<agent API key>"} or a file with it (${error instanceof Error ? error.message.slice(0, 200) : 'unreadable'})`,
    );
  }
}

/** The MQTT bridge's settings; the client id defaults to one per host and port. */
export function mqttConfig(e: Env): MqttConfig {
  return {
    url: e.MQTT_URL,
    edgeNodes: edgeNodes(e.MQTT_EDGE_NODES),
    clientId: e.MQTT_CLIENT_ID ?? `fieldbook-${hostname()}-${e.PORT}`,
    reorderWindowMs: e.MQTT_REORDER_WINDOW_MS,
    sessionExpirySec: e.MQTT_SESSION_EXPIRY_SEC,
  };
}
