import { describe, expect, it } from 'vitest';
import { isFieldbookError } from '@fieldbook/shared';
import { TokenBuckets } from './tokenBucket';
import { RateLimiter, DEFAULT_RATE_LIMITS, retryAfterOf } from './rateLimiter';

describe('TokenBuckets', () => {
  it('allows a burst of capacity, then denies with a retry time, then refills', () => {
    let now = 0;
    const buckets = new TokenBuckets({ capacity: 3, perMinute: 6 }, () => now);
    expect([1, 2, 3].map(() => buckets.take('k').ok)).toEqual([true, true, true]);
    const denied = buckets.take('k');
    expect(denied).toEqual({ ok: false, retryAfterSeconds: 10 });
    now += 10_000;
    expect(buckets.take('k').ok).toBe(true);
    expect(buckets.take('k').ok).toBe(false);
  });

  it('keeps keys apart and never holds more than capacity', () => {
    let now = 0;
    const buckets = new TokenBuckets({ capacity: 2, perMinute: 60 }, () => now);
    buckets.take('a');
    buckets.take('a');
    expect(buckets.take('a').ok).toBe(false);
    expect(buckets.take('b').ok).toBe(true);
    now += 3_600_000;
    expect(buckets.take('a')).toEqual({ ok: true, remaining: 1 });
  });
});

describe('RateLimiter', () => {
  it('limits login to 5 per minute per account and names the scope', () => {
    const limiter = new RateLimiter(DEFAULT_RATE_LIMITS, () => 0);
    for (let i = 0; i < 5; i++) limiter.consume([['loginAccount', 'a@x']]);
    let caught: unknown;
    try {
      limiter.consume([['loginAccount', 'a@x']]);
    } catch (err) {
      caught = err;
    }
    expect(isFieldbookError(caught, 'RATE_LIMIT_EXCEEDED')).toBe(true);
    if (!isFieldbookError(caught)) throw new Error('expected a FieldbookError');
    expect(caught.details).toMatchObject({ scope: 'loginAccount' });
    expect(retryAfterOf(caught)).toBe(12);
    expect(() => limiter.consume([['loginAccount', 'b@x']])).not.toThrow();
  });
});
