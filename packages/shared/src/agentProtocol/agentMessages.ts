import { z } from 'zod';
import { EpochMs, Name, Seq, StreamId, envelope } from './fields';
import { ManifestSchema } from './manifest';
import { TelemetryBatchSchema } from './telemetry';

// The messages an agent sends the server (telemetry batches are in telemetry.ts).

/** What an instrument is doing, as its status updates report it. */
export const InstrumentStateSchema = z.enum(['idle', 'busy', 'error', 'safe', 'maintenance']);

/** An agent's first message on each connect: its version, what it still holds, and its manifest. */
export const AgentHelloSchema = z.object({
  ...envelope,
  type: z.literal('agent.hello'),
  agentVersion: z.string().max(50),
  /** Last seq the agent still holds per stream, so the server knows what it can resend. */
  heldSeq: z.record(StreamId, Seq),
  manifest: ManifestSchema,
});

/** An agent's periodic sign of life, with its buffer depth and clock offset. */
export const AgentHeartbeatSchema = z.object({
  ...envelope,
  type: z.literal('agent.heartbeat'),
  uptimeMs: z.number().int().nonnegative(),
  bufferDepth: z.number().int().nonnegative(),
  clockOffsetMs: z.number(),
});

/** An instrument's state and its active alarms. */
export const StatusUpdateSchema = z.object({
  ...envelope,
  type: z.literal('status.update'),
  instrumentId: Name,
  state: InstrumentStateSchema,
  alarms: z.array(
    z.object({
      id: Name,
      severity: z.enum(['warning', 'critical']),
      message: z.string().max(1000),
    }),
  ),
});

const commandRef = { commandId: z.string().min(1).max(100) };

/** The agent accepts or refuses a requested command. */
export const CommandAckSchema = z.object({
  ...envelope,
  ...commandRef,
  type: z.literal('command.ack'),
  accepted: z.boolean(),
  reason: z.string().max(1000).optional(),
});

/** How far a running command has got. */
export const CommandProgressSchema = z.object({
  ...envelope,
  ...commandRef,
  type: z.literal('command.progress'),
  percent: z.number().min(0).max(100),
  message: z.string().max(1000).optional(),
});

/** How a command ended, with its output or error. */
export const CommandResultSchema = z.object({
  ...envelope,
  ...commandRef,
  type: z.literal('command.result'),
  outcome: z.enum(['success', 'error']),
  error: z.object({ code: z.string().max(100), message: z.string().max(1000) }).optional(),
  output: z.record(z.string(), z.unknown()).optional(),
});

/** An instrument run began (by a command or at the instrument). */
export const RunStartedSchema = z.object({
  ...envelope,
  type: z.literal('run.started'),
  runId: z.string().min(1).max(100),
  instrumentId: Name,
  protocol: z.string().max(200),
  operator: z.string().max(200),
  startedAt: EpochMs,
  /** The command that started this run, when one did. */
  commandId: z.string().min(1).max(100).optional(),
  parameters: z.record(z.string(), z.unknown()).optional(),
});

/** An instrument run ended: outcome, results, QC metrics and artifact hashes. */
export const RunFinishedSchema = z.object({
  ...envelope,
  type: z.literal('run.finished'),
  runId: z.string().min(1).max(100),
  instrumentId: Name,
  finishedAt: EpochMs,
  outcome: z.enum(['completed', 'aborted', 'failed']),
  results: z.record(z.string(), z.unknown()),
  qcMetrics: z.record(z.string(), z.number()),
  artifactHashes: z.array(z.string().regex(/^[0-9a-f]{64}$/)),
});

/** Any message an agent may send. */
export const AgentMessageSchema = z.discriminatedUnion('type', [
  AgentHelloSchema,
  AgentHeartbeatSchema,
  TelemetryBatchSchema,
  StatusUpdateSchema,
  CommandAckSchema,
  CommandProgressSchema,
  CommandResultSchema,
  RunStartedSchema,
  RunFinishedSchema,
]);
/** Any message an agent may send, parsed. */
export type AgentMessage = z.infer<typeof AgentMessageSchema>;
