/** How far ahead of the server's clock a client's time stamp may be (clock skew). */
export const MAX_CLOCK_AHEAD_MS = 10 * 60_000;
/**
 * How old a new item's time stamp may be when it reaches the server: work done
 * offline syncs later, so a month is allowed; older is treated as backdating.
 */
export const MAX_OFFLINE_AGE_MS = 30 * 24 * 60 * 60_000;

/** Why `value` is not a believable creation time at server time `now`, or null when it is. */
export function timeProblem(value: unknown, now: number, what: string): string | null {
  if (typeof value !== 'number' || !Number.isFinite(value)) return `${what} must be a time stamp`;
  if (value > now + MAX_CLOCK_AHEAD_MS) return `${what} is in the future`;
  if (value < now - MAX_OFFLINE_AGE_MS) return `${what} is backdated by more than 30 days`;
  return null;
}
