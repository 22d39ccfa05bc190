import { randomString, sha256Hex } from './secrets';

const KEY_PATTERN = /^fb_([a-z0-9]{8})_([A-Za-z0-9]{40})$/;

/** A new API key: `fb_<8-char prefix>_<40-char secret>` (≈238 random bits in the secret). */
export function generateApiKey(): { key: string; prefix: string; secretHash: string } {
  const prefix = randomString(8, 'abcdefghijklmnopqrstuvwxyz0123456789');
  const secret = randomString(40);
  return { key: `fb_${prefix}_${secret}`, prefix, secretHash: sha256Hex(secret) };
}

/** Splits a presented key into prefix and the hash of its secret; null when it is not key-shaped. */
export function parseApiKey(presented: string): { prefix: string; secretHash: string } | null {
  const match = KEY_PATTERN.exec(presented);
  if (!match) return null;
  return { prefix: match[1]!, secretHash: sha256Hex(match[2]!) };
}

/** True when `value` looks like an API key (so a bearer credential is routed to key auth). */
export function looksLikeApiKey(value: string): boolean {
  return value.startsWith('fb_');
}
