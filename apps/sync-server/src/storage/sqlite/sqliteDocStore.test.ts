import { appendFileSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { newId } from '@fieldbook/shared';
import { runDocStoreContract } from '../docStore.contract';
import { openSqliteDocStore } from './sqliteDocStore';

const root = mkdtempSync(join(tmpdir(), 'fieldbook-store-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
let current = '';

runDocStoreContract('sqlite', {
  async open() {
    current = join(root, `store-${n++}.db`);
    return openSqliteDocStore({ file: current });
  },
  async reopen() {
    return openSqliteDocStore({ file: current });
  },
});

describe('sqlite update journal', () => {
  const ref = () => ({ docId: newId(), tenantId: 'tenant-a', workspaceId: newId() });
  const entry = (key: { workspaceId: string; docId: string }, b: number) => ({
    workspaceId: key.workspaceId,
    docId: key.docId,
    update: Uint8Array.from([b]),
    actor: 'user-1',
    client: 'conn-1',
    ts: 1_700_000_000_000,
  });
  const tableRows = (file: string) => {
    const db = new Database(file, { readonly: true });
    const count = db.prepare('select count(*) as n from doc_updates').get() as { n: number };
    db.close();
    return count.n;
  };

  it('acknowledges appends before they reach the table, and a reopen after a crash replays them', async () => {
    const file = join(root, `crash-${n++}.db`);
    // Never flushed on its own: the first store stands for a process killed before its flush.
    const crashed = openSqliteDocStore({
      file,
      journalFlush: { afterMs: 3_600_000, atCount: 1e6 },
    });
    const doc = ref();
    await crashed.ensureDocument(doc, 'alice');
    expect(await crashed.appendUpdates([entry(doc, 1), entry(doc, 2)])).toEqual([1, 2]);
    expect(tableRows(file)).toBe(0);
    expect(statSync(`${file}.updates`).size).toBeGreaterThan(0);

    const problems: unknown[] = [];
    const reopened = openSqliteDocStore({ file, onJournalError: (e) => problems.push(e) });
    expect(tableRows(file)).toBe(2);
    expect((await reopened.load(doc)).updates.map((u) => [u.seq, u.update[0]])).toEqual([
      [1, 1],
      [2, 2],
    ]);
    expect(await reopened.appendUpdates([entry(doc, 3)])).toEqual([3]);
    expect(problems).toEqual([]);
    await reopened.close();
    await crashed.close(); // its late flush finds the rows already there and adds nothing
    expect(tableRows(file)).toBe(3);
  });

  it('moves journaled updates into the table within the flush interval', async () => {
    const file = join(root, `flush-${n++}.db`);
    const store = openSqliteDocStore({ file, journalFlush: { afterMs: 20, atCount: 1e6 } });
    const doc = ref();
    await store.ensureDocument(doc, 'alice');
    await store.appendUpdates([entry(doc, 1)]);
    await vi.waitFor(() => expect(tableRows(file)).toBe(1), { timeout: 2000 });
    expect(statSync(`${file}.updates`).size).toBe(0);
    await store.close();
  });

  it('drops a torn journal tail at open, reports it, and keeps the intact records', async () => {
    const file = join(root, `torn-${n++}.db`);
    const first = openSqliteDocStore({ file, journalFlush: { afterMs: 3_600_000, atCount: 1e6 } });
    const doc = ref();
    await first.ensureDocument(doc, 'alice');
    await first.appendUpdates([entry(doc, 7)]);
    appendFileSync(`${file}.updates`, Buffer.from([200, 0, 0, 0, 1, 2]));
    const problems: unknown[] = [];
    const second = openSqliteDocStore({ file, onJournalError: (e) => problems.push(e) });
    expect((await second.load(doc)).updates.map((u) => u.update[0])).toEqual([7]);
    expect(String(problems[0])).toMatch(/dropped 6 bytes/);
    await second.close();
    await first.close();
  });
});
