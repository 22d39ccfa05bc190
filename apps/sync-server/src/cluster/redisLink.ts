/**
 * The Redis connections of one server process, opened only when REDIS_URL is
 * set. Three connections, because a subscribed connection and a blocking
 * stream read cannot run other commands: `command` (PUBLISH, XADD, Lua, SET),
 * `subscriber` (per-document and per-channel pub/sub) and `reader` (XREAD
 * BLOCK on the identity stream).
 */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Logger } from '../log';

/** How long /health waits for Redis to answer PING before it reports Redis down. */
const HEALTH_TIMEOUT_MS = 1_000;
/** Thrown when REDIS_URL cannot be reached at start. */
export class RedisUnavailableError extends Error {
  readonly code = 'REDIS_UNAVAILABLE';
  constructor(url: string, cause: unknown) {
    super(`Redis at ${redactRedisUrl(url)} is unreachable: ${(cause as Error)?.message ?? cause}`, {
      cause,
    });
  }
}

/** The URL without its password, for messages and logs. */
export function redactRedisUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '<invalid REDIS_URL>';
  }
}

/** Key prefix of everything Fieldbook keeps in Redis. */
export const KEY_PREFIX = 'fieldbook:';

/** The open connections and this process's node id. */
export interface RedisLink {
  /** 16 random bytes naming this process in published messages (to skip its own). */
  readonly nodeId: Buffer;
  readonly command: Redis;
  readonly subscriber: Redis;
  readonly reader: Redis;
  /** True while the command connection is up (publishers skip sending when it is not). */
  ready(): boolean;
  /** Calls `listener` each time the subscriber connection is back after a loss. */
  onReconnected(listener: () => void): void;
  /** Throws when Redis does not answer PING (for /health). */
  health(): Promise<void>;
  close(): Promise<void>;
}

/** Opens the three connections and checks Redis answers; throws RedisUnavailableError otherwise. */
export async function openRedisLink(url: string, log: Logger): Promise<RedisLink> {
  const options = {
    lazyConnect: true,
    connectTimeout: 5_000,
    // Reconnect quickly: a node that misses messages resyncs from the database once back.
    retryStrategy: (times: number) => Math.min(50 * times, 1_000),
    maxRetriesPerRequest: null,
  };
  const command = new Redis(url, { ...options, connectionName: 'fieldbook-command' });
  const subscriber = new Redis(url, { ...options, connectionName: 'fieldbook-subscriber' });
  const reader = new Redis(url, { ...options, connectionName: 'fieldbook-reader' });
  const all = [command, subscriber, reader];
  let lost = false;
  const reconnected: (() => void)[] = [];
  for (const client of all) {
    client.on('error', (err: Error) => log.warn({ err: err.message }, 'redis connection error'));
  }
  subscriber.on('close', () => (lost = true));
  subscriber.on('ready', () => {
    if (!lost) return;
    lost = false;
    log.info('redis subscriber reconnected: resynchronising open documents');
    for (const listener of reconnected) listener();
  });
  try {
    // Fail at start, not on the first request: no retries for the first connection.
    await Promise.all(all.map((c) => c.connect()));
    await command.ping();
  } catch (err) {
    for (const c of all) c.disconnect();
    throw new RedisUnavailableError(url, err);
  }
  return {
    nodeId: randomBytes(16),
    command,
    subscriber,
    reader,
    ready: () => command.status === 'ready',
    onReconnected: (listener) => reconnected.push(listener),
    async health() {
      if (command.status !== 'ready') throw new Error(`redis connection is ${command.status}`);
      // Bounded: a PING sent just as Redis went away waits in ioredis's offline queue until it
      // is back (maxRetriesPerRequest: null), which held /health — and its 503 — until then.
      const ping = command.ping();
      ping.catch(() => {});
      let timer: ReturnType<typeof setTimeout> | undefined;
      const late = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`redis did not answer PING within ${HEALTH_TIMEOUT_MS} ms`)),
          HEALTH_TIMEOUT_MS,
        );
      });
      try {
        await Promise.race([ping, late]);
      } finally {
        clearTimeout(timer);
      }
    },
    async close() {
      for (const c of all) c.disconnect();
    },
  };
}
