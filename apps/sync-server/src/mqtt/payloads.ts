import { z } from 'zod';
import {
  ChannelSpecSchema,
  CommandSpecSchema,
  QcLimitSchema,
  TelemetryColumnsSchema,
} from '@fieldbook/shared';

/**
 * JSON payloads of the bridge's Sparkplug-style topics. Unlike Sparkplug B's
 * protobuf and its 0–255 message counter, `seq` here numbers *samples*: the
 * first sample of a DDATA message has `seq`, the next `seq + 1`, …, from 1
 * per device and never wrapping or restarting — so the server deduplicates
 * a republished message and records a hole as a gap, as for the WebSocket
 * gateway. Nothing in a payload names a tenant or workspace: those come from
 * the bridge's configuration (one API key per edge node).
 */

const EpochMs = z.number().int().nonnegative();
const Seq = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);

/** DBIRTH: the device's manifest entry (its id is the topic's device). */
export const DeviceBirthSchema = z.object({
  timestamp: EpochMs.optional(),
  instrument: z.object({
    name: z.string().min(1).max(200),
    model: z.string().max(200).optional(),
    channels: z.array(ChannelSpecSchema).max(10_000),
    commands: z.array(CommandSpecSchema).max(1_000).default([]),
    qc: z.array(QcLimitSchema).max(200).optional(),
  }),
});

/** A Sparkplug-style metric: one sample of one channel. */
const MetricSchema = z.object({
  name: z.string().min(1).max(200),
  value: z.union([z.number(), z.boolean(), z.string().max(200)]),
  timestamp: EpochMs.optional(),
  quality: z.enum(['good', 'suspect', 'bad']).optional(),
});

/**
 * DDATA: samples as Sparkplug-style `metrics` or in the compact `columns`
 * form (channel list + parallel arrays); and/or command and run `events`
 * (the bodies of the WebSocket protocol's command.* and run.* messages).
 */
export const DeviceDataSchema = z
  .object({
    timestamp: EpochMs.optional(),
    seq: Seq.optional(),
    metrics: z.array(MetricSchema).max(100_000).optional(),
    columns: TelemetryColumnsSchema.optional(),
    events: z.array(z.record(z.string(), z.unknown())).max(1_000).optional(),
  })
  .refine((d) => !(d.metrics && d.columns), 'a DDATA carries metrics or columns, not both')
  .refine((d) => (d.metrics || d.columns ? d.seq !== undefined : true), 'samples need a seq');
export type DeviceData = z.infer<typeof DeviceDataSchema>;

/** DCMD, server → edge: a command to run, or one to cancel. */
export type DeviceCommandPayload =
  | {
      timestamp: number;
      command: {
        commandId: string;
        command: string;
        params: Record<string, unknown>;
        requestedBy: string;
        approvedBy: string | null;
        expiresAt: number;
      };
    }
  | { timestamp: number; cancel: { commandId: string; reason: string } };
