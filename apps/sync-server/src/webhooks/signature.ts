import { createHmac, timingSafeEqual } from 'node:crypto';
import { randomString } from '../identity/secrets';

/** Header carrying `sha256=<hex HMAC of "timestamp.body">`. */
export const SIGNATURE_HEADER = 'x-fieldbook-signature';
/** Header carrying the signing time in epoch seconds; receivers refuse old ones (replays). */
export const TIMESTAMP_HEADER = 'x-fieldbook-timestamp';
/** Header carrying the delivery's unique id, for receivers' dedupe. */
export const DELIVERY_HEADER = 'x-fieldbook-delivery';
/** Header naming the event. */
export const EVENT_HEADER = 'x-fieldbook-event';

/** A new webhook signing secret, `whsec_` and 32 random characters. */
export function newWebhookSecret(): string {
  return `whsec_${randomString(32)}`;
}

/** The signature header value of `body` sent at `timestamp` (epoch s): HMAC-SHA256 over `timestamp.body`. */
export function signPayload(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/**
 * What a receiver does: recompute the signature with its secret (constant
 * time compare) and refuse a timestamp older than `toleranceS` (a replay).
 */
export function verifySignature(input: {
  secret: string;
  body: string;
  timestamp: string | null;
  signature: string | null;
  nowMs?: number;
  toleranceS?: number;
}): { ok: true } | { ok: false; reason: 'missing' | 'mismatch' | 'stale' } {
  const { secret, body, timestamp, signature } = input;
  if (!timestamp || !signature || !/^\d+$/.test(timestamp)) return { ok: false, reason: 'missing' };
  const expected = Buffer.from(signPayload(secret, Number(timestamp), body));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return { ok: false, reason: 'mismatch' };
  const age = Math.abs((input.nowMs ?? Date.now()) / 1000 - Number(timestamp));
  if (age > (input.toleranceS ?? 300)) return { ok: false, reason: 'stale' };
  return { ok: true };
}
