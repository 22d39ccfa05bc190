import {
  MAX_BATCH_SAMPLES,
  TelemetryBatchHeaderSchema,
  type ChannelSpec,
  FieldbookError,
} from '@fieldbook/shared';
import type { z } from 'zod';
import type { IngestBatch } from '../telemetry/telemetryStore';

/** A decoded batch: the header fields and the samples as typed columns. */
export interface DecodedBatch {
  header: z.infer<typeof TelemetryBatchHeaderSchema>;
  columns: Pick<
    IngestBatch,
    'channelKeys' | 'channel' | 'times' | 'values' | 'qualities' | 'labels'
  >;
}

const QUALITY = new Map<unknown, number>([
  ['good', 0],
  ['suspect', 1],
  ['bad', 2],
]);
const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

function bad(message: string): FieldbookError {
  return new FieldbookError('VALIDATION_ERROR', message);
}

function checkValue(i: number, spec: ChannelSpec, value: unknown): number | string {
  const where = `samples[${i}].value (channel "${spec.id}", ${spec.dataType})`;
  switch (spec.dataType) {
    case 'f64':
    case 'f32':
      if (typeof value === 'number') return value;
      break;
    case 'i32':
      if (
        Number.isInteger(value) &&
        (value as number) >= INT32_MIN &&
        (value as number) <= INT32_MAX
      )
        return value as number;
      break;
    case 'u8':
      if (Number.isInteger(value) && (value as number) >= 0 && (value as number) <= 255)
        return value as number;
      break;
    case 'bool':
      if (typeof value === 'boolean') return value ? 1 : 0;
      break;
    case 'enum':
      if (typeof value === 'string' && value.length > 0 && value.length <= 200) return value;
      break;
  }
  throw bad(`${where}: ${JSON.stringify(value)?.slice(0, 40)} is not a valid value`);
}

/**
 * Checks a parsed `telemetry.batch` against the protocol and the session's
 * manifest, and lays its samples out as typed columns. The header is parsed
 * with zod; the samples in one tight loop (zod per sample costs more than
 * the rest of ingest), just as strictly: any bad sample rejects the batch
 * with a VALIDATION_ERROR naming it.
 */
export function decodeBatch(
  raw: unknown,
  channels: ReadonlyMap<string, ChannelSpec>,
): DecodedBatch {
  const parsed = TelemetryBatchHeaderSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw bad(`${issue.path.join('.') || 'message'}: ${issue.message}`);
  }
  const header = parsed.data;
  const samples = (raw as { samples?: unknown }).samples;
  if (!Array.isArray(samples) || samples.length === 0 || samples.length > MAX_BATCH_SAMPLES)
    throw bad(`samples must be an array of 1 to ${MAX_BATCH_SAMPLES} samples`);
  const n = samples.length;
  if (header.lastSeq - header.firstSeq + 1 !== n)
    throw bad('firstSeq..lastSeq must be gap-free and match the number of samples');
  const channelKeys: string[] = [];
  const index = new Map<string, number>();
  const specs: ChannelSpec[] = [];
  const channel = new Uint32Array(n);
  const times = new Float64Array(n);
  const values = new Float64Array(n);
  const qualities = new Uint8Array(n);
  let labels: Map<number, string> | null = null;
  for (let i = 0; i < n; i++) {
    const s = samples[i] as { ch?: unknown; t?: unknown; value?: unknown; quality?: unknown };
    if (typeof s !== 'object' || s === null) throw bad(`samples[${i}] must be an object`);
    let c = index.get(s.ch as string);
    if (c === undefined) {
      const spec = typeof s.ch === 'string' ? channels.get(s.ch) : undefined;
      if (!spec)
        throw bad(
          `samples[${i}].ch: ${JSON.stringify(s.ch)?.slice(0, 60)} is not a channel of the manifest`,
        );
      c = channelKeys.length;
      channelKeys.push(spec.id);
      specs.push(spec);
      index.set(spec.id, c);
    }
    const t = s.t;
    if (typeof t !== 'number' || !Number.isInteger(t) || t < 0)
      throw bad(`samples[${i}].t must be a non-negative integer (epoch ms)`);
    const q = QUALITY.get(s.quality);
    if (q === undefined) throw bad(`samples[${i}].quality must be good, suspect or bad`);
    const v = checkValue(i, specs[c]!, s.value);
    channel[i] = c;
    times[i] = t;
    qualities[i] = q;
    if (typeof v === 'string') (labels ??= new Map()).set(i, v);
    else values[i] = v;
  }
  return { header, columns: { channelKeys, channel, times, values, qualities, labels } };
}
