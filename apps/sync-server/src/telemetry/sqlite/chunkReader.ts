import type Database from 'better-sqlite3';
import { decodeChunk } from '../chunkCodec';
import type { BucketAccumulator } from '../decimate';

type Row = [number, number, number, number, number | null, number, number, number, Buffer | null];

/**
 * Prepares the sealed-chunk half of a range query. One statement walks the
 * covering index over the range and returns a blob only for chunks that do
 * not fall inside one bucket (SQL computes the same floor((t - from) * p / w)
 * as BucketAccumulator.bucketOf; anything doubtful gets its blob): a chunk
 * inside one bucket contributes its stored summary, the rest are decoded.
 */
export function prepareChunkReader(db: Database.Database) {
  const chunksInRange = db
    .prepare(
      `select id, t_min, t_max, count, min, min_t, max, max_t,
        case when min is not null and t_min >= @from and t_max <= @to
          and cast(((t_min - @from) * @p) / @w as integer) = cast(((t_max - @from) * @p) / @w as integer)
        then null else blob end
      from telemetry_chunks
      where tenant_id = @tenant and channel_id = @channel and t_min >= @lo and t_min <= @to and t_max >= @from`,
    )
    .raw();
  const chunkBlob = db.prepare('select blob from telemetry_chunks where id = ?').pluck();

  /** Adds a channel's sealed chunks overlapping the accumulator's range; `maxSpan` bounds a chunk's duration. */
  return (acc: BucketAccumulator, tenantId: string, channelId: string, maxSpan: number): void => {
    const { from, to, maxPoints } = acc;
    const rows = chunksInRange.all({
      tenant: tenantId,
      channel: channelId,
      from,
      to,
      lo: from - maxSpan,
      p: maxPoints,
      w: to - from,
    }) as Row[];
    // Indexed access: array destructuring walks an iterator per row, which shows at 10,000 rows.
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r]!;
      const blob = row[8];
      const min = row[4];
      if (blob === null && min !== null && acc.coversWhole(row[1], row[2])) {
        acc.addSummary(row[1], row[3], min, row[5], row[6], row[7]);
      } else {
        const cols = decodeChunk(blob ?? (chunkBlob.get(row[0]) as Buffer));
        acc.addSorted(cols.times, cols.values);
      }
    }
  };
}
