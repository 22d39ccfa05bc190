import { describe, expect, it } from 'vitest';
import { isFieldbookError } from '@fieldbook/shared';
import { TokenBuckets } from './tokenBucket';
import { RateLimiter, DEFAULT_RATE_LIMITS, retryAfterOf } from './rateLimiter';
import { waitText } from './waitText';

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
    expect(caught.message).toBe(
      'Too many sign-in attempts for this account; try again in 12 seconds',
    );
    expect(() => limiter.consume([['loginAccount', 'b@x']])).not.toThrow();
  });

  it('counts only what is charged when a scope is checked, not taken', () => {
    let now = 0;
    const limiter = new RateLimiter(
      { ...DEFAULT_RATE_LIMITS, loginAddress: { capacity: 2, perMinute: 1 } },
      () => now,
    );
    for (let i = 0; i < 10; i++) limiter.check('loginAddress', 'nat');
    limiter.charge('loginAddress', 'nat');
    limiter.check('loginAddress', 'nat');
    limiter.charge('loginAddress', 'nat');
    expect(() => limiter.check('loginAddress', 'nat')).toThrow(
      'Too many failed sign-ins from this network address; try again in 60 seconds',
    );
    expect(() => limiter.check('loginAddress', 'elsewhere')).not.toThrow();
    now += 60_000;
    expect(() => limiter.check('loginAddress', 'nat')).not.toThrow();
  });
});

describe('waitText', () => {
  it('says how long in words, never less than the truth', () => {
    expect([0.2, 1, 59, 119, 120, 121, 900, 7199, 7200, 7201].map(waitText)).toEqual([
      '1 second',
      '1 second',
      '59 seconds',
      '119 seconds',
      '2 minutes',
      '3 minutes',
      '15 minutes',
      '2 hours',
      '2 hours',
      '3 hours',
    ]);
  });
});
