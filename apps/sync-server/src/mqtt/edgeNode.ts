import {
  AGENT_PROTOCOL_VERSION,
  AgentMessageSchema,
  newId,
  type ChannelSpec,
} from '@fieldbook/shared';
import type { AgentPrincipal } from '../agents/agentAuth';
import type { AgentMetrics } from '../agents/agentMetrics';
import { fromColumns, fromSamples, type DecodedBatch } from '../agents/batchDecoder';
import type { AgentEventMessage, AgentEventSink, AgentSession } from '../instruments/agentLink';
import type { Logger } from '../log';
import type { TelemetryStore } from '../telemetry/telemetryStore';
import { DeviceBirthSchema, DeviceDataSchema, type DeviceData } from './payloads';
import { SeqOrderer } from './seqOrderer';
import { agentIdOf, type SparkplugType } from './sparkplugTopics';

interface Held {
  firstSeq: number;
  count: number;
  columns: DecodedBatch['columns'];
}

/** A device of an edge node: one agent with one instrument in Fieldbook's terms. */
interface Device {
  session: AgentSession;
  channels: Map<string, ChannelSpec>;
  orderer: SeqOrderer<Held>;
  online: boolean;
}

export interface EdgeNodeDeps {
  principal: AgentPrincipal;
  telemetry: TelemetryStore;
  sink: AgentEventSink;
  metrics: AgentMetrics;
  log: Logger;
  reorderWindowMs: number;
  now: () => number;
}

const EVENTS = ['command.ack', 'command.progress', 'command.result', 'run.started', 'run.finished'];

/**
 * One edge node of the bridge. Each of its devices is an agent with one
 * instrument (agent id `mqtt:<group>/<edge>/<device>`, stream and instrument
 * named after the device): DBIRTH registers its manifest and marks it ONLINE,
 * DDEATH marks it OFFLINE, NDEATH all of them; DDATA samples take the
 * WebSocket gateway's path into the telemetry store (deduplicated by seq,
 * holes recorded as gaps) after a short reorder window, and DDATA events go
 * to the instrument services. One edge node's messages are handled strictly
 * in arrival order.
 */
export class EdgeNode {
  private readonly devices = new Map<string, Device>();
  private tail: Promise<unknown> = Promise.resolve();

  constructor(
    readonly group: string,
    readonly edge: string,
    readonly d: EdgeNodeDeps,
  ) {}

  /** The device an agent id names, if it is one of this node's. */
  device(agentId: string): { name: string; online: boolean } | null {
    for (const [name, dev] of this.devices)
      if (dev.session.agentId === agentId) return { name, online: dev.online };
    return null;
  }

  /** Resolves once everything received so far (and released by the reorder window) is handled. */
  async idle(): Promise<void> {
    let seen: Promise<unknown> | null = null;
    while (seen !== this.tail) await (seen = this.tail);
  }

  /**
   * Takes one message of this edge node (parsed JSON), after every earlier
   * one; resolves once it is handled and its samples stored — unless they
   * wait in the reorder window for an earlier message.
   */
  async receive(type: SparkplugType, device: string | undefined, payload: unknown): Promise<void> {
    const handled = this.tail
      .then(() => this.handle(type, device, payload))
      .catch((err: unknown) => {
        this.d.metrics.errors.inc({ code: 'MQTT_MESSAGE' });
        this.d.log.warn(
          { err, group: this.group, edge: this.edge, type, device },
          'MQTT message refused',
        );
      });
    this.tail = handled;
    await handled;
    await this.tail;
  }

  /** Loads the devices this edge node registered before, so a restarted bridge takes DDATA without a rebirth. */
  async restore(): Promise<void> {
    const all = await this.d.telemetry.listInstruments(this.d.principal.tenantId);
    const prefix = `${agentIdOf(this.group, this.edge)}/`;
    for (const i of all)
      if (i.agentId.startsWith(prefix)) await this.register(i.key, i.spec.channels, i.spec);
  }

  private async handle(type: SparkplugType, name: string | undefined, payload: unknown) {
    const tenantId = this.d.principal.tenantId;
    const setOnline = async (dev: Device, online: boolean) => {
      dev.online = online;
      if (!online) dev.orderer.flush();
      const state = online ? 'ONLINE' : 'OFFLINE';
      await this.d.telemetry.setConnection(tenantId, dev.session.agentId, state, this.d.now());
      if (online) await this.d.sink.ready(dev.session);
      else this.d.sink.ended?.(dev.session);
    };
    switch (type) {
      case 'NBIRTH':
        return;
      case 'NDEATH':
        for (const dev of this.devices.values()) await setOnline(dev, false);
        return;
      case 'DBIRTH': {
        const { instrument } = DeviceBirthSchema.parse(payload);
        const dev = await this.register(name!, instrument.channels, { id: name!, ...instrument });
        return setOnline(dev, true);
      }
      case 'DDEATH': {
        const dev = this.devices.get(name!);
        return dev && setOnline(dev, false);
      }
      case 'DDATA':
        return this.data(name!, DeviceDataSchema.parse(payload));
      case 'DCMD':
        return;
    }
  }

  private async register(
    name: string,
    channels: ChannelSpec[],
    spec: Parameters<TelemetryStore['registerManifest']>[3]['instruments'][number],
  ): Promise<Device> {
    const { tenantId, keyId, workspaceId } = this.d.principal;
    const agentId = `${agentIdOf(this.group, this.edge)}/${name}`;
    await this.d.telemetry.registerManifest(tenantId, workspaceId, agentId, {
      instruments: [spec],
    });
    const existing = this.devices.get(name);
    if (existing) {
      existing.channels = new Map(channels.map((c) => [c.id, c]));
      return existing;
    }
    const positions = await this.d.telemetry.streamPositions(tenantId, agentId);
    const stored = positions.find((p) => p.stream === name)?.storedSeq ?? 0;
    const dev: Device = {
      session: { tenantId, agentId, keyId, workspaceId },
      channels: new Map(channels.map((c) => [c.id, c])),
      online: false,
      orderer: new SeqOrderer<Held>({
        windowMs: this.d.reorderWindowMs,
        maxHeld: 1_000,
        expected: stored + 1,
        release: (items) => {
          this.tail = this.tail
            .then(() => this.ingest(dev, name, items))
            .catch((err: unknown) => {
              this.d.metrics.errors.inc({ code: 'MQTT_INGEST' });
              this.d.log.error({ err, agentId: dev.session.agentId }, 'MQTT ingest failed');
            });
        },
      }),
    };
    this.devices.set(name, dev);
    return dev;
  }

  private async data(name: string, m: DeviceData): Promise<void> {
    const dev = this.devices.get(name);
    if (!dev) throw new Error(`DDATA for device "${name}" before its DBIRTH`);
    if (m.seq !== undefined && (m.metrics || m.columns)) {
      const t = m.timestamp ?? this.d.now();
      const columns = m.columns
        ? fromColumns(m.columns, dev.channels)
        : fromSamples(
            m.metrics!.map((x) => ({
              ch: x.name,
              t: x.timestamp ?? t,
              value: x.value,
              quality: x.quality ?? 'good',
            })),
            dev.channels,
          );
      dev.orderer.offer({ firstSeq: m.seq, count: columns.times.length, columns });
    }
    for (const event of m.events ?? []) await this.event(dev.session, event);
  }

  private async ingest(dev: Device, stream: string, items: Held[]): Promise<void> {
    for (const item of items) {
      const r = await this.d.telemetry.ingest({
        tenantId: dev.session.tenantId,
        agentId: dev.session.agentId,
        stream,
        firstSeq: item.firstSeq,
        overflow: 0,
        ...item.columns,
      });
      this.d.metrics.samplesStored.inc(r.stored);
      if (r.duplicates > 0) this.d.metrics.duplicates.inc(r.duplicates);
      if (r.gap) this.d.metrics.gapSamples.inc(r.gap.toSeq - r.gap.fromSeq + 1);
    }
  }

  private async event(session: AgentSession, body: Record<string, unknown>): Promise<void> {
    const parsed = AgentMessageSchema.safeParse({
      ...body,
      v: AGENT_PROTOCOL_VERSION,
      agentId: session.agentId,
      sessionEpoch: 0,
      msgId: newId(),
      sentAt: this.d.now(),
    });
    if (!parsed.success || !EVENTS.includes(parsed.data.type))
      throw new Error(`not a command or run event: ${parsed.error?.issues[0]?.message ?? ''}`);
    const refusal = await this.d.sink.handle(session, parsed.data as AgentEventMessage);
    if (refusal) this.d.log.warn({ agentId: session.agentId, ...refusal }, 'MQTT event refused');
  }
}
