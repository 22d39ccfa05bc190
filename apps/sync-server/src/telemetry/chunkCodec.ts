import { FieldbookError } from '@fieldbook/shared';

/**
 * The binary layout of one telemetry chunk: a channel's samples as column
 * arrays. Times that advance by a constant whole step (the usual case for a
 * sampled signal) are stored as start + step; qualities that are all "good"
 * are not stored at all.
 *
 * Layout (little-endian, every section 8-byte aligned):
 *   u8 version, u8 flags (1 = regular times, 2 = all good), u8 value kind
 *   (0 = f64, 1 = f32), u8 unused, u32 count, u64 unused
 *   times: [t0 f64, step f64] or f64 × count
 *   values: f64 × count or f32 × count (padded to 8 bytes)
 *   qualities: u8 × count (absent when all good)
 */

const VERSION = 1;
const REGULAR = 1;
const ALL_GOOD = 2;
const HEADER = 16;

/** Sample quality codes as stored: the index in this list. */
export const QUALITY_CODES = ['good', 'suspect', 'bad'] as const;

/** A channel's samples as parallel column arrays. */
export interface ChunkColumns {
  times: Float64Array;
  values: Float64Array | Float32Array;
  /** Quality code per sample (see QUALITY_CODES); null when all are good. */
  qualities: Uint8Array | null;
}

const pad8 = (n: number) => (n + 7) & ~7;

function regularStep(times: Float64Array): number | null {
  if (times.length < 2) return times.length === 1 ? 0 : null;
  const step = times[1]! - times[0]!;
  if (!Number.isInteger(step) || step < 0) return null;
  for (let i = 2; i < times.length; i++) if (times[i]! - times[i - 1]! !== step) return null;
  return step;
}

/** Encodes columns into one blob. `f32` stores values as 32-bit floats. */
export function encodeChunk(
  times: Float64Array,
  values: Float64Array,
  qualities: Uint8Array,
  f32 = false,
): Buffer {
  const count = times.length;
  const step = regularStep(times);
  let allGood = true;
  for (let i = 0; i < count; i++)
    if (qualities[i] !== 0) {
      allGood = false;
      break;
    }
  const timesBytes = step === null ? count * 8 : 16;
  const valueBytes = pad8(count * (f32 ? 4 : 8));
  const buf = Buffer.alloc(HEADER + timesBytes + valueBytes + (allGood ? 0 : count));
  buf.writeUInt8(VERSION, 0);
  buf.writeUInt8((step === null ? 0 : REGULAR) | (allGood ? ALL_GOOD : 0), 1);
  buf.writeUInt8(f32 ? 1 : 0, 2);
  buf.writeUInt32LE(count, 4);
  let off = HEADER;
  if (step === null) {
    new Float64Array(buf.buffer, buf.byteOffset + off, count).set(times);
  } else {
    buf.writeDoubleLE(times[0] ?? 0, off);
    buf.writeDoubleLE(step, off + 8);
  }
  off += timesBytes;
  if (f32) new Float32Array(buf.buffer, buf.byteOffset + off, count).set(values);
  else new Float64Array(buf.buffer, buf.byteOffset + off, count).set(values);
  off += valueBytes;
  if (!allGood) buf.set(qualities.subarray(0, count), off);
  return buf;
}

function corrupt(why: string): FieldbookError {
  return new FieldbookError('STORAGE_CORRUPT', `Telemetry chunk is unreadable: ${why}`);
}

/** Decodes a blob written by `encodeChunk`; a damaged blob throws STORAGE_CORRUPT. */
export function decodeChunk(blob: Uint8Array): ChunkColumns {
  // Typed-array views need 8-byte alignment; SQLite's buffers usually have it, copies fix the rest.
  const buf = blob.byteOffset % 8 === 0 ? blob : new Uint8Array(blob);
  if (buf.byteLength < HEADER || buf[0] !== VERSION) throw corrupt('unknown version');
  const flags = buf[1]!;
  const f32 = buf[2] === 1;
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const count = view.getUint32(4, true);
  const regular = (flags & REGULAR) !== 0;
  const allGood = (flags & ALL_GOOD) !== 0;
  const timesBytes = regular ? 16 : count * 8;
  const valueBytes = pad8(count * (f32 ? 4 : 8));
  if (buf.byteLength !== HEADER + timesBytes + valueBytes + (allGood ? 0 : count))
    throw corrupt('length does not match its header');
  let times: Float64Array;
  if (regular) {
    const t0 = view.getFloat64(HEADER, true);
    const step = view.getFloat64(HEADER + 8, true);
    times = new Float64Array(count);
    for (let i = 0; i < count; i++) times[i] = t0 + i * step;
  } else {
    times = new Float64Array(buf.buffer, buf.byteOffset + HEADER, count);
  }
  const vOff = buf.byteOffset + HEADER + timesBytes;
  const values = f32
    ? new Float32Array(buf.buffer, vOff, count)
    : new Float64Array(buf.buffer, vOff, count);
  const qualities = allGood ? null : new Uint8Array(buf.buffer, vOff + valueBytes, count);
  return { times, values, qualities };
}
