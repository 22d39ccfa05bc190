/** How big a bucket is and how fast it refills. */
export interface BucketPolicy {
  /** Tokens a full bucket holds: the largest burst allowed. */
  capacity: number;
  /** Tokens added per minute. */
  perMinute: number;
}

/** The answer of one `take`: allowed, or denied with the seconds until a token is back. */
export type TakeResult = { ok: true; remaining: number } | { ok: false; retryAfterSeconds: number };

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/**
 * In-memory token buckets keyed by string (one node; a shared store can take
 * its place for scale-out). Each key starts full and refills continuously.
 * Full, idle buckets are pruned so memory stays bounded by active keys.
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();
  private takesSincePrune = 0;

  constructor(
    private readonly policy: BucketPolicy,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes `cost` tokens from the bucket of `key` when it holds enough. */
  take(key: string, cost = 1): TakeResult {
    const now = this.now();
    const bucket = this.refilled(key, now);
    if (bucket.tokens >= cost) {
      bucket.tokens -= cost;
      this.maybePrune(now);
      return { ok: true, remaining: Math.floor(bucket.tokens) };
    }
    return this.denied(bucket, cost);
  }

  /** Whether `key` holds `cost` tokens, without taking any (for limits that only count failures). */
  peek(key: string, cost = 1): TakeResult {
    const bucket = this.buckets.get(key);
    if (!bucket) return { ok: true, remaining: this.policy.capacity };
    const refilled = this.refilled(key, this.now());
    return refilled.tokens >= cost
      ? { ok: true, remaining: Math.floor(refilled.tokens) }
      : this.denied(refilled, cost);
  }

  private denied(bucket: Bucket, cost: number): TakeResult {
    const perMs = this.policy.perMinute / 60_000;
    const waitMs = (cost - bucket.tokens) / perMs;
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
  }

  /** Fills the bucket of `key` again (the key proved itself some other way). */
  refill(key: string): void {
    this.buckets.delete(key);
  }

  /** Empties the bucket of `key` (for tests and for blocking a key outright). */
  drain(key: string): void {
    this.refilled(key, this.now()).tokens = 0;
  }

  private refilled(key: string, now: number): Bucket {
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = { tokens: this.policy.capacity, updatedAt: now };
      this.buckets.set(key, bucket);
      return bucket;
    }
    const elapsed = Math.max(0, now - bucket.updatedAt);
    bucket.tokens = Math.min(
      this.policy.capacity,
      bucket.tokens + (elapsed * this.policy.perMinute) / 60_000,
    );
    bucket.updatedAt = now;
    return bucket;
  }

  private maybePrune(now: number): void {
    if (++this.takesSincePrune < 10_000) return;
    this.takesSincePrune = 0;
    const fullAfterMs = (this.policy.capacity / this.policy.perMinute) * 60_000;
    for (const [key, bucket] of this.buckets) {
      if (now - bucket.updatedAt > fullAfterMs) this.buckets.delete(key);
    }
  }
}
