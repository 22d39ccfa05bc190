import type { ChannelSpec, InstrumentSpec, Manifest } from '@fieldbook/shared';
import type { DecimatedSeries } from './decimate';

/**
 * The telemetry storage interface: the registry of instruments and channels
 * (from agent manifests), per-stream delivery positions, columnar sample
 * chunks, range queries with min/max decimation, status and retention.
 * Every call is scoped by tenant.
 */

/** Whether an instrument's agent is connected and heartbeating (STALE: connected but silent for a while). */
export type InstrumentConnection = 'ONLINE' | 'STALE' | 'OFFLINE';
/** Whether a channel's data is current (its instrument online) or stale. */
export type ChannelFreshness = 'LIVE' | 'STALE';

export interface InstrumentRecord {
  id: string;
  tenantId: string;
  workspaceId: string | null;
  agentId: string;
  key: string;
  name: string;
  model: string | null;
  connection: InstrumentConnection;
  state: string | null;
  alarms: unknown[];
  lastSeenAt: number | null;
  spec: InstrumentSpec;
}

export interface ChannelRecord {
  id: string;
  tenantId: string;
  workspaceId: string | null;
  agentId: string;
  instrumentKey: string;
  key: string;
  dataType: ChannelSpec['dataType'];
  unit: string;
  freshness: ChannelFreshness;
  /** Time of the newest stored sample, epoch ms. */
  lastT: number | null;
  spec: ChannelSpec;
}

/**
 * One validated batch in sample order: sample i has channel `channelKeys[channel[i]]`,
 * time `times[i]`, numeric value `values[i]` (booleans as 0/1) and quality code
 * `qualities[i]`; an enum channel's text value is in `labels` by sample index.
 */
export interface IngestBatch {
  tenantId: string;
  agentId: string;
  stream: string;
  firstSeq: number;
  overflow: number;
  channelKeys: string[];
  channel: Uint32Array;
  times: Float64Array;
  values: Float64Array;
  qualities: Uint8Array;
  labels: Map<number, string> | null;
}

/** What became of a batch. */
export interface IngestResult {
  /** Every seq of the stream up to here is stored. */
  storedSeq: number;
  /** Samples newly stored by this call. */
  stored: number;
  /** Samples already stored before (resent) and skipped. */
  duplicates: number;
  /** Seqs the agent never sent (lost before they reached the server), if this batch skipped ahead. */
  gap: { fromSeq: number; toSeq: number } | null;
}

/** A recorded hole in a stream's sequence. */
export interface GapRecord {
  agentId: string;
  stream: string;
  fromSeq: number;
  toSeq: number;
  /** The agent's overflow count reported with the batch after the gap. */
  reportedOverflow: number;
  detectedAt: number;
}

export interface StreamPosition {
  stream: string;
  storedSeq: number;
  overflow: number;
}

export interface RangeQuery {
  from: number;
  to: number;
  maxPoints: number;
}

export interface InstrumentStatus {
  state: string;
  alarms: unknown[];
}

export interface TelemetryStore {
  /** Records the manifest's instruments and channels for an agent; returns its channels by key. */
  registerManifest(
    tenantId: string,
    workspaceId: string | null,
    agentId: string,
    manifest: Manifest,
  ): Promise<Map<string, ChannelRecord>>;
  /** Last stored seq of every stream of an agent (the resume points). */
  streamPositions(tenantId: string, agentId: string): Promise<StreamPosition[]>;
  /**
   * Stores a batch durably before returning, dropping seqs already stored.
   * A stream's seqs start at 1; a batch starting past the next expected seq
   * is stored and the hole is recorded as a gap.
   */
  ingest(batch: IngestBatch): Promise<IngestResult>;
  /** Marks an agent's instruments online or offline (offline makes their channels STALE). */
  setConnection(
    tenantId: string,
    agentId: string,
    connection: InstrumentConnection,
    at: number,
  ): Promise<void>;
  /** Records an instrument's reported state and active alarms; false if it is not in the agent's manifest. */
  setStatus(
    tenantId: string,
    agentId: string,
    instrumentKey: string,
    status: InstrumentStatus,
    at: number,
  ): Promise<boolean>;
  listInstruments(tenantId: string): Promise<InstrumentRecord[]>;
  listChannels(tenantId: string): Promise<ChannelRecord[]>;
  listGaps(tenantId: string, agentId?: string): Promise<GapRecord[]>;
  /** Min/max buckets of a channel's samples over a range; RESOURCE_NOT_FOUND for another tenant's channel. */
  querySamples(tenantId: string, channelId: string, range: RangeQuery): Promise<DecimatedSeries>;
  /** Deletes stored chunks whose newest sample is older than `before`; returns samples removed. */
  purgeBefore(before: number): Promise<number>;
  /** Seals every open chunk into storage now. */
  flush(): Promise<void>;
  close(): Promise<void>;
}
