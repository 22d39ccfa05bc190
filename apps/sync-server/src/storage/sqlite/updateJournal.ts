import {
  closeSync,
  fdatasyncSync,
  fstatSync,
  ftruncateSync,
  openSync,
  readFileSync,
  writeSync,
} from 'node:fs';
import { crc32 } from 'node:zlib';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { LoggedUpdate } from '../docStore';

/** Bytes before each record's payload: its length and its CRC-32, both u32 little-endian. */
const HEADER = 8;

/** What a journal holds when it is opened: every intact record, and whether a bad tail was cut. */
export interface JournalContents {
  records: LoggedUpdate[];
  /** Bytes after the last intact record (a write torn by a crash, or damage), dropped. */
  discardedBytes: number;
}

/**
 * The append-only file in front of the update log table: one `write` per
 * group commit makes updates durable (as durable as a WAL commit at the same
 * `synchronous` level) at a fraction of a SQLite transaction's cost; its
 * records move into the table in batches, after which the journal is emptied.
 */
export interface UpdateJournal {
  /** Appends the updates in one write (and fdatasync when durability is `power`). */
  append(records: readonly LoggedUpdate[]): void;
  /** Every intact record, oldest first, as found on disk. */
  read(): JournalContents;
  /** Empties the journal once its records are stored elsewhere. */
  clear(): void;
  close(): void;
}

function encodeRecord(record: LoggedUpdate): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarString(encoder, record.docId);
  encoding.writeVarUint(encoder, record.seq);
  encoding.writeFloat64(encoder, record.ts);
  encoding.writeVarString(encoder, record.actor);
  encoding.writeVarString(encoder, record.client);
  encoding.writeVarUint8Array(encoder, record.update);
  return encoding.toUint8Array(encoder);
}

function decodeRecord(payload: Uint8Array): LoggedUpdate {
  const decoder = decoding.createDecoder(payload);
  const record = {
    docId: decoding.readVarString(decoder),
    seq: decoding.readVarUint(decoder),
    ts: decoding.readFloat64(decoder),
    actor: decoding.readVarString(decoder),
    client: decoding.readVarString(decoder),
    update: decoding.readVarUint8Array(decoder).slice(),
  };
  if (decoder.pos !== payload.length) throw new Error('journal record has trailing bytes');
  return record;
}

/** Frames each record with its length and checksum, all in one buffer for one write. */
export function encodeJournalRecords(records: readonly LoggedUpdate[]): Buffer {
  const payloads = records.map(encodeRecord);
  const out = Buffer.allocUnsafe(payloads.reduce((n, p) => n + HEADER + p.length, 0));
  let at = 0;
  for (const payload of payloads) {
    out.writeUInt32LE(payload.length, at);
    out.writeUInt32LE(crc32(payload), at + 4);
    out.set(payload, at + HEADER);
    at += HEADER + payload.length;
  }
  return out;
}

/** Reads records until the end or the first one that is cut short or fails its checksum. */
export function decodeJournalRecords(bytes: Uint8Array): JournalContents {
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const records: LoggedUpdate[] = [];
  let at = 0;
  while (at + HEADER <= view.length) {
    const length = view.readUInt32LE(at);
    const end = at + HEADER + length;
    if (end > view.length) break;
    const payload = view.subarray(at + HEADER, end);
    if (crc32(payload) !== view.readUInt32LE(at + 4)) break;
    try {
      records.push(decodeRecord(payload));
    } catch {
      break;
    }
    at = end;
  }
  return { records, discardedBytes: view.length - at };
}

/** Opens (creating if needed) the journal at `file`. */
export function openUpdateJournal(file: string, durability: 'normal' | 'power'): UpdateJournal {
  const fd = openSync(file, 'a+');
  let size = fstatSync(fd).size;
  return {
    append(records) {
      if (records.length === 0) return;
      const bytes = encodeJournalRecords(records);
      try {
        let written = 0;
        while (written < bytes.length) written += writeSync(fd, bytes, written);
        if (durability === 'power') fdatasyncSync(fd);
      } catch (error) {
        // A half-written batch would hide every later record from a replay: cut it off.
        ftruncateSync(fd, size);
        throw error;
      }
      size += bytes.length;
    },
    read() {
      if (size === 0) return { records: [], discardedBytes: 0 };
      return decodeJournalRecords(readFileSync(file));
    },
    clear() {
      ftruncateSync(fd, 0);
      size = 0;
      if (durability === 'power') fdatasyncSync(fd);
    },
    close() {
      closeSync(fd);
    },
  };
}
