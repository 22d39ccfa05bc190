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
import type { RowUpdate } from './updateLog';

/** Bytes before each record's payload: its length and its CRC-32, both u32 little-endian. */
const HEADER = 8;

/**
 * A record as read back. Records written before migration 0003 name their
 * document by id alone (`legacyDocId`, with `docPk` 0): the store resolves them.
 */
export type JournalRecord = RowUpdate & { legacyDocId?: string };

/** What a journal holds when it is opened: every intact record, and whether a bad tail was cut. */
export interface JournalContents {
  records: JournalRecord[];
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
  append(records: readonly RowUpdate[]): void;
  /** Every intact record, oldest first, as found on disk. */
  read(): JournalContents;
  /** Empties the journal once its records are stored elsewhere. */
  clear(): void;
  close(): void;
}

/*
 * Payload layout (little-endian): u16 0xffff (the format mark), f64 docPk, f64 seq, f64 ts,
 * u16 length + actor, u16 length + client, u32 length + update. Hand-laid with Buffer writes: a
 * general encoder cost more per record than the write that stores it. Before migration 0003 a
 * payload began with u16 length + docId (UTF-8) where the mark and docPk are now.
 */
const FORMAT_MARK = 0xffff;

/** Writes a u16-length-prefixed UTF-8 string at `at`; returns the offset after it. */
function writeShortString(out: Buffer, at: number, value: string): number {
  const length = out.write(value, at + 2, 'utf8');
  if (length > 0xffff) throw new RangeError('journal string longer than 65535 bytes');
  out.writeUInt16LE(length, at);
  return at + 2 + length;
}

function readShortString(view: Buffer, at: number): [string, number] {
  const end = at + 2 + view.readUInt16LE(at);
  if (end > view.length) throw new RangeError('journal string past the record');
  return [view.toString('utf8', at + 2, end), end];
}

/** Frames each record with its length and checksum, all in one buffer for one write. */
export function encodeJournalRecords(records: readonly RowUpdate[]): Buffer {
  let bound = 0;
  for (const r of records) {
    bound += HEADER + 38 + 3 * (r.actor.length + r.client.length);
    bound += r.update.length;
  }
  const out = Buffer.allocUnsafe(bound);
  let at = 0;
  for (const r of records) {
    const start = at + HEADER;
    let p = out.writeUInt16LE(FORMAT_MARK, start);
    p = out.writeDoubleLE(r.docPk, p);
    p = out.writeDoubleLE(r.seq, p);
    p = out.writeDoubleLE(r.ts, p);
    p = writeShortString(out, p, r.actor);
    p = writeShortString(out, p, r.client);
    p = out.writeUInt32LE(r.update.length, p);
    out.set(r.update, p);
    p += r.update.length;
    out.writeUInt32LE(p - start, at);
    out.writeUInt32LE(crc32(out.subarray(start, p)), at + 4);
    at = p;
  }
  return out.subarray(0, at);
}

function decodeRecord(payload: Buffer): JournalRecord {
  let docPk = 0;
  let legacyDocId: string | undefined;
  let afterDoc: number;
  if (payload.readUInt16LE(0) === FORMAT_MARK) {
    docPk = payload.readDoubleLE(2);
    afterDoc = 10;
  } else {
    [legacyDocId, afterDoc] = readShortString(payload, 0);
  }
  const seq = payload.readDoubleLE(afterDoc);
  const ts = payload.readDoubleLE(afterDoc + 8);
  const [actor, afterActor] = readShortString(payload, afterDoc + 16);
  const [client, afterClient] = readShortString(payload, afterActor);
  const length = payload.readUInt32LE(afterClient);
  const end = afterClient + 4 + length;
  if (end !== payload.length) throw new RangeError('journal record length mismatch');
  const update = new Uint8Array(payload.subarray(afterClient + 4, end));
  const record: JournalRecord = { docPk, seq, ts, actor, client, update };
  if (legacyDocId !== undefined) record.legacyDocId = legacyDocId;
  return record;
}

/** Reads records until the end or the first one that is cut short or fails its checksum. */
export function decodeJournalRecords(bytes: Uint8Array): JournalContents {
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const records: JournalRecord[] = [];
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
