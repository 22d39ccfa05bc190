/**
 * The role-change / revocation bus across nodes: every event emitted on this
 * node's IdentityEvents is appended to one Redis stream, and every node reads
 * the stream (XREAD BLOCK) and re-emits the other nodes' events locally, where
 * the socket watchers re-check grants or close sockets.
 *
 * A stream, not pub/sub: these events are rare and must not be lost — a
 * revocation a node missed during a network blip would leave a demoted
 * user's socket writing. The reader resumes from the last id it handled, so
 * a blip only delays events; the stream is capped (MAXLEN ~) since only the
 * recent past can be missed.
 */
import type { IdentityEventMap, IdentityEvents } from '../identity/events';
import type { Logger } from '../log';
import { KEY_PREFIX, type RedisLink } from './redisLink';

const STREAM = `${KEY_PREFIX}identity-events`;
const RELAYED: (keyof IdentityEventMap)[] = [
  'access.changed',
  'workspace.changed',
  'session.revoked',
  'apiKey.revoked',
];
const NODE = 'node';
const NAME = 'event';
const BODY = 'body';

/** Starts relaying; returns a function that stops it. */
export async function relayIdentityEvents(
  redis: RedisLink,
  events: IdentityEvents,
  log: Logger,
): Promise<() => void> {
  const node = redis.nodeId.toString('hex');
  let replaying = false;
  let stopped = false;
  const listeners = RELAYED.map((name) => {
    const listener = (payload: unknown) => {
      if (replaying) return;
      redis.command
        .xadd(
          STREAM,
          'MAXLEN',
          '~',
          '10000',
          '*',
          NODE,
          node,
          NAME,
          name,
          BODY,
          JSON.stringify(payload),
        )
        .catch((err: unknown) => log.error({ err, event: name }, 'identity event not relayed'));
    };
    events.on(name, listener as never);
    return [name, listener] as const;
  });

  const newest = await redis.command.xrevrange(STREAM, '+', '-', 'COUNT', 1);
  let lastId = newest[0]?.[0] ?? '0-0';
  const emit = (fields: string[]) => {
    const value = (key: string) => fields[fields.indexOf(key) + 1];
    if (value(NODE) === node) return;
    const name = value(NAME) as keyof IdentityEventMap;
    if (!RELAYED.includes(name)) return;
    replaying = true;
    try {
      events.emit(name, JSON.parse(value(BODY) ?? 'null') as never);
    } finally {
      replaying = false;
    }
  };
  void (async () => {
    while (!stopped) {
      try {
        const result = await redis.reader.xread('BLOCK', 5_000, 'STREAMS', STREAM, lastId);
        for (const [, entries] of result ?? []) {
          for (const [id, fields] of entries) {
            lastId = id;
            emit(fields);
          }
        }
      } catch (err) {
        if (stopped) return;
        log.warn({ err }, 'identity stream read failed; retrying');
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
  })();
  return () => {
    stopped = true;
    for (const [name, listener] of listeners) events.off(name, listener as never);
  };
}
