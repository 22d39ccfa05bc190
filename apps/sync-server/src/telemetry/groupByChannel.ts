import { FieldbookError } from '@fieldbook/shared';
import type { ChannelEntry } from './sqlite/sqliteRegistry';
import type { IngestBatch } from './telemetryStore';

/** What grouping needs of a registry: the agent's channels and enum label codes. */
export interface ChannelLookup {
  channel(tenantId: string, agentId: string, key: string): ChannelEntry | undefined;
  /** The code of an enum label (a registry may add it, inside the ingest transaction). */
  labelCode(entry: ChannelEntry, label: string): number;
}

/** One channel's samples of a batch, as typed columns. */
export type Grouped = {
  entry: ChannelEntry;
  times: Float64Array;
  values: Float64Array;
  qualities: Uint8Array;
};

/**
 * Splits a batch (from sample `skip` on) into per-channel columns in arrival
 * order, resolving enum labels to codes and rounding f32 channels' values.
 * Call inside the ingest transaction: a new enum label is saved with it.
 */
export function groupByChannel(
  batch: IngestBatch,
  skip: number,
  registry: ChannelLookup,
): Grouped[] {
  const n = batch.times.length;
  const counts = new Uint32Array(batch.channelKeys.length);
  for (let i = skip; i < n; i++) counts[batch.channel[i]!]!++;
  const groups: (Grouped | null)[] = batch.channelKeys.map((key, c) => {
    if (counts[c] === 0) return null;
    const entry = registry.channel(batch.tenantId, batch.agentId, key);
    if (!entry)
      throw new FieldbookError(
        'VALIDATION_ERROR',
        `Channel "${key}" is not in the agent's manifest`,
      );
    const k = counts[c]!;
    return {
      entry,
      times: new Float64Array(k),
      values: new Float64Array(k),
      qualities: new Uint8Array(k),
    };
  });
  const fill = new Uint32Array(batch.channelKeys.length);
  for (let i = skip; i < n; i++) {
    const c = batch.channel[i]!;
    const g = groups[c]!;
    const j = fill[c]!++;
    g.times[j] = batch.times[i]!;
    const label = batch.labels?.get(i);
    g.values[j] = label === undefined ? batch.values[i]! : registry.labelCode(g.entry, label);
    g.qualities[j] = batch.qualities[i]!;
  }
  for (const g of groups)
    if (g?.entry.f32)
      for (let j = 0; j < g.values.length; j++) g.values[j] = Math.fround(g.values[j]!);
  return groups.filter((g): g is Grouped => g !== null);
}
