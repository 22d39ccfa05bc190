import { createHash, hkdfSync, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

/** A random opaque token (refresh tokens, tickets, invitation links): 256 bits, base64url. */
export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

const ALPHANUMERIC = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** A uniformly random string over `alphabet` (default: letters and digits). */
export function randomString(length: number, alphabet = ALPHANUMERIC): string {
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[randomInt(alphabet.length)];
  return out;
}

/** sha256 of `text` in hex: how opaque tokens and key secrets are stored. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Constant-time equality of two hex digests. */
export function sameDigest(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
}

/** A 256-bit key for one `purpose`, derived from the server secret (HKDF-SHA256). */
export function deriveKey(secret: string, purpose: string): Uint8Array {
  return new Uint8Array(hkdfSync('sha256', secret, 'fieldbook', purpose, 32));
}
