import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { RowUpdate } from './updateLog';
import { decodeJournalRecords, encodeJournalRecords, openUpdateJournal } from './updateJournal';

const root = mkdtempSync(join(tmpdir(), 'fieldbook-journal-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const fresh = () => join(root, `journal-${n++}`);

const record = (seq: number, docPk = 1): RowUpdate => ({
  docPk,
  seq,
  update: Uint8Array.from([seq, seq + 1, 0xff]),
  actor: 'user-ü',
  client: 'conn-1',
  ts: 1_700_000_000_123 + seq,
});

describe('update journal', () => {
  it('reads back what it appended, across writes and a reopen', () => {
    const file = fresh();
    const journal = openUpdateJournal(file, 'normal');
    journal.append([record(1), record(2)]);
    journal.append([record(1, 2)]);
    journal.close();
    const again = openUpdateJournal(file, 'power');
    expect(again.read()).toEqual({
      records: [record(1), record(2), record(1, 2)],
      discardedBytes: 0,
    });
    again.close();
  });

  it('is empty after clear, and appends start over', () => {
    const file = fresh();
    const journal = openUpdateJournal(file, 'normal');
    journal.append([record(1)]);
    journal.clear();
    expect(readFileSync(file).length).toBe(0);
    journal.append([record(2)]);
    expect(journal.read().records).toEqual([record(2)]);
    journal.close();
  });

  it('keeps the intact records before a torn tail and drops the tail', () => {
    const whole = encodeJournalRecords([record(1), record(2), record(3)]);
    const torn = whole.subarray(0, whole.length - 2);
    const { records, discardedBytes } = decodeJournalRecords(torn);
    expect(records).toEqual([record(1), record(2)]);
    expect(discardedBytes).toBe(torn.length - encodeJournalRecords([record(1), record(2)]).length);
  });

  it('stops at a record whose checksum does not match', () => {
    const first = encodeJournalRecords([record(1)]);
    const bytes = Buffer.concat([first, encodeJournalRecords([record(2), record(3)])]);
    bytes[first.length + 9] = bytes[first.length + 9]! ^ 0x40; // inside record 2's payload
    expect(decodeJournalRecords(bytes).records).toEqual([record(1)]);
  });

  it('reads a file damaged on disk up to the damage', () => {
    const file = fresh();
    writeFileSync(file, encodeJournalRecords([record(1)]));
    appendFileSync(file, Buffer.from('not a record at all'));
    const journal = openUpdateJournal(file, 'normal');
    expect(journal.read()).toMatchObject({ records: [record(1)], discardedBytes: 19 });
    journal.close();
  });
});
