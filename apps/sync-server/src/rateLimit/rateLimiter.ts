import { FieldbookError } from '@fieldbook/shared';
import { TokenBuckets, type BucketPolicy } from './tokenBucket';

/** The scopes requests are counted under (seed 002's rate-limit table, plus per-tenant and per-key). */
export const LIMIT_SCOPES = [
  'apiKey',
  'user',
  'tenant',
  'anonymous',
  'loginAccount',
  'loginAddress',
] as const;
export type LimitScope = (typeof LIMIT_SCOPES)[number];

export type RateLimitPolicies = Record<LimitScope, BucketPolicy>;

/**
 * Defaults: authenticated API 1000/min per user or key, 5000/min per tenant,
 * unauthenticated routes 100/min per address, login 5/min per account and per
 * address (seed 002).
 */
export const DEFAULT_RATE_LIMITS: RateLimitPolicies = {
  apiKey: { capacity: 1000, perMinute: 1000 },
  user: { capacity: 1000, perMinute: 1000 },
  tenant: { capacity: 5000, perMinute: 5000 },
  anonymous: { capacity: 100, perMinute: 100 },
  loginAccount: { capacity: 5, perMinute: 5 },
  loginAddress: { capacity: 5, perMinute: 5 },
};

/** The Retry-After seconds a RATE_LIMIT_EXCEEDED error carries, if any. */
export function retryAfterOf(err: FieldbookError): number | undefined {
  const details = err.details as { retryAfterSeconds?: unknown } | undefined;
  return typeof details?.retryAfterSeconds === 'number' ? details.retryAfterSeconds : undefined;
}

/** Token-bucket rate limiting per scope; a denial throws RATE_LIMIT_EXCEEDED with Retry-After seconds. */
export class RateLimiter {
  private readonly buckets: Record<LimitScope, TokenBuckets>;

  constructor(policies: RateLimitPolicies = DEFAULT_RATE_LIMITS, now: () => number = Date.now) {
    this.buckets = Object.fromEntries(
      LIMIT_SCOPES.map((scope) => [scope, new TokenBuckets(policies[scope], now)]),
    ) as Record<LimitScope, TokenBuckets>;
  }

  /**
   * Takes one token from each `(scope, key)` pair; the first empty bucket
   * denies the request. Tokens taken before a denial stay taken: a denied
   * burst still counts against its other buckets.
   */
  consume(checks: readonly (readonly [LimitScope, string])[]): void {
    for (const [scope, key] of checks) {
      const result = this.buckets[scope].take(key);
      if (!result.ok) {
        throw new FieldbookError('RATE_LIMIT_EXCEEDED', 'Too many requests; retry later', {
          scope,
          retryAfterSeconds: result.retryAfterSeconds,
        });
      }
    }
  }
}
