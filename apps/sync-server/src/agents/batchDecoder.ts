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

function checkValue(at: string, spec: ChannelSpec, value: unknown): number | string {
  const where = `${at} (channel "${spec.id}", ${spec.dataType})`;
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
 * Checks a parsed `telemetry.batch` (samples as objects or as columns)
 * against the protocol and the session's manifest, and lays its samples out
 * as typed columns. The header is parsed
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
  const r = raw as { samples?: unknown; columns?: unknown };
  if ((r.samples === undefined) === (r.columns === undefined))
    throw bad('a batch carries either samples or columns');
  const columns =
    r.samples === undefined ? fromColumns(r.columns, channels) : fromSamples(r.samples, channels);
  if (header.lastSeq - header.firstSeq + 1 !== columns.times.length)
    throw bad('firstSeq..lastSeq must be gap-free and match the number of samples');
  return { header, columns };
}

type Columns = DecodedBatch['columns'];

function allocate(n: number) {
  return {
    channelKeys: [] as string[],
    channel: new Uint32Array(n),
    times: new Float64Array(n),
    values: new Float64Array(n),
    qualities: new Uint8Array(n),
    labels: null as Map<number, string> | null,
  };
}

function checkCount(n: number, what: string): void {
  if (n === 0 || n > MAX_BATCH_SAMPLES)
    throw bad(`${what} must hold 1 to ${MAX_BATCH_SAMPLES} samples`);
}

function checkTime(t: unknown, where: () => string): number {
  if (typeof t !== 'number' || !Number.isInteger(t) || t < 0)
    throw bad(`${where()} must be a non-negative integer (epoch ms)`);
  return t;
}

/** Samples given as objects `{ch, t, value, quality}`, checked and laid out as typed columns. */
export function fromSamples(samples: unknown, channels: ReadonlyMap<string, ChannelSpec>): Columns {
  if (!Array.isArray(samples)) throw bad('samples must be an array');
  const n = samples.length;
  checkCount(n, 'samples');
  const out = allocate(n);
  const index = new Map<string, number>();
  const specs: ChannelSpec[] = [];
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
      c = out.channelKeys.push(spec.id) - 1;
      specs.push(spec);
      index.set(spec.id, c);
    }
    out.times[i] = checkTime(s.t, () => `samples[${i}].t`);
    const q = QUALITY.get(s.quality);
    if (q === undefined) throw bad(`samples[${i}].quality must be good, suspect or bad`);
    out.channel[i] = c;
    out.qualities[i] = q;
    const v = checkValue(`samples[${i}].value`, specs[c]!, s.value);
    if (typeof v === 'string') (out.labels ??= new Map()).set(i, v);
    else out.values[i] = v;
  }
  return out;
}

/** Samples in the protocol's column form, checked and laid out as typed columns. */
export function fromColumns(raw: unknown, channels: ReadonlyMap<string, ChannelSpec>): Columns {
  const c = raw as {
    channels?: unknown;
    ch?: unknown;
    t?: unknown;
    value?: unknown;
    quality?: unknown;
  };
  if (typeof c !== 'object' || c === null) throw bad('columns must be an object');
  const { ch, t, value, quality } = c;
  if (
    !Array.isArray(c.channels) ||
    !Array.isArray(ch) ||
    !Array.isArray(t) ||
    !Array.isArray(value)
  )
    throw bad('columns needs the arrays channels, ch, t and value');
  const n = t.length;
  checkCount(n, 'columns');
  if (
    ch.length !== n ||
    value.length !== n ||
    (quality !== undefined && (!Array.isArray(quality) || quality.length !== n))
  )
    throw bad('columns.ch, columns.t, columns.value and columns.quality must have equal lengths');
  const out = allocate(n);
  const specs = c.channels.map((id: unknown, k: number) => {
    const spec = typeof id === 'string' ? channels.get(id) : undefined;
    if (!spec)
      throw bad(
        `columns.channels[${k}]: ${JSON.stringify(id)?.slice(0, 60)} is not a channel of the manifest`,
      );
    out.channelKeys.push(spec.id);
    return spec;
  });
  if (new Set(out.channelKeys).size !== specs.length)
    throw bad('columns.channels lists a channel twice');
  const qs = quality as unknown[] | undefined;
  for (let i = 0; i < n; i++) {
    const k = ch[i];
    const spec = specs[k as number];
    if (!Number.isInteger(k) || spec === undefined)
      throw bad(`columns.ch[${i}] must index columns.channels`);
    out.channel[i] = k as number;
    out.times[i] = checkTime(t[i], () => `columns.t[${i}]`);
    if (qs) {
      const q = qs[i];
      if (q !== 0 && q !== 1 && q !== 2) throw bad(`columns.quality[${i}] must be 0, 1 or 2`);
      out.qualities[i] = q;
    }
    const v = checkValue(`columns.value[${i}]`, spec, value[i]);
    if (typeof v === 'string') (out.labels ??= new Map()).set(i, v);
    else out.values[i] = v;
  }
  return out;
}
