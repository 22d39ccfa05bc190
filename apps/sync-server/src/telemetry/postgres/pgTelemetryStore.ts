import { sql } from 'drizzle-orm';
import { FieldbookError } from '@fieldbook/shared';
import type { Postgres } from '../../postgres/connection';
import { migratePostgres } from '../../postgres/migrate';
import { BucketAccumulator } from '../decimate';
import { encodeChunk } from '../chunkCodec';
import { groupByChannel, type Grouped } from '../groupByChannel';
import type { LiveBus } from '../liveBus';
import type { IngestResult, TelemetryStore } from '../telemetryStore';
import { readRange, sealChannel } from './pgChunks';
import { PgRegistry } from './pgRegistry';
import { addGap, listGaps, positions, savePosition, storedSeq } from './pgStreams';
import { telemetryPending } from './schema';

/** Options of the PostgreSQL telemetry store. */
export interface PgTelemetryStoreOptions {
  pg: Postgres;
  /** A chunk is sealed once its channel has this many pending samples (default 1024). */
  chunkSamples?: number;
  /** …or once its oldest pending sample arrived this long ago (default 60 s). */
  chunkMaxAgeMs?: number;
  bus?: LiveBus;
  now?: () => number;
}

/**
 * The telemetry store on PostgreSQL, shared by every node. Opening is
 * synchronous; the family's migrations run first, before any call is served.
 * Durability as on SQLite: a batch is one transaction — per-channel pending
 * rows (chunk codec) and the stream's new stored seq — so an ack follows a
 * commit. A stream's batches are serialised by a transaction-scoped advisory
 * lock on (tenant, agent, stream), so an agent that reconnects to another
 * node while a batch is still in flight never stores a seq twice. Pending
 * rows are folded into sealed bytea chunks in the transaction that fills a
 * channel, or by age; queries read chunks and pending rows, so any node
 * answers with every stored sample.
 */
export function openPgTelemetryStore(options: PgTelemetryStoreOptions): TelemetryStore {
  const { pg } = options;
  const chunkSamples = options.chunkSamples ?? 1024;
  const chunkMaxAgeMs = options.chunkMaxAgeMs ?? 60_000;
  const now = options.now ?? Date.now;
  const registry = new PgRegistry(pg.db);
  const ready = migratePostgres(pg, 'telemetry');
  ready.catch(() => undefined); // reported by the first call
  let closed = false;
  const alive = async () => {
    if (closed) throw new FieldbookError('SERVICE_UNAVAILABLE', 'Telemetry store is closed');
    await ready;
  };

  /** Seals every channel whose oldest pending row arrived at or before `olderThan`. */
  async function sealOld(olderThan: number): Promise<void> {
    const { rows } = await pg.db.execute<{
      tenant_id: string;
      channel_id: string;
      data_type: string;
    }>(sql`
      select c.tenant_id, c.id as channel_id, c.data_type from telemetry_channels c
      where exists (select 1 from telemetry_pending p where p.tenant_id = c.tenant_id
        and p.channel_id = c.id and p.created_at <= ${Math.min(olderThan, Number.MAX_SAFE_INTEGER)})`);
    for (const row of rows)
      await pg.db.transaction(async (tx) => {
        await tx.execute(sql`select 1 from telemetry_channels
          where tenant_id = ${row.tenant_id} and id = ${row.channel_id} for update`);
        const ch = {
          tenantId: row.tenant_id,
          channelId: row.channel_id,
          f32: row.data_type === 'f32',
        };
        await sealChannel(tx, ch, chunkSamples, true);
      });
  }

  let sealing: Promise<void> | null = null;
  const ageTimer = setInterval(
    () => {
      // Pending rows are durable: a failed pass leaves them for the next one.
      sealing ??= ready
        .then(() => sealOld(now() - chunkMaxAgeMs))
        .catch(() => undefined)
        .finally(() => (sealing = null));
    },
    Math.max(50, chunkMaxAgeMs / 2),
  );
  ageTimer.unref();

  async function store(batch: Parameters<TelemetryStore['ingest']>[0]) {
    const n = batch.times.length;
    const lastSeq = batch.firstSeq + n - 1;
    const { tenantId, agentId, stream } = batch;
    return pg.db.transaction(async (tx) => {
      await tx.execute(
        sql`select pg_advisory_xact_lock(hashtextextended(${JSON.stringify([tenantId, agentId, stream])}, 0))`,
      );
      const stored = await storedSeq(tx, tenantId, agentId, stream);
      if (stored !== null && lastSeq <= stored)
        return { result: { storedSeq: stored, stored: 0, duplicates: n, gap: null }, groups: [] };
      const skip = stored === null ? 0 : Math.max(0, stored - batch.firstSeq + 1);
      // A stream's seqs start at 1: a first batch starting later means the agent lost the start.
      const expected = (stored ?? 0) + 1;
      const gap: IngestResult['gap'] =
        batch.firstSeq > expected ? { fromSeq: expected, toSeq: batch.firstSeq - 1 } : null;
      const at = now();
      if (batch.channelKeys.some((key) => !registry.channel(tenantId, agentId, key)))
        await registry.loadAgent(tx, tenantId, agentId);
      await registry.addLabels(tx, batch, skip);
      const groups = groupByChannel(batch, skip, registry);
      for (const g of groups) {
        const { record, f32 } = g.entry;
        await tx.insert(telemetryPending).values({
          tenantId,
          channelId: record.id,
          createdAt: at,
          blob: encodeChunk(g.times, g.values, g.qualities, f32),
        });
        const newest = g.times.reduce((a, b) => Math.max(a, b), -Infinity);
        const count = await registry.addPending(tx, g.entry, g.times.length, newest);
        if (count >= chunkSamples)
          await sealChannel(tx, { tenantId, channelId: record.id, f32 }, chunkSamples, false);
      }
      await savePosition(tx, batch, lastSeq, at);
      if (gap)
        await addGap(tx, tenantId, {
          agentId,
          stream,
          ...gap,
          reportedOverflow: batch.overflow,
          detectedAt: at,
        });
      const result: IngestResult = { storedSeq: lastSeq, stored: n - skip, duplicates: skip, gap };
      return { result, groups };
    });
  }

  function publish(
    batch: Parameters<TelemetryStore['ingest']>[0],
    groups: Grouped[],
    gap: IngestResult['gap'],
  ) {
    for (const g of groups) {
      const rec = g.entry.record;
      rec.lastT = Math.max(rec.lastT ?? -Infinity, g.times[g.times.length - 1]!);
      if (options.bus?.watches(rec.tenantId, rec.id))
        options.bus.publishSamples({
          tenantId: rec.tenantId,
          channelId: rec.id,
          times: g.times,
          values: g.values,
        });
    }
    if (gap)
      options.bus?.publishStatus({
        tenantId: batch.tenantId,
        kind: 'gap',
        agentId: batch.agentId,
        detail: { stream: batch.stream, ...gap },
      });
  }

  return {
    async registerManifest(tenantId, workspaceId, agentId, manifest) {
      await alive();
      return registry.register(tenantId, workspaceId, agentId, manifest);
    },
    async streamPositions(tenantId, agentId) {
      await alive();
      return positions(pg.db, tenantId, agentId);
    },
    async ingest(batch) {
      await alive();
      let out: Awaited<ReturnType<typeof store>>;
      try {
        out = await store(batch);
      } catch (error) {
        registry.forget(batch.tenantId, batch.agentId);
        throw error;
      }
      publish(batch, out.groups, out.result.gap);
      return out.result;
    },
    async setConnection(tenantId, agentId, connection, at) {
      await alive();
      await registry.setConnection(tenantId, agentId, connection, at);
      options.bus?.publishStatus({ tenantId, kind: 'connection', agentId, detail: { connection } });
    },
    async setStatus(tenantId, agentId, instrumentKey, status, at) {
      await alive();
      const known = await registry.setStatus(tenantId, agentId, instrumentKey, status, at);
      if (known)
        options.bus?.publishStatus({
          tenantId,
          kind: 'status',
          agentId,
          instrumentKey,
          detail: { ...status },
        });
      return known;
    },
    async listInstruments(tenantId) {
      await alive();
      return registry.instruments(tenantId);
    },
    async listChannels(tenantId) {
      await alive();
      return registry.listChannels(tenantId);
    },
    async listGaps(tenantId, agentId) {
      await alive();
      return listGaps(pg.db, tenantId, agentId);
    },
    async querySamples(tenantId, channelId, { from, to, maxPoints }) {
      await alive();
      const acc = new BucketAccumulator(from, to, maxPoints);
      const channel = await registry.channelById(tenantId, channelId);
      if (!channel) throw new FieldbookError('RESOURCE_NOT_FOUND', 'Channel not found');
      await readRange(pg.db, acc, tenantId, channelId, channel.maxSpan);
      return acc.result();
    },
    async purgeBefore(before) {
      await alive();
      const { rows } = await pg.db.execute<{ count: number }>(
        sql`delete from telemetry_chunks where t_max < ${before}::float8 returning count`,
      );
      return rows.reduce((a, r) => a + r.count, 0);
    },
    async flush() {
      await alive();
      await sealOld(Infinity);
    },
    async close() {
      if (closed) return;
      closed = true;
      clearInterval(ageTimer);
      await sealing;
      if (
        await ready.then(
          () => true,
          () => false,
        )
      )
        await sealOld(Infinity);
    },
  };
}
