import {
  AGENT_PROTOCOL_VERSION,
  AgentMessageSchema,
  type AgentMessage,
  type Manifest,
  type Sample,
  newId,
} from '@fieldbook/shared';

/** Who is speaking: the fields every message of one agent session shares. */
export interface AgentSession {
  agentId: string;
  sessionEpoch: number;
}

type Envelope = Pick<AgentMessage, 'v' | 'agentId' | 'sessionEpoch' | 'msgId' | 'sentAt'>;

function envelope(session: AgentSession, now: number): Envelope {
  return { v: AGENT_PROTOCOL_VERSION, ...session, msgId: newId(now), sentAt: now };
}

/** The `agent.hello` that opens a session: version, manifest and the last seq held per stream. */
export function helloMessage(
  session: AgentSession,
  manifest: Manifest,
  heldSeq: Record<string, number>,
  now = Date.now(),
): AgentMessage {
  return AgentMessageSchema.parse({
    ...envelope(session, now),
    type: 'agent.hello',
    agentVersion: '0.1.0',
    heldSeq,
    manifest,
  });
}

/** A gap-free `telemetry.batch` of samples numbered from `firstSeq`. */
export function batchMessage(
  session: AgentSession,
  stream: string,
  firstSeq: number,
  samples: Sample[],
  opts: { historical?: boolean; overflow?: number; now?: number } = {},
): AgentMessage {
  return AgentMessageSchema.parse({
    ...envelope(session, opts.now ?? Date.now()),
    type: 'telemetry.batch',
    stream,
    firstSeq,
    lastSeq: firstSeq + samples.length - 1,
    samples,
    historical: opts.historical ?? false,
    overflow: opts.overflow ?? 0,
  });
}
