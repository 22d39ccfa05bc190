import type { IngestResult } from '../telemetry/telemetryStore';
import type { DecodedBatch } from './batchDecoder';
import type { ConnectionContext } from './connectionContext';

// Telemetry batches on an agent's connection: counting a batch against the
// agent's credits as it arrives, and storing it once decoded.

/** Samples in a (not yet validated) batch message, in either form; 0 for other messages. */
export function batchLength(raw: unknown): number {
  const m = raw as { type?: unknown; samples?: unknown; columns?: { t?: unknown } } | null;
  if (m?.type !== 'telemetry.batch') return 0;
  if (Array.isArray(m.samples)) return m.samples.length;
  return Array.isArray(m.columns?.t) ? m.columns.t.length : 0;
}

/**
 * Stores a decoded batch of the agent's, in turn with the agent's other
 * writes (`key`), and records what became of it: samples stored, duplicates
 * skipped, and a gap in the stream (logged with the overflow the agent reported).
 */
export async function storeBatch(
  ctx: Pick<ConnectionContext, 'store' | 'metrics' | 'log' | 'serial'>,
  key: string,
  agent: { tenantId: string; agentId: string },
  { header, columns }: DecodedBatch,
): Promise<IngestResult> {
  const result = await ctx.serial(key, () =>
    ctx.store.ingest({
      tenantId: agent.tenantId,
      agentId: agent.agentId,
      stream: header.stream,
      firstSeq: header.firstSeq,
      overflow: header.overflow,
      ...columns,
    }),
  );
  ctx.metrics.samplesStored.inc(result.stored);
  if (result.duplicates > 0) ctx.metrics.duplicates.inc(result.duplicates);
  if (result.gap) {
    ctx.metrics.gapSamples.inc(result.gap.toSeq - result.gap.fromSeq + 1);
    ctx.log.warn(
      { agentId: agent.agentId, stream: header.stream, ...result.gap, overflow: header.overflow },
      'telemetry gap',
    );
  }
  return result;
}
