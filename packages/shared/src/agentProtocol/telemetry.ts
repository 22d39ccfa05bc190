import { z } from 'zod';
import { EpochMs, Name, Seq, StreamId, envelope } from './fields';

// Telemetry from agents: samples, their compact column form, and the batch
// message that carries them with gap-free sequence numbers.

/** How far a sample can be trusted. */
export const SampleQualitySchema = z.enum(['good', 'suspect', 'bad']);
/** One value of a channel at a time, with its quality. */
export const SampleSchema = z.object({
  ch: Name,
  t: EpochMs,
  value: z.union([z.number(), z.boolean(), z.string().max(200)]),
  quality: SampleQualitySchema,
});
/** One sample. */
export type Sample = z.infer<typeof SampleSchema>;

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
/** Samples in the compact column form. */
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
