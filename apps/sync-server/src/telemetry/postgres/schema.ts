import {
  bigint,
  bigserial,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { bytea } from '../../postgres/columnTypes';

/**
 * The telemetry tables in PostgreSQL, the twins of sqlite/schema.ts. Samples
 * stay columnar: one bytea chunk (chunkCodec) per channel and time range,
 * with its range and value summary beside it in a covering index so a range
 * query reads chunk bytes only where a bucket boundary cuts through. Batches
 * not yet sealed are pending rows in the same codec; a channel's
 * `pending_count` says when they make a chunk, and its row lock serialises
 * sealing with ingest across nodes.
 */
export const telemetryInstruments = pgTable(
  'telemetry_instruments',
  {
    tenantId: text('tenant_id').notNull(),
    agentId: text('agent_id').notNull(),
    instrumentKey: text('instrument_key').notNull(),
    id: text('id').notNull(),
    workspaceId: text('workspace_id'),
    name: text('name').notNull(),
    model: text('model'),
    connection: text('connection').notNull().default('OFFLINE'),
    state: text('state'),
    alarms: jsonb('alarms').notNull().default([]),
    lastSeenAt: bigint('last_seen_at', { mode: 'number' }),
    spec: jsonb('spec').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.agentId, t.instrumentKey] }),
    uniqueIndex('telemetry_instruments_id').on(t.tenantId, t.id),
  ],
);

export const telemetryChannels = pgTable(
  'telemetry_channels',
  {
    tenantId: text('tenant_id').notNull(),
    agentId: text('agent_id').notNull(),
    channelKey: text('channel_key').notNull(),
    id: text('id').notNull(),
    workspaceId: text('workspace_id'),
    instrumentKey: text('instrument_key').notNull(),
    dataType: text('data_type').notNull(),
    unit: text('unit').notNull(),
    freshness: text('freshness').notNull().default('STALE'),
    lastT: doublePrecision('last_t'),
    maxSpan: doublePrecision('max_span').notNull().default(0),
    pendingCount: integer('pending_count').notNull().default(0),
    enumLabels: jsonb('enum_labels').$type<string[]>().notNull().default([]),
    spec: jsonb('spec').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.agentId, t.channelKey] }),
    uniqueIndex('telemetry_channels_id').on(t.tenantId, t.id),
  ],
);

export const telemetryChunks = pgTable(
  'telemetry_chunks',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    tenantId: text('tenant_id').notNull(),
    channelId: text('channel_id').notNull(),
    tMin: doublePrecision('t_min').notNull(),
    tMax: doublePrecision('t_max').notNull(),
    count: integer('count').notNull(),
    min: doublePrecision('min'),
    minT: doublePrecision('min_t'),
    max: doublePrecision('max'),
    maxT: doublePrecision('max_t'),
    blob: bytea('blob').notNull(),
  },
  (t) => [
    index('telemetry_chunks_range').on(
      t.tenantId,
      t.channelId,
      t.tMin,
      t.tMax,
      t.count,
      t.min,
      t.minT,
      t.max,
      t.maxT,
    ),
    index('telemetry_chunks_age').on(t.tMax),
  ],
);

export const telemetryPending = pgTable(
  'telemetry_pending',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    tenantId: text('tenant_id').notNull(),
    channelId: text('channel_id').notNull(),
    /** When the samples arrived (epoch ms), for sealing by age. */
    createdAt: bigint('created_at', { mode: 'number' }).notNull(),
    blob: bytea('blob').notNull(),
  },
  (t) => [
    index('telemetry_pending_channel').on(t.tenantId, t.channelId, t.id),
    index('telemetry_pending_age').on(t.createdAt),
  ],
);

export const telemetryStreams = pgTable(
  'telemetry_streams',
  {
    tenantId: text('tenant_id').notNull(),
    agentId: text('agent_id').notNull(),
    stream: text('stream').notNull(),
    storedSeq: bigint('stored_seq', { mode: 'number' }).notNull(),
    overflow: bigint('overflow', { mode: 'number' }).notNull().default(0),
    updatedAt: bigint('updated_at', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.agentId, t.stream] })],
);

export const telemetryGaps = pgTable(
  'telemetry_gaps',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    tenantId: text('tenant_id').notNull(),
    agentId: text('agent_id').notNull(),
    stream: text('stream').notNull(),
    fromSeq: bigint('from_seq', { mode: 'number' }).notNull(),
    toSeq: bigint('to_seq', { mode: 'number' }).notNull(),
    reportedOverflow: bigint('reported_overflow', { mode: 'number' }).notNull(),
    detectedAt: bigint('detected_at', { mode: 'number' }).notNull(),
  },
  (t) => [index('telemetry_gaps_agent').on(t.tenantId, t.agentId, t.id)],
);
