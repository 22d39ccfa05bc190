/**
 * Everything one node shares with the others through Redis (REDIS_URL):
 * document fan-out, the identity event stream, live telemetry,
 * instrument events and agent commands, and (through `identity`) rate-limit buckets and
 * single-use sync tickets. Without REDIS_URL none of
 * this exists and every path stays in-process.
 */
import type { IdentityEvents } from '../identity/events';
import type { Logger } from '../log';
import type { CommandRelay } from '../instruments/agentLink';
import { redisCommandRelay } from './commandRelay';
import { DocBus, type DocBusOptions } from './docBus';
import { relayIdentityEvents } from './identityRelay';
import { openRedisLink, type RedisLink } from './redisLink';
import { redisBuckets } from './sharedBuckets';
import { redisSampleRelay } from './liveRelay';
import type { LiveStatus, SampleRelay } from '../telemetry/liveBus';
import type { InstrumentEvent } from '../instruments/instrumentEvents';
import { redisTenantRelay, type TenantRelay } from './tenantRelay';
import { redisTicketVault } from './ticketVault';
import type { SharedBuckets } from '../rateLimit/rateLimiter';
import type { TicketVault } from '../identity/ticketService';

/** The open cluster link of one node. */
export interface Cluster {
  redis: RedisLink;
  docs: DocBus;
  /** Rate-limit buckets and sync tickets every node shares. */
  identityShared: { buckets: SharedBuckets; tickets: TicketVault };
  /** Live telemetry samples to and from the other nodes' viewers. */
  sampleRelay: SampleRelay;
  /** Instrument status changes (connection, state, alarms) to and from the other nodes. */
  statusRelay: TenantRelay<LiveStatus>;
  /** Command and run events to and from the other nodes' live viewers. */
  instrumentRelay: TenantRelay<InstrumentEvent>;
  /** Commands for agents whose session another node holds. */
  commandRelay: CommandRelay;
  /** Relays the node's identity events to and from the other nodes. */
  relayIdentity(events: IdentityEvents): Promise<void>;
  /** Throws when Redis does not answer (for /health). */
  health(): Promise<void>;
  close(): Promise<void>;
}

/** Connects to Redis (RedisUnavailableError when unreachable) and builds the shared pieces. */
export async function openCluster(
  url: string,
  log: Logger,
  options: DocBusOptions = {},
): Promise<Cluster> {
  const redis = await openRedisLink(url, log);
  const docs = new DocBus(redis, log, options);
  const stops: (() => void)[] = [];
  return {
    redis,
    docs,
    sampleRelay: redisSampleRelay(redis, log),
    statusRelay: redisTenantRelay(redis, log, 'status'),
    instrumentRelay: redisTenantRelay(redis, log, 'instruments'),
    commandRelay: redisCommandRelay(redis, log),
    identityShared: { buckets: redisBuckets(redis), tickets: redisTicketVault(redis) },
    async relayIdentity(events) {
      stops.push(await relayIdentityEvents(redis, events, log));
    },
    health: () => redis.health(),
    async close() {
      for (const stop of stops) stop();
      await redis.close();
    },
  };
}
