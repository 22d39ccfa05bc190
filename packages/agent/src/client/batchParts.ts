import type { TelemetryColumns } from '@fieldbook/shared';
import type { Block } from './diskBuffer';

/**
 * The unsent part of a buffered block from seq `from`, cut into batches of at
 * most `maxBatch` samples (the block's JSON is parsed only when it must be cut).
 */
export function blockParts(
  block: Block,
  from: number,
  maxBatch: number,
): { firstSeq: number; lastSeq: number; json: string }[] {
  const size = block.lastSeq - from + 1;
  if (from === block.firstSeq && size <= maxBatch) return [block];
  const all = JSON.parse(block.json) as TelemetryColumns;
  const out = [];
  for (let i = from - block.firstSeq; i < all.t.length; i += maxBatch) {
    const end = Math.min(all.t.length, i + maxBatch);
    const part: TelemetryColumns = {
      channels: all.channels,
      ch: all.ch.slice(i, end),
      t: all.t.slice(i, end),
      value: all.value.slice(i, end),
      ...(all.quality ? { quality: all.quality.slice(i, end) } : {}),
    };
    const firstSeq = block.firstSeq + i;
    out.push({ firstSeq, lastSeq: firstSeq + end - i - 1, json: JSON.stringify(part) });
  }
  return out;
}
