import { z } from 'zod';

// The instrument-agent protocol of DESIGN.md ("Telemetry and instrument
// agents"). Every message is JSON with a common envelope; the server parses
// each one with `AgentMessageSchema` or `ServerMessageSchema`.

export const AGENT_PROTOCOL_VERSION = 1;

/** Sequence numbers are 64-bit and never wrap: carried as non-negative safe integers. */
const Seq = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
const EpochMs = z.number().int().nonnegative();
const Name = z.string().min(1).max(200);
const StreamId = z.string().min(1).max(200);

const envelope = {
  v: z.literal(AGENT_PROTOCOL_VERSION),
  agentId: Name,
  /** Grows on every connect, so the server can tell a stale session's messages apart. */
  sessionEpoch: z.number().int().nonnegative(),
  msgId: z.string().min(1).max(100),
  sentAt: EpochMs,
};

export const ChannelDataTypeSchema = z.enum(['f64', 'f32', 'i32', 'u8', 'bool', 'enum']);

export const ChannelSpecSchema = z.object({
  id: Name,
  name: z.string().max(200).optional(),
  dataType: ChannelDataTypeSchema,
  /** SI unit symbol, e.g. "A", "V", "degC", "m/s^2". */
  unit: z.string().max(32),
  limits: z
    .object({
      warnLow: z.number().optional(),
      warnHigh: z.number().optional(),
      alarmLow: z.number().optional(),
      alarmHigh: z.number().optional(),
    })
    .optional(),
});
export type ChannelSpec = z.infer<typeof ChannelSpecSchema>;

export const CommandSpecSchema = z.object({
  id: Name,
  description: z.string().max(1000).optional(),
  /** JSON Schema of the parameters, checked by the agent and shown by the UI. */
  parameterSchema: z.record(z.string(), z.unknown()),
  hazard: z.enum(['normal', 'hazardous']),
});
export type CommandSpec = z.infer<typeof CommandSpecSchema>;

/**
 * A QC metric a run reports, with the limits the server checks it against
 * (pass when min ≤ value ≤ max; a missing bound does not constrain).
 */
export const QcLimitSchema = z.object({
  metric: Name,
  description: z.string().max(1000).optional(),
  unit: z.string().max(32).optional(),
  min: z.number().optional(),
  max: z.number().optional(),
});
export type QcLimit = z.infer<typeof QcLimitSchema>;

export const InstrumentSpecSchema = z.object({
  id: Name,
  name: z.string().min(1).max(200),
  model: z.string().max(200).optional(),
  channels: z.array(ChannelSpecSchema).max(10_000),
  commands: z.array(CommandSpecSchema).max(1_000),
  /** Limits of the QC metrics its runs report; the server decides pass/fail from these. */
  qc: z.array(QcLimitSchema).max(200).optional(),
});
export type InstrumentSpec = z.infer<typeof InstrumentSpecSchema>;

export const ManifestSchema = z.object({
  instruments: z.array(InstrumentSpecSchema).min(1).max(100),
});
export type Manifest = z.infer<typeof ManifestSchema>;

export const SampleQualitySchema = z.enum(['good', 'suspect', 'bad']);
export const SampleSchema = z.object({
  ch: Name,
  t: EpochMs,
  value: z.union([z.number(), z.boolean(), z.string().max(200)]),
  quality: SampleQualitySchema,
});
export type Sample = z.infer<typeof SampleSchema>;

export const InstrumentStateSchema = z.enum(['idle', 'busy', 'error', 'safe', 'maintenance']);

// ---- agent → server --------------------------------------------------------

export const AgentHelloSchema = z.object({
  ...envelope,
  type: z.literal('agent.hello'),
  agentVersion: z.string().max(50),
  /** Last seq the agent still holds per stream, so the server knows what it can resend. */
  heldSeq: z.record(StreamId, Seq),
  manifest: ManifestSchema,
});

export const AgentHeartbeatSchema = z.object({
  ...envelope,
  type: z.literal('agent.heartbeat'),
  uptimeMs: z.number().int().nonnegative(),
  bufferDepth: z.number().int().nonnegative(),
  clockOffsetMs: z.number(),
});

/** A telemetry batch without its samples: servers parse this and check samples in a tight loop. */
export const TelemetryBatchHeaderSchema = z.object({
  ...envelope,
  type: z.literal('telemetry.batch'),
  stream: StreamId,
  firstSeq: Seq,
  lastSeq: Seq,
  historical: z.boolean(),
  /** Samples the agent dropped (oldest first) because its buffer was full. */
  overflow: z.number().int().nonnegative(),
});

/** Most samples one batch may carry. */
export const MAX_BATCH_SAMPLES = 100_000;

/**
 * The compact form of a batch's samples: parallel arrays, channel ids listed
 * once. Sample i is `{ ch: channels[ch[i]], t: t[i], value: value[i],
 * quality: QUALITY[quality?.[i] ?? 0] }`. Parsing arrays of numbers costs a
 * fraction of parsing as many objects, so fast agents send this.
 */
export const TelemetryColumnsSchema = z.object({
  channels: z.array(Name).min(1).max(10_000),
  ch: z.array(z.number().int().nonnegative()),
  t: z.array(EpochMs),
  value: z.array(z.union([z.number(), z.boolean(), z.string().max(200)])),
  /** Quality codes (0 good, 1 suspect, 2 bad); omitted when every sample is good. */
  quality: z.array(z.number().int().min(0).max(2)).optional(),
});
export type TelemetryColumns = z.infer<typeof TelemetryColumnsSchema>;

/** Sample qualities by their code in `TelemetryColumns.quality`. */
export const QUALITY_BY_CODE = ['good', 'suspect', 'bad'] as const;

/** Samples in the compact column form. */
export function samplesToColumns(samples: readonly Sample[]): TelemetryColumns {
  const channels: string[] = [];
  const index = new Map<string, number>();
  const ch: number[] = [];
  let quality: number[] | undefined;
  samples.forEach((s, i) => {
    let c = index.get(s.ch);
    if (c === undefined) index.set(s.ch, (c = channels.push(s.ch) - 1));
    ch.push(c);
    const q = QUALITY_BY_CODE.indexOf(s.quality);
    if (q !== 0) (quality ??= new Array<number>(samples.length).fill(0))[i] = q;
  });
  return {
    channels,
    ch,
    t: samples.map((s) => s.t),
    value: samples.map((s) => s.value),
    ...(quality ? { quality } : {}),
  };
}

/** The samples of the compact column form. */
export function columnsToSamples(c: TelemetryColumns): Sample[] {
  return c.t.map((t, i) => ({
    ch: c.channels[c.ch[i]!]!,
    t,
    value: c.value[i]!,
    quality: QUALITY_BY_CODE[c.quality?.[i] ?? 0]!,
  }));
}

/** Number of samples a batch carries, in whichever form; -1 when the column arrays disagree. */
export function batchSize(b: { samples?: unknown[]; columns?: TelemetryColumns }): number {
  if (b.samples) return b.samples.length;
  const c = b.columns;
  if (!c) return -1;
  const n = c.t.length;
  const same =
    c.ch.length === n &&
    c.value.length === n &&
    (c.quality === undefined || c.quality.length === n);
  return same && c.ch.every((x) => x < c.channels.length) ? n : -1;
}

/** A batch carries its samples either as objects (`samples`) or as `columns`, never both. */
export const TelemetryBatchSchema = TelemetryBatchHeaderSchema.extend({
  samples: z.array(SampleSchema).min(1).max(MAX_BATCH_SAMPLES).optional(),
  columns: TelemetryColumnsSchema.optional(),
})
  .refine((b) => (b.samples === undefined) !== (b.columns === undefined), {
    message: 'a batch carries either samples or columns',
    path: ['samples'],
  })
  .refine((b) => batchSize(b) >= 1 && batchSize(b) <= MAX_BATCH_SAMPLES, {
    message: `a batch carries 1 to ${MAX_BATCH_SAMPLES} samples, with column arrays of equal length`,
    path: ['columns'],
  })
  .refine((b) => b.lastSeq - b.firstSeq + 1 === batchSize(b), {
    message: 'firstSeq..lastSeq must be gap-free and match the number of samples',
    path: ['lastSeq'],
  });

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

export const CommandAckSchema = z.object({
  ...envelope,
  ...commandRef,
  type: z.literal('command.ack'),
  accepted: z.boolean(),
  reason: z.string().max(1000).optional(),
});

export const CommandProgressSchema = z.object({
  ...envelope,
  ...commandRef,
  type: z.literal('command.progress'),
  percent: z.number().min(0).max(100),
  message: z.string().max(1000).optional(),
});

export const CommandResultSchema = z.object({
  ...envelope,
  ...commandRef,
  type: z.literal('command.result'),
  outcome: z.enum(['success', 'error']),
  error: z.object({ code: z.string().max(100), message: z.string().max(1000) }).optional(),
  output: z.record(z.string(), z.unknown()).optional(),
});

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
export type AgentMessage = z.infer<typeof AgentMessageSchema>;

// ---- server → agent --------------------------------------------------------

const serverEnvelope = {
  v: z.literal(AGENT_PROTOCOL_VERSION),
  msgId: z.string().min(1),
  sentAt: EpochMs,
};

export const ServerWelcomeSchema = z.object({
  ...serverEnvelope,
  type: z.literal('server.welcome'),
  /** Last stored seq per stream: the agent resends everything after it. */
  resumeSeq: z.record(StreamId, Seq),
  maxBatch: z.number().int().positive(),
  credits: z.number().int().nonnegative(),
  serverTime: EpochMs,
});

export const TelemetryAckSchema = z.object({
  ...serverEnvelope,
  type: z.literal('telemetry.ack'),
  stream: StreamId,
  /** Every seq up to and including this one is stored. */
  storedSeq: Seq,
  credits: z.number().int().nonnegative(),
});

export const CommandRequestSchema = z.object({
  ...serverEnvelope,
  type: z.literal('command.request'),
  /** Idempotency key: the agent runs a commandId at most once. */
  commandId: z.string().min(1).max(100),
  instrumentId: Name,
  command: Name,
  params: z.record(z.string(), z.unknown()),
  requestedBy: z.string().min(1),
  approvedBy: z.string().min(1).nullable(),
  expiresAt: EpochMs,
});

export const CommandCancelSchema = z.object({
  ...serverEnvelope,
  type: z.literal('command.cancel'),
  commandId: z.string().min(1).max(100),
  /** The instrument the command was for (transports that address instruments need it). */
  instrumentId: Name.optional(),
  reason: z.string().max(1000),
});

export const ServerErrorSchema = z.object({
  ...serverEnvelope,
  type: z.literal('server.error'),
  code: z.string().max(100),
  message: z.string().max(1000),
  /** The msgId of the offending message, when it could be read. */
  inReplyTo: z.string().max(100).optional(),
});

/**
 * The server has stored (or deliberately dropped, with a `server.error`) these
 * agent messages: command and run messages the agent keeps until acknowledged
 * and resends after a reconnect. Their effects are idempotent by commandId
 * and runId, so a resend after a lost ack is harmless.
 */
export const EventAckSchema = z.object({
  ...serverEnvelope,
  type: z.literal('event.ack'),
  msgIds: z.array(z.string().min(1).max(100)).min(1).max(1000),
});

/** Any message the server may send to an agent. */
export const ServerMessageSchema = z.discriminatedUnion('type', [
  ServerWelcomeSchema,
  TelemetryAckSchema,
  CommandRequestSchema,
  CommandCancelSchema,
  EventAckSchema,
  ServerErrorSchema,
]);
export type ServerMessage = z.infer<typeof ServerMessageSchema>;
