import { z } from 'zod';
import { IdSchema } from './ids';

// Wire types of instrument commands and runs (REST under /api/v1 and the
// live feed), shared by the server that sends them and the clients that read
// them. The agent side of the same story is in agentProtocol.ts.

/**
 * The life of a command (after Yamcs and OpenC3 COSMOS): `queued` when the
 * server takes it; a hazardous one then waits in `awaiting_approval` for a
 * second operator; `released` to the agent (sent whenever it is connected),
 * which answers `acknowledged` (accepted) or `rejected`, reports `in_progress`
 * and ends `succeeded` or `failed`. A command not acknowledged by its
 * `expiresAt` becomes `expired`; one cancelled before it ends, `cancelled`.
 */
export const COMMAND_STATES = [
  'queued',
  'awaiting_approval',
  'released',
  'acknowledged',
  'rejected',
  'in_progress',
  'succeeded',
  'failed',
  'expired',
  'cancelled',
] as const;
export const CommandStateSchema = z.enum(COMMAND_STATES);
export type CommandState = z.infer<typeof CommandStateSchema>;

/** States a command never leaves. */
export const TERMINAL_COMMAND_STATES: readonly CommandState[] = [
  'rejected',
  'succeeded',
  'failed',
  'expired',
  'cancelled',
];

/** True when a command in `state` will change no more. */
export function isTerminalCommandState(state: CommandState): boolean {
  return TERMINAL_COMMAND_STATES.includes(state);
}

/** Who moved a command or run: a person, an API key, the agent, or the server itself (expiry). */
export const InstrumentActorSchema = z.object({
  type: z.enum(['user', 'apiKey', 'agent', 'system']),
  id: z.string().nullable(),
  /** A name to show: the user's name, the key's name, the agent id. */
  name: z.string(),
});
export type InstrumentActor = z.infer<typeof InstrumentActorSchema>;

/** One command as the REST API and the live feed show it. */
export const CommandSchema = z.object({
  id: IdSchema,
  instrumentId: IdSchema,
  workspaceId: IdSchema.nullable(),
  agentId: z.string(),
  instrumentKey: z.string(),
  command: z.string(),
  params: z.record(z.string(), z.unknown()),
  note: z.string().nullable(),
  hazard: z.enum(['normal', 'hazardous']),
  state: CommandStateSchema,
  requestedBy: InstrumentActorSchema,
  requestedAt: z.number(),
  /** The second operator's decision on a hazardous command. */
  decidedBy: InstrumentActorSchema.nullable(),
  decidedAt: z.number().nullable(),
  /** A command not acknowledged by the agent by then expires. */
  expiresAt: z.number(),
  releasedAt: z.number().nullable(),
  acknowledgedAt: z.number().nullable(),
  progress: z.object({ percent: z.number(), message: z.string().nullable() }).nullable(),
  /** Why it was rejected, failed, cancelled or expired. */
  reason: z.string().nullable(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  output: z.record(z.string(), z.unknown()).nullable(),
  finishedAt: z.number().nullable(),
  /** Someone asked an acknowledged command to stop; the agent has been told. */
  cancelRequestedBy: InstrumentActorSchema.nullable(),
  updatedAt: z.number(),
});
export type Command = z.infer<typeof CommandSchema>;

/** One stored change of a command's state. */
export const CommandTransitionSchema = z.object({
  seq: z.number().int().positive(),
  from: CommandStateSchema.nullable(),
  to: CommandStateSchema,
  at: z.number(),
  by: InstrumentActorSchema,
  detail: z.record(z.string(), z.unknown()).nullable(),
});
export type CommandTransition = z.infer<typeof CommandTransitionSchema>;

/** A QC metric of a run checked against the instrument's declared limits. */
export const QcResultSchema = z.object({
  metric: z.string(),
  value: z.number(),
  unit: z.string().nullable(),
  min: z.number().nullable(),
  max: z.number().nullable(),
  /** Null when the instrument declares no limits for this metric. */
  pass: z.boolean().nullable(),
});
export type QcResult = z.infer<typeof QcResultSchema>;

export const RunStatusSchema = z.enum(['running', 'completed', 'aborted', 'failed']);
export type RunStatus = z.infer<typeof RunStatusSchema>;

/** One run of an instrument (seed 002's RUN), as the REST API and the live feed show it. */
export const RunSchema = z.object({
  id: IdSchema,
  instrumentId: IdSchema,
  workspaceId: IdSchema.nullable(),
  agentId: z.string(),
  /** The agent's own id of the run. */
  runKey: z.string(),
  commandId: IdSchema.nullable(),
  protocol: z.string(),
  operator: z.string(),
  parameters: z.record(z.string(), z.unknown()),
  status: RunStatusSchema,
  /** Null only when the run's start was never reported. */
  startedAt: z.number().nullable(),
  finishedAt: z.number().nullable(),
  results: z.record(z.string(), z.unknown()),
  qc: z.array(QcResultSchema),
  /** False when any metric is out of its limits; null when nothing was checked. */
  qcPassed: z.boolean().nullable(),
  artifactHashes: z.array(z.string()),
});
export type Run = z.infer<typeof RunSchema>;

/** An instrument's connection and reported status, as the live feed announces a change. */
export const InstrumentStatusSchema = z.object({
  id: IdSchema,
  workspaceId: IdSchema.nullable(),
  connection: z.enum(['ONLINE', 'STALE', 'OFFLINE']),
  state: z.string().nullable(),
  alarms: z.array(z.unknown()),
  lastSeenAt: z.number().nullable(),
});
export type InstrumentStatus = z.infer<typeof InstrumentStatusSchema>;
