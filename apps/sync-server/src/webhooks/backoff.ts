/** When a failed delivery is tried again, and when it is given up. */
export interface RetryPolicy {
  /** The first retry waits about this long; each next one twice as long. */
  baseMs: number;
  /** No wait is longer than this. */
  maxDelayMs: number;
  /** A delivery still failing this long after it was queued is marked failed (24 h). */
  giveUpAfterMs: number;
}

/** Retries from 10 s doubling to at most an hour, for 24 hours. */
export const DEFAULT_RETRY: RetryPolicy = {
  baseMs: 10_000,
  maxDelayMs: 3_600_000,
  giveUpAfterMs: 24 * 3_600_000,
};

/**
 * The time of the next attempt after `attempts` failed ones, or null when the
 * delivery is to be marked failed. Exponential with "equal jitter": half the
 * wait is fixed, half random, so receivers that failed together do not all
 * come back at once.
 */
export function nextAttemptAt(
  policy: RetryPolicy,
  attempts: number,
  createdAt: number,
  now: number,
  random: () => number = Math.random,
): number | null {
  const exp = Math.min(policy.maxDelayMs, policy.baseMs * 2 ** Math.min(30, attempts - 1));
  const wait = exp / 2 + random() * (exp / 2);
  const at = Math.round(now + wait);
  return at - createdAt > policy.giveUpAfterMs ? null : at;
}
