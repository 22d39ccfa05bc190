import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { FieldbookError } from '@fieldbook/shared';
import { decodeChunk, encodeChunk } from '../chunkCodec';
import { prepareChunkReader } from './chunkReader';
import { BucketAccumulator } from '../decimate';
import type { LiveBus } from '../liveBus';
import { OpenChunk } from '../openChunk';
import type { IngestBatch, IngestResult, TelemetryStore } from '../telemetryStore';
import { migrateTelemetry } from './schema';
import { groupByChannel, type Grouped } from '../groupByChannel';
import { SqliteRegistry } from './sqliteRegistry';

/** Options of the embedded telemetry store. */
export interface SqliteTelemetryStoreOptions {
  file: string;
  /** `normal`: synchronous=NORMAL (survives a killed process); `power`: FULL. */
  durability?: 'normal' | 'power';
  /** A chunk is sealed once it holds this many samples (default 1024). */
  chunkSamples?: number;
  /** …or once its first sample is this old (default 60 s). */
  chunkMaxAgeMs?: number;
  bus?: LiveBus;
  now?: () => number;
}

/**
 * Opens the SQLite telemetry store. Durability: every batch is written in one
 * transaction as per-channel pending rows (the same column codec as chunks)
 * together with the stream's new stored seq, so an ack always follows a
 * commit; pending rows are folded into sealed chunks (and deleted in the same
 * transaction) when a channel's open chunk is full or old. On open, pending
 * rows are read back into the open chunks.
 */
export function openSqliteTelemetryStore(options: SqliteTelemetryStoreOptions): TelemetryStore {
  mkdirSync(dirname(options.file), { recursive: true });
  const db = new Database(options.file);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${options.durability === 'power' ? 'FULL' : 'NORMAL'}`);
  db.pragma('busy_timeout = 5000');
  migrateTelemetry(db);
  const chunkSamples = options.chunkSamples ?? 1024;
  const chunkMaxAgeMs = options.chunkMaxAgeMs ?? 60_000;
  const now = options.now ?? Date.now;
  const registry = new SqliteRegistry(db);
  const open = new Map<string, OpenChunk>();
  const openKey = (tenantId: string, channelId: string) => `${tenantId}\u0000${channelId}`;

  const insertPending = db.prepare(
    'insert into telemetry_pending (tenant_id, channel_id, blob) values (?, ?, ?)',
  );
  const deletePending = db.prepare(
    'delete from telemetry_pending where tenant_id = ? and channel_id = ? and id <= ?',
  );
  const insertChunk = db.prepare(`insert into telemetry_chunks
    (tenant_id, channel_id, t_min, t_max, count, min, min_t, max, max_t, blob) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const widenSpan = db.prepare(`update telemetry_channels set max_span = max(max_span, ?),
    last_t = max(coalesce(last_t, ?), ?) where tenant_id = ? and id = ?`);
  const readChunks = prepareChunkReader(db);
  const purge = db.prepare('delete from telemetry_chunks where t_max < ? returning count').pluck();
  const pendingRows = db.prepare(
    'select id, tenant_id, channel_id, blob from telemetry_pending order by id',
  );

  function chunkFor(tenantId: string, channelId: string, f32: boolean): OpenChunk {
    const key = openKey(tenantId, channelId);
    let chunk = open.get(key);
    if (!chunk) open.set(key, (chunk = new OpenChunk(f32)));
    return chunk;
  }

  function loadPending(): void {
    open.clear();
    for (const row of pendingRows.iterate() as Iterable<{
      id: number;
      tenant_id: string;
      channel_id: string;
      blob: Buffer;
    }>) {
      const cols = decodeChunk(row.blob);
      const chunk = chunkFor(row.tenant_id, row.channel_id, cols.values instanceof Float32Array);
      chunk.append(
        cols.times,
        Float64Array.from(cols.values),
        cols.qualities ?? new Uint8Array(cols.times.length),
        now(),
      );
      chunk.pendingMaxId = row.id;
    }
  }

  /** Writes the open chunk as sealed chunks; unless `all`, a short last piece stays open (re-written as one pending row). */
  function seal(tenantId: string, channelId: string, chunk: OpenChunk, all: boolean): void {
    if (chunk.count === 0) return;
    const upTo = chunk.pendingMaxId;
    let span = 0;
    let newest = -Infinity;
    const pieces = chunk.seal(chunkSamples);
    const keep =
      !all && pieces.length > 1 && pieces.at(-1)!.times.length < chunkSamples
        ? pieces.pop()!
        : null;
    for (const p of pieces) {
      const s = p.summary;
      insertChunk.run(
        tenantId,
        channelId,
        p.tMin,
        p.tMax,
        p.times.length,
        s?.min ?? null,
        s?.minT ?? null,
        s?.max ?? null,
        s?.maxT ?? null,
        encodeChunk(p.times, p.values, p.qualities, chunk.f32),
      );
      span = Math.max(span, p.tMax - p.tMin);
      newest = Math.max(newest, p.tMax);
    }
    deletePending.run(tenantId, channelId, upTo);
    widenSpan.run(span, newest, newest, tenantId, channelId);
    if (keep) {
      const blob = encodeChunk(keep.times, keep.values, keep.qualities, chunk.f32);
      chunk.append(keep.times, keep.values, keep.qualities, now());
      chunk.pendingMaxId = Number(insertPending.run(tenantId, channelId, blob).lastInsertRowid);
    }
  }

  const ingestTx = db.transaction(
    (batch: IngestBatch, skip: number, gap: IngestResult['gap'], at: number) => {
      const lastSeq = batch.firstSeq + batch.times.length - 1;
      const groups = groupByChannel(batch, skip, registry);
      for (const g of groups) {
        const { tenantId, id } = g.entry.record;
        const pendingId = Number(
          insertPending.run(tenantId, id, encodeChunk(g.times, g.values, g.qualities, g.entry.f32))
            .lastInsertRowid,
        );
        const chunk = chunkFor(tenantId, id, g.entry.f32);
        chunk.append(g.times, g.values, g.qualities, at);
        chunk.pendingMaxId = pendingId;
        if (chunk.count >= chunkSamples) seal(tenantId, id, chunk, false);
      }
      registry.savePosition(
        batch.tenantId,
        batch.agentId,
        batch.stream,
        lastSeq,
        batch.overflow,
        at,
      );
      if (gap)
        registry.addGap(batch.tenantId, {
          agentId: batch.agentId,
          stream: batch.stream,
          ...gap,
          reportedOverflow: batch.overflow,
          detectedAt: at,
        });
      return groups;
    },
  );

  const sealOldTx = db.transaction((olderThan: number) => {
    for (const [key, chunk] of open) {
      if (chunk.count === 0 || chunk.openedAt > olderThan) continue;
      const [tenantId, channelId] = key.split('\u0000') as [string, string];
      seal(tenantId, channelId, chunk, true);
    }
  });

  function sealOld(olderThan: number): void {
    try {
      sealOldTx(olderThan);
    } catch (error) {
      loadPending();
      throw error;
    }
  }

  loadPending();
  const ageTimer = setInterval(
    () => sealOld(now() - chunkMaxAgeMs),
    Math.max(50, chunkMaxAgeMs / 2),
  );
  ageTimer.unref();
  let closed = false;
  const alive = () => {
    if (closed) throw new FieldbookError('SERVICE_UNAVAILABLE', 'Telemetry store is closed');
  };

  return {
    async registerManifest(tenantId, workspaceId, agentId, manifest) {
      alive();
      return registry.register(tenantId, workspaceId, agentId, manifest);
    },
    async streamPositions(tenantId, agentId) {
      alive();
      return registry.positions(tenantId, agentId);
    },
    async ingest(batch) {
      alive();
      const n = batch.times.length;
      const lastSeq = batch.firstSeq + n - 1;
      const stored = registry.storedSeq(batch.tenantId, batch.agentId, batch.stream);
      if (stored !== null && lastSeq <= stored)
        return { storedSeq: stored, stored: 0, duplicates: n, gap: null };
      const skip = stored === null ? 0 : Math.max(0, stored - batch.firstSeq + 1);
      // A stream's seqs start at 1: a first batch starting later means the agent lost the start.
      const expected = (stored ?? 0) + 1;
      const gap =
        batch.firstSeq > expected ? { fromSeq: expected, toSeq: batch.firstSeq - 1 } : null;
      const at = now();
      let groups: Grouped[];
      try {
        groups = ingestTx(batch, skip, gap, at);
      } catch (error) {
        loadPending();
        throw error;
      }
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
      return { storedSeq: lastSeq, stored: n - skip, duplicates: skip, gap };
    },
    async setConnection(tenantId, agentId, connection, at) {
      alive();
      registry.setConnection(tenantId, agentId, connection, at);
      options.bus?.publishStatus({ tenantId, kind: 'connection', agentId, detail: { connection } });
    },
    async setStatus(tenantId, agentId, instrumentKey, status, at) {
      alive();
      const known = registry.setStatus(tenantId, agentId, instrumentKey, status, at);
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
      alive();
      return registry.instruments(tenantId);
    },
    async listChannels(tenantId) {
      alive();
      return registry.listChannels(tenantId);
    },
    async listGaps(tenantId, agentId) {
      alive();
      return registry.gaps(tenantId, agentId);
    },
    async querySamples(tenantId, channelId, { from, to, maxPoints }) {
      alive();
      const acc = new BucketAccumulator(from, to, maxPoints);
      const channel = registry.channelById(tenantId, channelId);
      if (!channel) throw new FieldbookError('RESOURCE_NOT_FOUND', 'Channel not found');
      readChunks(acc, tenantId, channelId, channel.maxSpan);
      const tail = open.get(openKey(tenantId, channelId));
      if (tail && tail.count > 0) {
        const v = tail.view();
        acc.addColumns(v.times, v.values);
      }
      return acc.result();
    },
    async purgeBefore(before) {
      alive();
      return (purge.all(before) as number[]).reduce((a, b) => a + b, 0);
    },
    async flush() {
      alive();
      sealOld(Infinity);
    },
    async close() {
      if (closed) return;
      sealOld(Infinity);
      closed = true;
      clearInterval(ageTimer);
      db.close();
    },
  };
}
