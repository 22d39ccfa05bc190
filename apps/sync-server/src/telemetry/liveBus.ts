/**
 * In-process fan-out of freshly stored samples and status changes to live
 * viewers. Publishers call after their data is durable, so a viewer never sees
 * a sample that a crash could take back. A failing listener is isolated.
 */

/** Samples of one channel just stored. */
export interface LiveSamples {
  tenantId: string;
  channelId: string;
  times: Float64Array;
  values: Float64Array;
}

/** A change of an instrument's connection, state or alarms, or of a stream (a gap). */
export interface LiveStatus {
  tenantId: string;
  kind: 'connection' | 'status' | 'gap';
  agentId: string;
  instrumentKey?: string;
  detail: Record<string, unknown>;
}

type Listener<T> = (event: T) => void;

/** Carries status changes to and from the other nodes (REDIS_URL; see cluster/tenantRelay). */
export interface StatusRelay {
  /** Delivers the other nodes' status changes of a tenant until the returned function is called. */
  watch(tenantId: string, deliver: Listener<LiveStatus>): () => void;
  /** Sends a status change this node stored to the nodes that watch its tenant. */
  publish(tenantId: string, event: LiveStatus): void;
}

/** Carries samples to and from the other nodes (REDIS_URL; see cluster/liveRelay). */
export interface SampleRelay {
  /** Delivers the other nodes' samples of a channel until the returned function is called. */
  watch(tenantId: string, channelId: string, deliver: Listener<LiveSamples>): () => void;
  /** True when a viewer on another node may watch the channel. */
  watched(tenantId: string, channelId: string): boolean;
  /** Sends samples this node stored to the nodes that watch their channel. */
  publish(event: LiveSamples): void;
}

/** Subscriptions by tenant and channel. */
export class LiveBus {
  private readonly samples = new Map<string, Set<Listener<LiveSamples>>>();
  private readonly status = new Map<string, Set<Listener<LiveStatus>>>();
  private relay: SampleRelay | null = null;
  private readonly relayed = new Map<string, () => void>();
  private statusRelay: StatusRelay | null = null;
  private readonly statusRelayed = new Map<string, () => void>();

  constructor(private readonly onListenerError: (error: unknown) => void = () => {}) {}

  /** Calls `listener` with every batch of a channel's samples stored from now on. */
  subscribeSamples(tenantId: string, channelId: string, listener: Listener<LiveSamples>) {
    const key = `${tenantId}\u0000${channelId}`;
    const relay = this.relay;
    if (relay && !this.samples.has(key)) {
      this.relayed.set(
        key,
        relay.watch(tenantId, channelId, (event) => this.emit(this.samples.get(key), event)),
      );
    }
    const stop = this.add(this.samples, key, listener);
    if (!relay) return stop;
    return () => {
      stop();
      if (this.samples.has(key)) return;
      this.relayed.get(key)?.();
      this.relayed.delete(key);
    };
  }

  /** Shares samples with the other nodes from now on (call before anyone subscribes). */
  share(relay: SampleRelay): void {
    this.relay = relay;
  }

  /**
   * Shares status changes with the other nodes from now on (call before
   * anyone subscribes): an agent is connected to one node, its instrument's
   * viewers may be on any.
   */
  shareStatus(relay: StatusRelay): void {
    this.statusRelay = relay;
  }

  /** Calls `listener` with every status event of a tenant, this node's and, when shared, the others'. */
  subscribeStatus(tenantId: string, listener: Listener<LiveStatus>) {
    const relay = this.statusRelay;
    if (relay && !this.status.has(tenantId)) {
      this.statusRelayed.set(
        tenantId,
        relay.watch(tenantId, (event) => this.emit(this.status.get(tenantId), event)),
      );
    }
    const stop = this.add(this.status, tenantId, listener);
    if (!relay) return stop;
    return () => {
      stop();
      if (this.status.has(tenantId)) return;
      this.statusRelayed.get(tenantId)?.();
      this.statusRelayed.delete(tenantId);
    };
  }

  /** True when someone watches this channel (publishers skip the copy otherwise). */
  watches(tenantId: string, channelId: string): boolean {
    return (
      this.samples.has(`${tenantId}\u0000${channelId}`) ||
      (this.relay?.watched(tenantId, channelId) ?? false)
    );
  }

  /** Delivers samples just stored to this node's viewers and, when shared, the other nodes'. */
  publishSamples(event: LiveSamples): void {
    this.emit(this.samples.get(`${event.tenantId}\u0000${event.channelId}`), event);
    this.relay?.publish(event);
  }

  /** Delivers a status change just stored to this node's listeners and, when shared, the other nodes'. */
  publishStatus(event: LiveStatus): void {
    this.emit(this.status.get(event.tenantId), event);
    this.statusRelay?.publish(event.tenantId, event);
  }

  private add<T>(map: Map<string, Set<Listener<T>>>, key: string, listener: Listener<T>) {
    let set = map.get(key);
    if (!set) map.set(key, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) map.delete(key);
    };
  }

  private emit<T>(set: Set<Listener<T>> | undefined, event: T): void {
    if (!set) return;
    for (const listener of [...set]) {
      try {
        listener(event);
      } catch (error) {
        this.onListenerError(error);
      }
    }
  }
}
