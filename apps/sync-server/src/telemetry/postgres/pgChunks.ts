import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { decodeChunk, encodeChunk } from '../chunkCodec';
import type { BucketAccumulator } from '../decimate';
import { OpenChunk } from '../openChunk';
import type { Db } from './pgRegistry';
import {
  telemetryChannels as channels,
  telemetryChunks as chunks,
  telemetryPending as pending,
} from './schema';

/** One channel of one tenant. */
export interface ChannelRef {
  tenantId: string;
  channelId: string;
  f32: boolean;
}

/**
 * Folds a channel's pending rows into sealed chunks of at most `chunkSamples`
 * (time-sorted), deleting them in the same transaction. Unless `all`, a short
 * last piece stays pending (re-written as one row with the oldest arrival
 * time). The caller holds the channel's row lock, so pending rows another
 * node adds meanwhile wait for this transaction.
 */
export async function sealChannel(tx: Db, ch: ChannelRef, chunkSamples: number, all: boolean) {
  const rows = await tx
    .select({ id: pending.id, createdAt: pending.createdAt, blob: pending.blob })
    .from(pending)
    .where(and(eq(pending.tenantId, ch.tenantId), eq(pending.channelId, ch.channelId)))
    .orderBy(asc(pending.id));
  const open = new OpenChunk(ch.f32);
  let oldest = Infinity;
  for (const row of rows) {
    const cols = decodeChunk(row.blob);
    const n = cols.times.length;
    open.append(cols.times, Float64Array.from(cols.values), cols.qualities ?? new Uint8Array(n), 0);
    oldest = Math.min(oldest, row.createdAt);
  }
  const pieces = open.seal(chunkSamples);
  const keep =
    !all && pieces.length > 1 && pieces.at(-1)!.times.length < chunkSamples ? pieces.pop()! : null;
  let span = 0;
  if (pieces.length > 0)
    await tx.insert(chunks).values(
      pieces.map((p) => {
        span = Math.max(span, p.tMax - p.tMin);
        const s = p.summary;
        return {
          tenantId: ch.tenantId,
          channelId: ch.channelId,
          tMin: p.tMin,
          tMax: p.tMax,
          count: p.times.length,
          min: s?.min ?? null,
          minT: s?.minT ?? null,
          max: s?.max ?? null,
          maxT: s?.maxT ?? null,
          blob: encodeChunk(p.times, p.values, p.qualities, ch.f32),
        };
      }),
    );
  if (rows.length > 0)
    await tx.delete(pending).where(
      inArray(
        pending.id,
        rows.map((r) => r.id),
      ),
    );
  if (keep)
    await tx.insert(pending).values({
      tenantId: ch.tenantId,
      channelId: ch.channelId,
      createdAt: oldest,
      blob: encodeChunk(keep.times, keep.values, keep.qualities, ch.f32),
    });
  await tx
    .update(channels)
    .set({
      maxSpan: sql`greatest(${channels.maxSpan}, ${span}::float8)`,
      pendingCount: keep ? keep.times.length : 0,
    })
    .where(and(eq(channels.tenantId, ch.tenantId), eq(channels.id, ch.channelId)));
}

interface RangeRow extends Record<string, unknown> {
  id: string;
  t_min: number | null;
  t_max: number | null;
  count: number | null;
  min: number | null;
  min_t: number | null;
  max: number | null;
  max_t: number | null;
  blob: Buffer | null;
}

/**
 * Adds a channel's samples in the accumulator's range: sealed chunks and
 * pending rows in one statement, so a seal committed by another node is seen
 * either wholly before or wholly after. As in SQLite, a chunk inside one
 * bucket comes as its summary without its bytes (SQL computes the same
 * floor((t - from) * p / w) as BucketAccumulator.bucketOf; anything doubtful
 * is read and decoded). `maxSpan` bounds a chunk's duration.
 */
export async function readRange(
  db: Db,
  acc: BucketAccumulator,
  tenantId: string,
  channelId: string,
  maxSpan: number,
) {
  const { from, to, maxPoints } = acc;
  const f = sql`${from}::float8`;
  const w = sql`${to - from}::float8`;
  const p = sql`${maxPoints}::float8`;
  const bucket = (col: string) => sql`floor(((${sql.raw(col)} - ${f}) * ${p}) / ${w})`;
  const { rows } = await db.execute<RangeRow>(sql`
    select id::text, t_min, t_max, count, min, min_t, max, max_t,
      case when ${w} = 0 then blob
        when min is not null and t_min >= ${f} and t_max <= ${to}::float8
          and ${bucket('t_min')} = ${bucket('t_max')} then null
        else blob end as blob
    from telemetry_chunks
    where tenant_id = ${tenantId} and channel_id = ${channelId}
      and t_min >= ${from - maxSpan}::float8 and t_min <= ${to}::float8 and t_max >= ${f}
    union all
    select id::text, null, null, null, null, null, null, null, blob
    from telemetry_pending where tenant_id = ${tenantId} and channel_id = ${channelId}`);
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]!;
    if (row.t_min === null) {
      const cols = decodeChunk(row.blob!);
      acc.addColumns(cols.times, cols.values);
    } else if (row.blob === null && row.min !== null && acc.coversWhole(row.t_min, row.t_max!)) {
      acc.addSummary(row.t_min, row.count!, row.min, row.min_t!, row.max!, row.max_t!);
    } else {
      const blob =
        row.blob ??
        (
          await db
            .select({ blob: chunks.blob })
            .from(chunks)
            .where(eq(chunks.id, Number(row.id)))
        )[0]?.blob;
      if (blob) {
        const cols = decodeChunk(blob);
        acc.addSorted(cols.times, cols.values);
      }
    }
  }
}
