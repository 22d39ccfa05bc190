import type { BucketPolicy, TakeResult } from '../rateLimit/tokenBucket';
import type { SharedBuckets } from '../rateLimit/rateLimiter';
import { KEY_PREFIX, type RedisLink } from './redisLink';

/**
 * One token bucket per key in a Redis hash, refilled and taken in one Lua
 * script (atomic whichever node runs it), on Redis's clock so nodes' clocks
 * need not agree. Modes: take (only when enough), peek (never takes), charge
 * (takes what it can, for counting failures). A bucket expires once it
 * would be full again, so idle keys cost nothing.
 * Returns {1, tokens left} or {0, ms until `cost` tokens are back}.
 */
const SCRIPT = `
local capacity = tonumber(ARGV[1])
local perMs = tonumber(ARGV[2])
local cost = tonumber(ARGV[3])
local mode = ARGV[4]
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local b = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(b[1]) or capacity
local at = tonumber(b[2]) or now
tokens = math.min(capacity, tokens + math.max(0, now - at) * perMs)
local ok = tokens >= cost
if mode == 'peek' then
  if ok then return {1, math.floor(tokens)} end
  return {0, math.ceil((cost - tokens) / perMs)}
end
if ok then tokens = tokens - cost elseif mode == 'charge' then tokens = 0 end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil((capacity - tokens) / perMs) + 1000)
if ok then return {1, math.floor(tokens)} end
return {0, math.ceil((cost - tokens) / perMs)}
`;

/** Rate-limit buckets in Redis, shared by every node. */
export function redisBuckets(redis: RedisLink): SharedBuckets {
  redis.command.defineCommand('fieldbookBucket', { numberOfKeys: 1, lua: SCRIPT });
  const run = async (
    scope: string,
    policy: BucketPolicy,
    key: string,
    mode: 'take' | 'peek' | 'charge',
  ): Promise<TakeResult> => {
    const [ok, n] = (await (
      redis.command as unknown as Record<string, (...args: unknown[]) => Promise<number[]>>
    ).fieldbookBucket!(
      `${KEY_PREFIX}bucket:${scope}:${key}`,
      policy.capacity,
      policy.perMinute / 60_000,
      1,
      mode,
    )) as [number, number];
    return ok === 1
      ? { ok: true, remaining: n }
      : { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(n / 1000)) };
  };
  return {
    take: (scope, policy, key) => run(scope, policy, key, 'take'),
    peek: (scope, policy, key) => run(scope, policy, key, 'peek'),
    charge: async (scope, policy, key) => void (await run(scope, policy, key, 'charge')),
    refill: async (scope, key) =>
      void (await redis.command.del(`${KEY_PREFIX}bucket:${scope}:${key}`)),
  };
}
