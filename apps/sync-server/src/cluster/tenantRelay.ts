/**
 * Per-tenant events across nodes (instrument status, command and run
 * changes): a node publishes each event on a Redis pub/sub channel of its
 * tenant, which a node subscribes to only while one of its viewers follows
 * that tenant.
 *
 * Pub/sub, not streams: these events tell viewers about changes already
 * stored (instruments, commands, runs), and the instruments board reloads
 * its list over REST whenever its live feed reconnects, so nothing is
 * replayed: an event missed during a Redis blip shows at that reload (a
 * feed that stayed connected through the blip catches up at its next one). They are rare next to samples, so they go
 * as JSON and are published whether anyone listens or not.
 */
import type { Logger } from '../log';
import { KEY_PREFIX, type RedisLink } from './redisLink';

/** Carries one kind of per-tenant event to and from the other nodes. */
export interface TenantRelay<T> {
  /** Delivers the other nodes' events of `tenantId` until the returned function is called. */
  watch(tenantId: string, deliver: (event: T) => void): () => void;
  /** Sends an event of `tenantId` that this node produced to the nodes that watch it. */
  publish(tenantId: string, event: T): void;
}

/** A relay of `kind` events (one channel per tenant and kind) through `redis`. */
export function redisTenantRelay<T>(redis: RedisLink, log: Logger, kind: string): TenantRelay<T> {
  const channelOf = (tenantId: string) => `${KEY_PREFIX}${kind}:${tenantId}`;
  const deliveries = new Map<string, (event: T) => void>();
  redis.subscriber.on('messageBuffer', (channel: Buffer, message: Buffer) => {
    const deliver = deliveries.get(channel.toString());
    if (!deliver || message.length <= 16 || message.subarray(0, 16).equals(redis.nodeId)) return;
    try {
      deliver(JSON.parse(message.toString('utf8', 16)) as T);
    } catch (err) {
      log.warn({ err, kind }, 'relayed tenant event could not be delivered');
    }
  });
  return {
    watch(tenantId, deliver) {
      const channel = channelOf(tenantId);
      deliveries.set(channel, deliver);
      redis.subscriber.subscribe(channel).catch((err: unknown) => {
        log.warn({ err, channel }, 'redis subscribe failed');
      });
      return () => {
        if (deliveries.get(channel) !== deliver) return;
        deliveries.delete(channel);
        redis.subscriber.unsubscribe(channel).catch(() => undefined);
      };
    },
    publish(tenantId, event) {
      if (!redis.ready()) return;
      const message = Buffer.concat([redis.nodeId, Buffer.from(JSON.stringify(event))]);
      redis.command
        .publish(channelOf(tenantId), message)
        .catch((err: unknown) => log.warn({ err, kind }, 'redis publish of a tenant event failed'));
    },
  };
}
