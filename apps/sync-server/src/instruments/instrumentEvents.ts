import type { LiveServerMessage } from '@fieldbook/shared';

/** A live-feed message about an instrument, its commands or runs, and the workspace it belongs to. */
export interface InstrumentEvent {
  tenantId: string;
  /** Null: a tenant-wide instrument (its viewers are every workspace's). */
  workspaceId: string | null;
  message: Extract<LiveServerMessage, { type: 'instrument' | 'command' | 'run' }>;
}

type Listener = (event: InstrumentEvent) => void;

/** Carries instrument events to and from the other nodes (REDIS_URL; see cluster/tenantRelay). */
export interface InstrumentEventRelay {
  /** Delivers the other nodes' events of a tenant until the returned function is called. */
  watch(tenantId: string, deliver: Listener): () => void;
  /** Sends an event this node produced to the nodes that watch its tenant. */
  publish(tenantId: string, event: InstrumentEvent): void;
}

/**
 * Fan-out of instrument status, command and run changes to live viewers,
 * per tenant: in-process, and through a relay to the other nodes' viewers
 * once `share`d. Publishers call after the change is stored. A failing
 * listener is isolated from the others and from the publisher.
 */
export class InstrumentEvents {
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly following = new Map<string, () => void>();
  private relay: InstrumentEventRelay | null = null;

  /**
   * `follow(tenantId)` starts feeding a tenant's events from elsewhere (the
   * telemetry bus's status changes) while anyone listens; it returns how to stop.
   */
  constructor(
    private readonly options: {
      onListenerError?: (error: unknown) => void;
      follow?: (tenantId: string) => () => void;
    } = {},
  ) {}

  /** Calls `listener` with every event of `tenantId` from now on; returns the unsubscribe function. */
  subscribe(tenantId: string, listener: Listener): () => void {
    let set = this.listeners.get(tenantId);
    if (!set) {
      this.listeners.set(tenantId, (set = new Set()));
      const stops = [this.options.follow?.(tenantId), this.relay?.watch(tenantId, this.deliver)];
      this.following.set(tenantId, () => stops.forEach((stop) => stop?.()));
    }
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size > 0 || this.listeners.get(tenantId) !== set) return;
      this.listeners.delete(tenantId);
      this.following.get(tenantId)?.();
      this.following.delete(tenantId);
    };
  }

  /** Shares events with the other nodes from now on (call before anyone subscribes). */
  share(relay: InstrumentEventRelay): void {
    this.relay = relay;
  }

  /** Delivers a stored change to this node's viewers and, when shared, the other nodes'. */
  publish(event: InstrumentEvent): void {
    this.deliver(event);
    this.relay?.publish(event.tenantId, event);
  }

  /**
   * Delivers to this node's viewers only: for events every node derives
   * itself (status changes, which reach each following node through the bus).
   */
  readonly deliver = (event: InstrumentEvent): void => {
    for (const listener of [...(this.listeners.get(event.tenantId) ?? [])]) {
      try {
        listener(event);
      } catch (error) {
        this.options.onListenerError?.(error);
      }
    }
  };
}
