import { z } from 'zod';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

let lastMs = 0;
let lastSeq = 0;

/**
 * A new UUIDv7 (RFC 9562): time-ordered, so ids sort by creation and index
 * well, and safe to make offline because 74 of its bits are random.
 * Within one millisecond a 12-bit counter keeps ids from one process ordered.
 */
export function newId(now: number = Date.now()): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  if (now <= lastMs) {
    lastSeq = (lastSeq + 1) & 0xfff;
    if (lastSeq === 0) lastMs += 1;
    now = lastMs;
  } else {
    lastMs = now;
    lastSeq = ((bytes[6]! & 0x0f) << 8) | bytes[7]!;
    lastSeq &= 0x7ff; // leave room for the counter to grow
  }
  let ms = now;
  for (let i = 5; i >= 0; i--) {
    bytes[i] = ms % 256;
    ms = Math.floor(ms / 256);
  }
  bytes[6] = 0x70 | (lastSeq >> 8);
  bytes[7] = lastSeq & 0xff;
  bytes[8] = 0x80 | (bytes[8]! & 0x3f);
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** True for a lower-case UUIDv7 string, the only id form Fieldbook accepts. */
export function isId(value: unknown): value is string {
  return typeof value === 'string' && UUID_V7.test(value);
}

/** The creation time (epoch ms) encoded in a UUIDv7. */
export function idTimestamp(id: string): number {
  return parseInt(id.slice(0, 8) + id.slice(9, 13), 16);
}

/** Zod schema for a UUIDv7 id. */
export const IdSchema = z.string().regex(UUID_V7, 'expected a lower-case UUIDv7');
