import { z } from 'zod';
import { Name } from './fields';

// What an agent declares in its hello: its instruments, their channels,
// commands and QC limits.

/** The value types a channel's samples may have. */
export const ChannelDataTypeSchema = z.enum(['f64', 'f32', 'i32', 'u8', 'bool', 'enum']);

/** A telemetry channel an instrument declares: its type, unit and alarm limits. */
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
/** A telemetry channel as declared. */
export type ChannelSpec = z.infer<typeof ChannelSpecSchema>;

/** A command an instrument accepts, with its parameters' JSON Schema and hazard. */
export const CommandSpecSchema = z.object({
  id: Name,
  description: z.string().max(1000).optional(),
  /** JSON Schema of the parameters, checked by the agent and shown by the UI. */
  parameterSchema: z.record(z.string(), z.unknown()),
  hazard: z.enum(['normal', 'hazardous']),
});
/** A command as declared. */
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
/** A QC metric with its limits. */
export type QcLimit = z.infer<typeof QcLimitSchema>;

/** An instrument an agent serves: its channels, commands and QC limits. */
export const InstrumentSpecSchema = z.object({
  id: Name,
  name: z.string().min(1).max(200),
  model: z.string().max(200).optional(),
  channels: z.array(ChannelSpecSchema).max(10_000),
  commands: z.array(CommandSpecSchema).max(1_000),
  /** Limits of the QC metrics its runs report; the server decides pass/fail from these. */
  qc: z.array(QcLimitSchema).max(200).optional(),
});
/** An instrument as declared. */
export type InstrumentSpec = z.infer<typeof InstrumentSpecSchema>;

/** Everything an agent declares in its hello: its instruments. */
export const ManifestSchema = z.object({
  instruments: z.array(InstrumentSpecSchema).min(1).max(100),
});
/** An agent's manifest. */
export type Manifest = z.infer<typeof ManifestSchema>;
