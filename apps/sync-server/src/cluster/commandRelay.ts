/**
 * Commands for agents connected to other nodes: a node that holds an agent's
 * session subscribes to that agent's Redis pub/sub channel; a node whose own
 * links cannot reach the agent publishes `command.request` and
 * `command.cancel` there, and the holder sends them down the agent's socket.
 *
 * Pub/sub, not streams: every command is in the ledger (PostgreSQL) before
 * it is sent, and a fresh agent session is sent every released command it
 * has not acknowledged (CommandReports.ready), which the agent dedupes by
 * command id. So a relayed message only makes delivery live; one Redis
 * loses is not lost: Redis drops pub/sub messages only by dropping a
 * subscriber's connection, and when that comes back every agent this node
 * holds is sent its open commands again (`onLoss`); a publish made while the
 * publisher's link is down waits in ioredis's offline queue. A stream would
 * add a second durable log of what the ledger already holds, with trimming
 * and consumer positions to keep, for nothing the ledger does not give.
 *
 * The tenant and agent of a relayed message come from the channel this node
 * subscribed to for a session it authenticated, never from the message.
 */
import type { AgentCommandMessage, CommandRelay } from '../instruments/agentLink';
import type { Logger } from '../log';
import { KEY_PREFIX, type RedisLink } from './redisLink';

/** How long a new session waits for Redis to confirm its subscription before it goes on without. */
const SUBSCRIBE_WAIT_MS = 1_000;

/** A relay of agent commands through `redis`, one channel per agent. */
export function redisCommandRelay(redis: RedisLink, log: Logger): CommandRelay {
  const channelOf = (tenantId: string, agentId: string) =>
    `${KEY_PREFIX}agent:${tenantId}:${agentId}`;
  const deliveries = new Map<string, (message: AgentCommandMessage) => void>();
  redis.subscriber.on('messageBuffer', (channel: Buffer, message: Buffer) => {
    const deliver = deliveries.get(channel.toString());
    if (!deliver || message.length <= 16 || message.subarray(0, 16).equals(redis.nodeId)) return;
    try {
      deliver(JSON.parse(message.toString('utf8', 16)) as AgentCommandMessage);
    } catch (err) {
      log.warn({ err }, 'relayed agent command could not be delivered');
    }
  });
  return {
    async hold(tenantId, agentId, deliver) {
      const channel = channelOf(tenantId, agentId);
      deliveries.set(channel, deliver);
      const subscribed = redis.subscriber.subscribe(channel).then(
        () => true,
        (err: unknown) => {
          log.warn({ err, channel }, 'redis subscribe failed');
          return false;
        },
      );
      // Bounded: with Redis away the subscription waits for its return, and the
      // session must not; its commands come from the ledger then (onLoss).
      let timer: ReturnType<typeof setTimeout> | undefined;
      const late = new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(false), SUBSCRIBE_WAIT_MS);
      });
      await Promise.race([subscribed, late]).finally(() => clearTimeout(timer));
    },
    drop(tenantId, agentId) {
      const channel = channelOf(tenantId, agentId);
      if (!deliveries.delete(channel)) return;
      redis.subscriber.unsubscribe(channel).catch(() => undefined);
    },
    publish(tenantId, agentId, message) {
      const body = Buffer.concat([redis.nodeId, Buffer.from(JSON.stringify(message))]);
      redis.command
        .publish(channelOf(tenantId, agentId), body)
        .catch((err: unknown) => log.warn({ err, agentId }, 'redis publish of a command failed'));
    },
    onLoss: (listener) => redis.onReconnected(listener),
  };
}
