/**
 * The live telemetry feed across nodes: samples a node stored are published
 * on a per-channel Redis pub/sub channel, which a node subscribes to only
 * while one of its viewers watches that channel.
 *
 * Pub/sub, not streams: live samples are a view of data already durable in
 * the telemetry store, and viewers already accept losing the oldest
 * messages when slow (`dropped`), so nothing needs replaying after a blip.
 * A node publishes a channel's batches only while Redis counts subscribers
 * on it (PUBSUB NUMSUB, re-asked at most once a second), so ingest of
 * unwatched channels costs no copy.
 */
import type { LiveSamples, SampleRelay } from '../telemetry/liveBus';
import type { Logger } from '../log';
import { KEY_PREFIX, type RedisLink } from './redisLink';

const NUMSUB_TTL_MS = 1_000;

/** Connects a node's LiveBus to the others through `redis`. */
export function redisSampleRelay(redis: RedisLink, log: Logger): SampleRelay {
  const channelOf = (tenantId: string, channelId: string) =>
    `${KEY_PREFIX}live:${tenantId}:${channelId}`;
  const deliveries = new Map<string, (event: LiveSamples) => void>();
  const counts = new Map<string, { subscribers: number; at: number; asking: boolean }>();

  redis.subscriber.on('messageBuffer', (channel: Buffer, message: Buffer) => {
    const deliver = deliveries.get(channel.toString());
    if (!deliver || message.length < 28 || message.subarray(0, 16).equals(redis.nodeId)) return;
    const [tenantLength, channelLength, n] = [
      message.readUInt16LE(16),
      message.readUInt16LE(18),
      message.readUInt32LE(20),
    ];
    let p = 24;
    const tenantId = message.toString('utf8', p, (p += tenantLength));
    const channelId = message.toString('utf8', p, (p += channelLength));
    // Copied out: Float64Array needs 8-byte alignment the message buffer may not have.
    const floats = new Float64Array(2 * n);
    new Uint8Array(floats.buffer).set(message.subarray(p, p + 16 * n));
    deliver({ tenantId, channelId, times: floats.subarray(0, n), values: floats.subarray(n) });
  });

  const watched = (tenantId: string, channelId: string): boolean => {
    const channel = channelOf(tenantId, channelId);
    let entry = counts.get(channel);
    if (!entry) counts.set(channel, (entry = { subscribers: 0, at: 0, asking: false }));
    if (!entry.asking && Date.now() - entry.at > NUMSUB_TTL_MS && redis.ready()) {
      const asked = entry;
      asked.asking = true;
      redis.command
        .call('PUBSUB', 'NUMSUB', channel)
        .then(
          (answer) => (asked.subscribers = Number((answer as [string, number])[1])),
          (err: unknown) => log.warn({ err }, 'redis PUBSUB NUMSUB failed'),
        )
        .finally(() => {
          asked.asking = false;
          asked.at = Date.now();
        });
    }
    return entry.subscribers > 0;
  };

  return {
    watch(tenantId, channelId, deliver) {
      const channel = channelOf(tenantId, channelId);
      deliveries.set(channel, deliver);
      redis.subscriber.subscribe(channel).catch((err: unknown) => {
        log.warn({ err, channel }, 'redis subscribe failed');
      });
      return () => {
        deliveries.delete(channel);
        redis.subscriber.unsubscribe(channel).catch(() => undefined);
      };
    },
    watched,
    publish(event) {
      if (!redis.ready() || !watched(event.tenantId, event.channelId)) return;
      const tenant = Buffer.from(event.tenantId);
      const channel = Buffer.from(event.channelId);
      const n = event.times.length;
      const message = Buffer.allocUnsafe(24 + tenant.length + channel.length + 16 * n);
      redis.nodeId.copy(message, 0);
      message.writeUInt16LE(tenant.length, 16);
      message.writeUInt16LE(channel.length, 18);
      message.writeUInt32LE(n, 20);
      let p = 24;
      p += tenant.copy(message, p);
      p += channel.copy(message, p);
      message.set(new Uint8Array(event.times.buffer, event.times.byteOffset, 8 * n), p);
      message.set(new Uint8Array(event.values.buffer, event.values.byteOffset, 8 * n), p + 8 * n);
      redis.command
        .publish(channelOf(event.tenantId, event.channelId), message)
        .catch((err: unknown) => log.warn({ err }, 'redis publish of live samples failed'));
    },
  };
}
