import { FieldbookError } from '@fieldbook/shared';
import { TokenBuckets, type BucketPolicy, type TakeResult } from './tokenBucket';
import { waitText } from './waitText';

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
 * unauthenticated routes 100/min per address, sign-in 5/min per account (seed
 * 002). `loginAddress` counts only *failed* sign-ins from an address (30 at
 * once, then 10 a minute): a whole lab behind one NAT signs in freely, and one
 * person's typos or a locked account never block a colleague; a password
 * spray across many accounts from one address still runs dry.
 */
export const DEFAULT_RATE_LIMITS: RateLimitPolicies = {
  apiKey: { capacity: 1000, perMinute: 1000 },
  user: { capacity: 1000, perMinute: 1000 },
  tenant: { capacity: 5000, perMinute: 5000 },
  anonymous: { capacity: 100, perMinute: 100 },
  loginAccount: { capacity: 5, perMinute: 5 },
  loginAddress: { capacity: 30, perMinute: 10 },
};

/** The request limits an operator sets (per minute, the burst the same), as bucket policies. */
export function requestLimits(perMinute: {
  user: number;
  apiKey: number;
  tenant: number;
}): Partial<RateLimitPolicies> {
  const policy = (n: number) => ({ capacity: n, perMinute: n });
  return {
    user: policy(perMinute.user),
    apiKey: policy(perMinute.apiKey),
    tenant: policy(perMinute.tenant),
  };
}

const MESSAGES: Partial<Record<LimitScope, string>> = {
  loginAccount: 'Too many sign-in attempts for this account',
  loginAddress: 'Too many failed sign-ins from this network address',
};

/** The Retry-After seconds a RATE_LIMIT_EXCEEDED error carries, if any. */
export function retryAfterOf(err: FieldbookError): number | undefined {
  const details = err.details as { retryAfterSeconds?: unknown } | undefined;
  return typeof details?.retryAfterSeconds === 'number' ? details.retryAfterSeconds : undefined;
}

/** Buckets kept outside the process and shared by every node (Redis); one token per call. */
export interface SharedBuckets {
  take(scope: LimitScope, policy: BucketPolicy, key: string): Promise<TakeResult>;
  peek(scope: LimitScope, policy: BucketPolicy, key: string): Promise<TakeResult>;
  charge(scope: LimitScope, policy: BucketPolicy, key: string): Promise<void>;
  refill(scope: LimitScope, key: string): Promise<void>;
}

/**
 * What a limiter call returns: nothing on one node (decided in memory, no
 * await needed), a promise when the buckets are shared; callers on hot paths
 * await it only when it is one.
 */
export type Limited = void | Promise<void>;

/**
 * Token-bucket rate limiting per scope; a denial throws (or rejects with)
 * RATE_LIMIT_EXCEEDED with Retry-After seconds. In memory by default; with
 * `shared`, every node draws from the same buckets.
 */
export class RateLimiter {
  private readonly buckets: Record<LimitScope, TokenBuckets>;

  constructor(
    private readonly policies: RateLimitPolicies = DEFAULT_RATE_LIMITS,
    now: () => number = Date.now,
    private readonly shared: SharedBuckets | null = null,
  ) {
    this.buckets = Object.fromEntries(
      LIMIT_SCOPES.map((scope) => [scope, new TokenBuckets(policies[scope], now)]),
    ) as Record<LimitScope, TokenBuckets>;
  }

  /**
   * Takes one token from each `(scope, key)` pair; the first empty bucket
   * denies the request. Tokens taken before a denial stay taken: a denied
   * burst still counts against its other buckets.
   */
  consume(checks: readonly (readonly [LimitScope, string])[]): Limited {
    const shared = this.shared;
    if (shared) {
      return (async () => {
        for (const [scope, key] of checks)
          refuseIfDenied(scope, await shared.take(scope, this.policies[scope], key));
      })();
    }
    for (const [scope, key] of checks) refuseIfDenied(scope, this.buckets[scope].take(key));
  }

  /** Throws as `consume` would when a bucket is empty, but takes nothing (limits that count only failures). */
  check(scope: LimitScope, key: string): Limited {
    if (this.shared)
      return this.shared
        .peek(scope, this.policies[scope], key)
        .then((result) => refuseIfDenied(scope, result));
    refuseIfDenied(scope, this.buckets[scope].peek(key));
  }

  /** Gives `(scope, key)` its whole allowance back (a password reset link was used, say). */
  refill(scope: LimitScope, key: string): Limited {
    if (this.shared) return this.shared.refill(scope, key);
    this.buckets[scope].refill(key);
  }

  /** Takes one token from `(scope, key)` without refusing anything now (a failure to count). */
  charge(scope: LimitScope, key: string): Limited {
    if (this.shared) return this.shared.charge(scope, this.policies[scope], key);
    this.buckets[scope].take(key);
  }
}

function refuseIfDenied(scope: LimitScope, result: TakeResult): void {
  if (result.ok) return;
  const wait = waitText(result.retryAfterSeconds);
  throw new FieldbookError(
    'RATE_LIMIT_EXCEEDED',
    `${MESSAGES[scope] ?? 'Too many requests'}; try again in ${wait}`,
    { scope, retryAfterSeconds: result.retryAfterSeconds },
  );
}
