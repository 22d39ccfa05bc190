/**
 * The Sparkplug-style topic namespace of the MQTT bridge:
 * `spBv1.0/<group>/<type>/<edge>[/<device>]`. Node messages (NBIRTH, NDEATH)
 * name an edge node; device messages (DBIRTH, DDEATH, DDATA, DCMD) a device
 * of it — in Fieldbook terms an edge node is an agent and a device one of its
 * instruments.
 */

export const SPARKPLUG_NAMESPACE = 'spBv1.0';

export const NODE_TYPES = ['NBIRTH', 'NDEATH'] as const;
export const DEVICE_TYPES = ['DBIRTH', 'DDEATH', 'DDATA', 'DCMD'] as const;
export type SparkplugType = (typeof NODE_TYPES)[number] | (typeof DEVICE_TYPES)[number];

export interface SparkplugTopic {
  group: string;
  type: SparkplugType;
  edge: string;
  /** Present for device messages. */
  device?: string;
}

const PART = /^[^/+#]{1,200}$/;

/** Reads a topic of the namespace; null for anything else (other namespaces, wrong shapes, NCMD/STATE). */
export function parseTopic(topic: string): SparkplugTopic | null {
  const [ns, group, type, edge, device, ...rest] = topic.split('/');
  if (ns !== SPARKPLUG_NAMESPACE || rest.length > 0 || !group || !type || !edge) return null;
  if (![group, edge, device ?? 'x'].every((p) => PART.test(p))) return null;
  if ((NODE_TYPES as readonly string[]).includes(type))
    return device === undefined ? { group, type: type as SparkplugType, edge } : null;
  if ((DEVICE_TYPES as readonly string[]).includes(type))
    return device === undefined ? null : { group, type: type as SparkplugType, edge, device };
  return null;
}

/** The topic of a message. */
export function topicOf(t: SparkplugTopic): string {
  return [SPARKPLUG_NAMESPACE, t.group, t.type, t.edge, ...(t.device ? [t.device] : [])].join('/');
}

/** The subscriptions that cover one edge node's messages. */
export function edgeSubscriptions(group: string, edge: string): string[] {
  return [
    `${SPARKPLUG_NAMESPACE}/${group}/+/${edge}`,
    `${SPARKPLUG_NAMESPACE}/${group}/+/${edge}/+`,
  ];
}

/** The agent id an edge node stands for (unique within its tenant). */
export function agentIdOf(group: string, edge: string): string {
  return `mqtt:${group}/${edge}`;
}
