import { and, asc, eq, sql } from 'drizzle-orm';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import { FieldbookError, newId, type Manifest } from '@fieldbook/shared';
import type { ChannelLookup } from '../groupByChannel';
import type { ChannelEntry } from '../sqlite/sqliteRegistry';
import type {
  ChannelRecord,
  IngestBatch,
  InstrumentConnection,
  InstrumentRecord,
  InstrumentStatus,
} from '../telemetryStore';
import { telemetryChannels as channels, telemetryInstruments as instruments } from './schema';

/** The pool's drizzle handle or a transaction of it. */
export type Db = NodePgDatabase | Parameters<Parameters<NodePgDatabase['transaction']>[0]>[0];

type ChannelRow = typeof channels.$inferSelect;

const channelRecord = (r: ChannelRow): ChannelRecord => ({
  id: r.id,
  tenantId: r.tenantId,
  workspaceId: r.workspaceId,
  agentId: r.agentId,
  instrumentKey: r.instrumentKey,
  key: r.channelKey,
  dataType: r.dataType as ChannelRecord['dataType'],
  unit: r.unit,
  freshness: r.freshness as ChannelRecord['freshness'],
  lastT: r.lastT,
  spec: r.spec as ChannelRecord['spec'],
});

const entryOf = (r: ChannelRow): ChannelEntry => ({
  record: channelRecord(r),
  f32: r.dataType === 'f32',
  labels: new Map(r.enumLabels.map((l, i) => [l, i])),
});

/**
 * Instruments and channels in PostgreSQL. Channel
 * records live in the database (every node sees the same); the ingest path
 * caches each agent's channels and enum codes, and adds new enum labels under
 * the channel's row lock so two nodes never give one label two codes.
 */
export class PgRegistry implements ChannelLookup {
  private readonly cache = new Map<string, ChannelEntry>();

  constructor(private readonly db: NodePgDatabase) {}

  /** Upserts the manifest's instruments and channels in one transaction; returns the agent's channels. */
  async register(tenantId: string, workspaceId: string | null, agentId: string, m: Manifest) {
    const seen = new Set<string>();
    for (const c of m.instruments.flatMap((i) => i.channels)) {
      if (seen.has(c.id))
        throw new FieldbookError(
          'VALIDATION_ERROR',
          `Channel id "${c.id}" appears twice in the manifest`,
        );
      seen.add(c.id);
    }
    await this.db.transaction(async (tx) => {
      for (const inst of m.instruments) {
        const set = { name: inst.name, model: inst.model ?? null, spec: inst, workspaceId };
        await tx
          .insert(instruments)
          .values({ tenantId, agentId, instrumentKey: inst.id, id: newId(), ...set })
          .onConflictDoUpdate({
            target: [instruments.tenantId, instruments.agentId, instruments.instrumentKey],
            set,
          });
        for (const c of inst.channels) {
          const cols = {
            instrumentKey: inst.id,
            dataType: c.dataType,
            unit: c.unit,
            spec: c,
            workspaceId,
          };
          await tx
            .insert(channels)
            .values({ tenantId, agentId, channelKey: c.id, id: newId(), ...cols })
            .onConflictDoUpdate({
              target: [channels.tenantId, channels.agentId, channels.channelKey],
              set: cols,
            });
        }
      }
    });
    const out = new Map<string, ChannelRecord>();
    for (const entry of await this.loadAgent(this.db, tenantId, agentId))
      out.set(entry.record.key, entry.record);
    return out;
  }

  /** Reads an agent's channels into the ingest cache. */
  async loadAgent(db: Db, tenantId: string, agentId: string): Promise<ChannelEntry[]> {
    const rows = await db
      .select()
      .from(channels)
      .where(and(eq(channels.tenantId, tenantId), eq(channels.agentId, agentId)));
    return rows.map((row) => {
      const entry = entryOf(row);
      this.cache.set(`${tenantId}\u0000${agentId}\u0000${row.channelKey}`, entry);
      return entry;
    });
  }

  /** Drops an agent's cached channels (after a failed ingest, whose label codes may not have been kept). */
  forget(tenantId: string, agentId: string): void {
    const prefix = `${tenantId}\u0000${agentId}\u0000`;
    for (const key of this.cache.keys()) if (key.startsWith(prefix)) this.cache.delete(key);
  }

  /** The cached channel of an agent, or undefined when its manifest did not declare it. */
  channel(tenantId: string, agentId: string, key: string): ChannelEntry | undefined {
    return this.cache.get(`${tenantId}\u0000${agentId}\u0000${key}`);
  }

  /** The code of an enum label made known by `addLabels` in this transaction. */
  labelCode(entry: ChannelEntry, label: string): number {
    const code = entry.labels.get(label);
    if (code === undefined) throw new Error(`enum label "${label}" was not added before grouping`);
    return code;
  }

  /** Adds the batch's new enum labels (from sample `skip` on) to their channels, under each channel's row lock. */
  async addLabels(tx: Db, batch: IngestBatch, skip: number): Promise<void> {
    if (!batch.labels) return;
    const fresh = new Map<ChannelEntry, Set<string>>();
    for (const [i, label] of batch.labels) {
      if (i < skip) continue;
      const entry = this.channel(
        batch.tenantId,
        batch.agentId,
        batch.channelKeys[batch.channel[i]!]!,
      );
      if (!entry || entry.labels.has(label)) continue;
      fresh.set(entry, (fresh.get(entry) ?? new Set()).add(label));
    }
    for (const [entry, labels] of fresh) {
      const where = and(
        eq(channels.tenantId, entry.record.tenantId),
        eq(channels.id, entry.record.id),
      );
      const [row] = await tx
        .select({ labels: channels.enumLabels })
        .from(channels)
        .where(where)
        .for('update');
      const list = [...row!.labels];
      for (const l of labels) if (!list.includes(l)) list.push(l);
      await tx.update(channels).set({ enumLabels: list }).where(where);
      entry.labels = new Map(list.map((l, i) => [l, i]));
    }
  }

  /** A channel by id within a tenant (never another tenant's). */
  async channelById(tenantId: string, id: string) {
    const [row] = await this.db
      .select()
      .from(channels)
      .where(and(eq(channels.tenantId, tenantId), eq(channels.id, id)));
    return row && { ...channelRecord(row), maxSpan: row.maxSpan };
  }

  async setConnection(
    tenantId: string,
    agentId: string,
    connection: InstrumentConnection,
    at: number,
  ) {
    const freshness = connection === 'ONLINE' ? 'LIVE' : 'STALE';
    await this.db.transaction(async (tx) => {
      await tx
        .update(instruments)
        .set({ connection, lastSeenAt: at })
        .where(and(eq(instruments.tenantId, tenantId), eq(instruments.agentId, agentId)));
      await tx
        .update(channels)
        .set({ freshness })
        .where(and(eq(channels.tenantId, tenantId), eq(channels.agentId, agentId)));
    });
    for (const entry of this.cache.values())
      if (entry.record.tenantId === tenantId && entry.record.agentId === agentId)
        entry.record.freshness = freshness;
  }

  async setStatus(
    tenantId: string,
    agentId: string,
    key: string,
    status: InstrumentStatus,
    at: number,
  ) {
    const changed = await this.db
      .update(instruments)
      .set({ state: status.state, alarms: status.alarms, lastSeenAt: at })
      .where(
        and(
          eq(instruments.tenantId, tenantId),
          eq(instruments.agentId, agentId),
          eq(instruments.instrumentKey, key),
        ),
      )
      .returning({ id: instruments.id });
    return changed.length > 0;
  }

  async instruments(tenantId: string): Promise<InstrumentRecord[]> {
    const rows = await this.db
      .select()
      .from(instruments)
      .where(eq(instruments.tenantId, tenantId))
      .orderBy(asc(instruments.agentId), asc(instruments.instrumentKey));
    return rows.map((r) => ({
      id: r.id,
      tenantId: r.tenantId,
      workspaceId: r.workspaceId,
      agentId: r.agentId,
      key: r.instrumentKey,
      name: r.name,
      model: r.model,
      connection: r.connection as InstrumentConnection,
      state: r.state,
      alarms: r.alarms as unknown[],
      lastSeenAt: r.lastSeenAt,
      spec: r.spec as InstrumentRecord['spec'],
    }));
  }

  /** Every channel of a tenant, as stored (last sample time included: ingest keeps it current). */
  async listChannels(tenantId: string): Promise<ChannelRecord[]> {
    const rows = await this.db
      .select()
      .from(channels)
      .where(eq(channels.tenantId, tenantId))
      .orderBy(asc(channels.agentId), asc(channels.channelKey));
    return rows.map(channelRecord);
  }

  /** Counts samples newly pending on a channel and moves its last sample time; returns the pending count (locks the row). */
  async addPending(tx: Db, entry: ChannelEntry, count: number, newest: number): Promise<number> {
    const [row] = await tx
      .update(channels)
      .set({
        pendingCount: sql`${channels.pendingCount} + ${count}`,
        lastT: sql`greatest(coalesce(${channels.lastT}, ${newest}), ${newest})`,
      })
      .where(and(eq(channels.tenantId, entry.record.tenantId), eq(channels.id, entry.record.id)))
      .returning({ pending: channels.pendingCount });
    return row!.pending;
  }
}
