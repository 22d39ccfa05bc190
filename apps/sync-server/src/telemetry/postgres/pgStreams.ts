import { and, asc, eq } from 'drizzle-orm';
import type { GapRecord, IngestBatch, StreamPosition } from '../telemetryStore';
import type { Db } from './pgRegistry';
import { telemetryGaps as gaps, telemetryStreams as streams } from './schema';

/** Stream delivery positions and gaps: where each agent stream's stored seqs reach, and the holes. */

/** The stored seq of a stream, or null before its first batch. */
export async function storedSeq(tx: Db, tenantId: string, agentId: string, stream: string) {
  const [row] = await tx
    .select({ seq: streams.storedSeq })
    .from(streams)
    .where(
      and(eq(streams.tenantId, tenantId), eq(streams.agentId, agentId), eq(streams.stream, stream)),
    );
  return row?.seq ?? null;
}

/** Moves a stream's stored seq (inside the ingest transaction). */
export async function savePosition(tx: Db, batch: IngestBatch, seq: number, at: number) {
  const set = { storedSeq: seq, overflow: batch.overflow, updatedAt: at };
  const { tenantId, agentId, stream } = batch;
  await tx
    .insert(streams)
    .values({ tenantId, agentId, stream, ...set })
    .onConflictDoUpdate({ target: [streams.tenantId, streams.agentId, streams.stream], set });
}

/** Records a hole in a stream's seqs. */
export async function addGap(tx: Db, tenantId: string, gap: GapRecord) {
  await tx.insert(gaps).values({ tenantId, ...gap });
}

/** Last stored seq of every stream of an agent. */
export async function positions(
  db: Db,
  tenantId: string,
  agentId: string,
): Promise<StreamPosition[]> {
  return db
    .select({ stream: streams.stream, storedSeq: streams.storedSeq, overflow: streams.overflow })
    .from(streams)
    .where(and(eq(streams.tenantId, tenantId), eq(streams.agentId, agentId)))
    .orderBy(asc(streams.stream));
}

/** A tenant's recorded gaps, oldest first (one agent's when given). */
export async function listGaps(db: Db, tenantId: string, agentId?: string): Promise<GapRecord[]> {
  return db
    .select({
      agentId: gaps.agentId,
      stream: gaps.stream,
      fromSeq: gaps.fromSeq,
      toSeq: gaps.toSeq,
      reportedOverflow: gaps.reportedOverflow,
      detectedAt: gaps.detectedAt,
    })
    .from(gaps)
    .where(
      and(
        eq(gaps.tenantId, tenantId),
        agentId === undefined ? undefined : eq(gaps.agentId, agentId),
      ),
    )
    .orderBy(asc(gaps.id));
}
