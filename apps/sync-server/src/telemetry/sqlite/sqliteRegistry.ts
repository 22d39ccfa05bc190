import type Database from 'better-sqlite3';
import { FieldbookError, newId, type Manifest } from '@fieldbook/shared';
import type {
  ChannelRecord,
  GapRecord,
  InstrumentConnection,
  InstrumentRecord,
  InstrumentStatus,
  StreamPosition,
} from '../telemetryStore';

/** A channel as the ingest path needs it. */
export interface ChannelEntry {
  record: ChannelRecord;
  f32: boolean;
  /** Enum text → code; codes are indexes in the stored label list. */
  labels: Map<string, number>;
}

interface ChannelRow {
  tenant_id: string;
  agent_id: string;
  channel_key: string;
  id: string;
  workspace_id: string | null;
  instrument_key: string;
  data_type: ChannelRecord['dataType'];
  unit: string;
  freshness: ChannelRecord['freshness'];
  last_t: number | null;
  enum_labels: string;
  spec: string;
}

interface InstrumentRow {
  tenant_id: string;
  agent_id: string;
  instrument_key: string;
  id: string;
  workspace_id: string | null;
  name: string;
  model: string | null;
  connection: InstrumentConnection;
  state: string | null;
  alarms: string;
  last_seen_at: number | null;
  spec: string;
}

const channelRecord = (r: ChannelRow): ChannelRecord => ({
  id: r.id,
  tenantId: r.tenant_id,
  workspaceId: r.workspace_id,
  agentId: r.agent_id,
  instrumentKey: r.instrument_key,
  key: r.channel_key,
  dataType: r.data_type,
  unit: r.unit,
  freshness: r.freshness,
  lastT: r.last_t,
  spec: JSON.parse(r.spec) as ChannelRecord['spec'],
});

/** Instruments, channels, stream positions and gaps in SQLite, with channels cached for ingest. */
export class SqliteRegistry {
  private readonly channels = new Map<string, ChannelEntry>();
  private readonly s;

  constructor(private readonly db: Database.Database) {
    const q = (text: string) => db.prepare(text);
    this.s = {
      upsertInstrument: q(`insert into telemetry_instruments
        (tenant_id, agent_id, instrument_key, id, workspace_id, name, model, spec)
        values (@tenant, @agent, @key, @id, @ws, @name, @model, @spec)
        on conflict (tenant_id, agent_id, instrument_key) do update set
          name = excluded.name, model = excluded.model, spec = excluded.spec,
          workspace_id = excluded.workspace_id`),
      upsertChannel: q(`insert into telemetry_channels
        (tenant_id, agent_id, channel_key, id, workspace_id, instrument_key, data_type, unit, spec)
        values (@tenant, @agent, @key, @id, @ws, @instrument, @dataType, @unit, @spec)
        on conflict (tenant_id, agent_id, channel_key) do update set
          instrument_key = excluded.instrument_key, data_type = excluded.data_type,
          unit = excluded.unit, spec = excluded.spec, workspace_id = excluded.workspace_id`),
      channelsOfAgent: q(`select * from telemetry_channels where tenant_id = ? and agent_id = ?`),
      channelById: q(`select * from telemetry_channels where tenant_id = ? and id = ?`),
      allChannels: q(
        `select * from telemetry_channels where tenant_id = ? order by agent_id, channel_key`,
      ),
      allInstruments: q(
        `select * from telemetry_instruments where tenant_id = ? order by agent_id, instrument_key`,
      ),
      setConnection: q(`update telemetry_instruments set connection = ?, last_seen_at = ?
        where tenant_id = ? and agent_id = ?`),
      setFreshness: q(
        `update telemetry_channels set freshness = ? where tenant_id = ? and agent_id = ?`,
      ),
      setStatus: q(`update telemetry_instruments set state = ?, alarms = ?, last_seen_at = ?
        where tenant_id = ? and agent_id = ? and instrument_key = ?`),
      saveLabels: q(`update telemetry_channels set enum_labels = ? where tenant_id = ? and id = ?`),
      positions: q(`select stream, stored_seq as storedSeq, overflow from telemetry_streams
        where tenant_id = ? and agent_id = ? order by stream`),
      position: q(
        `select stored_seq from telemetry_streams where tenant_id = ? and agent_id = ? and stream = ?`,
      ).pluck(),
      savePosition:
        q(`insert into telemetry_streams (tenant_id, agent_id, stream, stored_seq, overflow, updated_at)
        values (?, ?, ?, ?, ?, ?) on conflict (tenant_id, agent_id, stream) do update set
        stored_seq = excluded.stored_seq, overflow = excluded.overflow, updated_at = excluded.updated_at`),
      addGap:
        q(`insert into telemetry_gaps (tenant_id, agent_id, stream, from_seq, to_seq, reported_overflow, detected_at)
        values (?, ?, ?, ?, ?, ?, ?)`),
      gaps: q(`select agent_id as agentId, stream, from_seq as fromSeq, to_seq as toSeq,
        reported_overflow as reportedOverflow, detected_at as detectedAt from telemetry_gaps
        where tenant_id = ? and (? is null or agent_id = ?) order by id`),
    };
  }

  /** Upserts the manifest's instruments and channels in one transaction; returns the agent's channels. */
  register(tenantId: string, workspaceId: string | null, agentId: string, manifest: Manifest) {
    const seen = new Set<string>();
    for (const c of manifest.instruments.flatMap((i) => i.channels)) {
      if (seen.has(c.id))
        throw new FieldbookError(
          'VALIDATION_ERROR',
          `Channel id "${c.id}" appears twice in the manifest`,
        );
      seen.add(c.id);
    }
    this.db.transaction(() => {
      for (const inst of manifest.instruments) {
        this.s.upsertInstrument.run({
          tenant: tenantId,
          agent: agentId,
          key: inst.id,
          id: newId(),
          ws: workspaceId,
          name: inst.name,
          model: inst.model ?? null,
          spec: JSON.stringify(inst),
        });
        for (const c of inst.channels)
          this.s.upsertChannel.run({
            tenant: tenantId,
            agent: agentId,
            key: c.id,
            id: newId(),
            ws: workspaceId,
            instrument: inst.id,
            dataType: c.dataType,
            unit: c.unit,
            spec: JSON.stringify(c),
          });
      }
    })();
    const out = new Map<string, ChannelRecord>();
    for (const row of this.s.channelsOfAgent.all(tenantId, agentId) as ChannelRow[]) {
      const key = `${tenantId}\u0000${agentId}\u0000${row.channel_key}`;
      const cached = this.channels.get(key);
      const labels = JSON.parse(row.enum_labels) as string[];
      const entry: ChannelEntry = {
        record: { ...channelRecord(row), lastT: cached?.record.lastT ?? row.last_t },
        f32: row.data_type === 'f32',
        labels: new Map(labels.map((l, i) => [l, i])),
      };
      this.channels.set(key, entry);
      out.set(row.channel_key, entry.record);
    }
    return out;
  }

  /** The cached channel of an agent, or undefined when its manifest did not declare it. */
  channel(tenantId: string, agentId: string, key: string): ChannelEntry | undefined {
    return this.channels.get(`${tenantId}\u0000${agentId}\u0000${key}`);
  }

  /** A channel by id within a tenant (never another tenant's). */
  channelById(tenantId: string, id: string): (ChannelRecord & { maxSpan: number }) | undefined {
    const row = this.s.channelById.get(tenantId, id) as
      (ChannelRow & { max_span: number }) | undefined;
    return row && { ...channelRecord(row), maxSpan: row.max_span };
  }

  /** The code of an enum label, adding it to the channel's list when new (inside the caller's transaction). */
  labelCode(entry: ChannelEntry, label: string): number {
    let code = entry.labels.get(label);
    if (code === undefined) {
      code = entry.labels.size;
      entry.labels.set(label, code);
      this.s.saveLabels.run(
        JSON.stringify([...entry.labels.keys()]),
        entry.record.tenantId,
        entry.record.id,
      );
    }
    return code;
  }

  storedSeq(tenantId: string, agentId: string, stream: string): number | null {
    return (this.s.position.get(tenantId, agentId, stream) as number | undefined) ?? null;
  }

  savePosition(
    tenantId: string,
    agentId: string,
    stream: string,
    seq: number,
    overflow: number,
    at: number,
  ) {
    this.s.savePosition.run(tenantId, agentId, stream, seq, overflow, at);
  }

  addGap(tenantId: string, gap: GapRecord): void {
    this.s.addGap.run(
      tenantId,
      gap.agentId,
      gap.stream,
      gap.fromSeq,
      gap.toSeq,
      gap.reportedOverflow,
      gap.detectedAt,
    );
  }

  positions(tenantId: string, agentId: string): StreamPosition[] {
    return this.s.positions.all(tenantId, agentId) as StreamPosition[];
  }

  gaps(tenantId: string, agentId?: string): GapRecord[] {
    const a = agentId ?? null;
    return this.s.gaps.all(tenantId, a, a) as GapRecord[];
  }

  setConnection(tenantId: string, agentId: string, connection: InstrumentConnection, at: number) {
    this.db.transaction(() => {
      this.s.setConnection.run(connection, at, tenantId, agentId);
      this.s.setFreshness.run(connection === 'ONLINE' ? 'LIVE' : 'STALE', tenantId, agentId);
    })();
    for (const entry of this.channels.values())
      if (entry.record.tenantId === tenantId && entry.record.agentId === agentId)
        entry.record.freshness = connection === 'ONLINE' ? 'LIVE' : 'STALE';
  }

  setStatus(tenantId: string, agentId: string, key: string, status: InstrumentStatus, at: number) {
    const r = this.s.setStatus.run(
      status.state,
      JSON.stringify(status.alarms),
      at,
      tenantId,
      agentId,
      key,
    );
    return r.changes > 0;
  }

  instruments(tenantId: string): InstrumentRecord[] {
    return (this.s.allInstruments.all(tenantId) as InstrumentRow[]).map((r) => ({
      id: r.id,
      tenantId: r.tenant_id,
      workspaceId: r.workspace_id,
      agentId: r.agent_id,
      key: r.instrument_key,
      name: r.name,
      model: r.model,
      connection: r.connection,
      state: r.state,
      alarms: JSON.parse(r.alarms) as unknown[],
      lastSeenAt: r.last_seen_at,
      spec: JSON.parse(r.spec) as InstrumentRecord['spec'],
    }));
  }

  /** Every channel of a tenant, with the newest sample time held in memory when newer. */
  listChannels(tenantId: string): ChannelRecord[] {
    return (this.s.allChannels.all(tenantId) as ChannelRow[]).map((row) => {
      const cached = this.channel(tenantId, row.agent_id, row.channel_key);
      return cached ? { ...cached.record } : channelRecord(row);
    });
  }
}
