import type Database from 'better-sqlite3';

/**
 * The telemetry tables, created by the store itself until they join the
 * server's drizzle migrations. Chunks carry their time range and value
 * summary in a covering index, so a range query reads blobs only for chunks
 * that straddle a bucket boundary.
 */
const DDL = `
create table if not exists telemetry_instruments (
  tenant_id text not null,
  agent_id text not null,
  instrument_key text not null,
  id text not null,
  workspace_id text,
  name text not null,
  model text,
  connection text not null default 'OFFLINE',
  state text,
  alarms text not null default '[]',
  last_seen_at integer,
  spec text not null,
  primary key (tenant_id, agent_id, instrument_key)
);
create unique index if not exists telemetry_instruments_id on telemetry_instruments (tenant_id, id);

create table if not exists telemetry_channels (
  tenant_id text not null,
  agent_id text not null,
  channel_key text not null,
  id text not null,
  workspace_id text,
  instrument_key text not null,
  data_type text not null,
  unit text not null,
  freshness text not null default 'STALE',
  last_t integer,
  max_span integer not null default 0,
  enum_labels text not null default '[]',
  spec text not null,
  primary key (tenant_id, agent_id, channel_key)
);
create unique index if not exists telemetry_channels_id on telemetry_channels (tenant_id, id);

create table if not exists telemetry_chunks (
  id integer primary key,
  tenant_id text not null,
  channel_id text not null,
  t_min real not null,
  t_max real not null,
  count integer not null,
  min real,
  min_t real,
  max real,
  max_t real,
  blob blob not null
);
create index if not exists telemetry_chunks_range
  on telemetry_chunks (tenant_id, channel_id, t_min, t_max, count, min, min_t, max, max_t);
create index if not exists telemetry_chunks_age on telemetry_chunks (t_max);

create table if not exists telemetry_pending (
  id integer primary key,
  tenant_id text not null,
  channel_id text not null,
  blob blob not null
);
create index if not exists telemetry_pending_channel on telemetry_pending (tenant_id, channel_id, id);

create table if not exists telemetry_streams (
  tenant_id text not null,
  agent_id text not null,
  stream text not null,
  stored_seq integer not null,
  overflow integer not null default 0,
  updated_at integer not null,
  primary key (tenant_id, agent_id, stream)
);

create table if not exists telemetry_gaps (
  id integer primary key,
  tenant_id text not null,
  agent_id text not null,
  stream text not null,
  from_seq integer not null,
  to_seq integer not null,
  reported_overflow integer not null,
  detected_at integer not null
);
create index if not exists telemetry_gaps_agent on telemetry_gaps (tenant_id, agent_id, id);
`;

/** Creates the telemetry tables and indexes if they do not exist. */
export function migrateTelemetry(db: Database.Database): void {
  db.exec(DDL);
}
