import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { crc32 } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { afterAll, describe, expect, it } from 'vitest';
import { newId } from '@fieldbook/shared';
import { openSqliteDocStore } from './sqliteDocStore';

const root = mkdtempSync(join(tmpdir(), 'fieldbook-migrate-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A copy of the migrations folder that stops before 0002, to build a database as 0001 left it. */
function migrationsUpTo0001(): string {
  const folder = join(root, 'migrations');
  cpSync(new URL('../../../drizzle/sqlite', import.meta.url), folder, { recursive: true });
  const journalFile = join(folder, 'meta/_journal.json');
  const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: { idx: number }[] };
  journal.entries = journal.entries.filter((e) => e.idx <= 1);
  writeFileSync(journalFile, JSON.stringify(journal));
  return folder;
}

/** A journal record as written before migration 0003: the document named by its id alone. */
function legacyJournalRecord(docId: string, seq: number, update: number[]): Buffer {
  const str = (v: string) => {
    const b = Buffer.from(v);
    return Buffer.concat([Buffer.from([b.length, 0]), b]);
  };
  const f64 = (v: number) => {
    const b = Buffer.alloc(8);
    b.writeDoubleLE(v);
    return b;
  };
  const len = Buffer.alloc(4);
  len.writeUInt32LE(update.length);
  const payload = Buffer.concat([
    str(docId),
    f64(seq),
    f64(5),
    str('u'),
    str('c'),
    len,
    Buffer.from(update),
  ]);
  const header = Buffer.alloc(8);
  header.writeUInt32LE(payload.length, 0);
  header.writeUInt32LE(crc32(payload), 4);
  return Buffer.concat([header, payload]);
}

describe('migrations 0002 (log keyed by document) and 0003 (documents keyed by workspace)', () => {
  it('keeps a chained log with global seqs readable by (workspace, id) and appends after it', async () => {
    const file = join(root, 'old.db');
    const a = newId();
    const b = newId();
    const old = new Database(file);
    migrate(drizzle({ client: old }), { migrationsFolder: migrationsUpTo0001() });
    const doc = old.prepare(
      "insert into documents (id, tenant_id, workspace_id, created_at, created_by, last_seq) values (?, 't', 'w', 1, 'u', ?)",
    );
    doc.run(a, 3);
    doc.run(b, 2);
    const upd = old.prepare(
      "insert into doc_updates (seq, doc_id, prev_seq, blob, actor, client, ts) values (?, ?, ?, ?, 'u', 'c', 1)",
    );
    upd.run(1, a, 0, Buffer.from([1]));
    upd.run(2, b, 0, Buffer.from([9]));
    upd.run(3, a, 1, Buffer.from([2]));
    old
      .prepare("insert into doc_snapshots (doc_id, seq, state, created_at) values (?, 1, x'0a', 1)")
      .run(a);
    old.close();
    // A crash before the upgrade left one acknowledged update of `b` in the journal.
    writeFileSync(`${file}.updates`, legacyJournalRecord(b, 3, [8]));

    const store = openSqliteDocStore({ file, onJournalError: (e) => expect.fail(String(e)) });
    const keyA = { workspaceId: 'w', docId: a };
    const keyB = { workspaceId: 'w', docId: b };
    try {
      expect(await store.load(keyA)).toEqual({
        snapshot: { seq: 1, state: new Uint8Array([10]) },
        updates: [{ seq: 3, update: new Uint8Array([2]) }],
      });
      expect((await store.readLog(keyB)).map((u) => [u.seq, u.update[0]])).toEqual([
        [2, 9],
        [3, 8],
      ]);
      expect(await store.findDocument(keyA)).toMatchObject({ tenantId: 't', createdBy: 'u' });
      expect(await store.findDocument({ workspaceId: 'other', docId: a })).toBeNull();
      const entry = { actor: 'u', client: 'c', ts: 2, update: new Uint8Array([3]) };
      expect(
        await store.appendUpdates([
          { ...entry, ...keyA },
          { ...entry, ...keyB },
        ]),
      ).toEqual([4, 4]);
      expect(await store.logStats(keyA)).toEqual({
        updatesSinceSnapshot: 2,
        bytesSinceSnapshot: 2,
        lastSeq: 4,
      });
    } finally {
      await store.close();
    }
    const check = new Database(file, { readonly: true });
    const ddl = check
      .prepare("select sql from sqlite_master where name = 'doc_updates'")
      .pluck()
      .get() as string;
    check.close();
    expect(ddl).toMatch(/WITHOUT ROWID/);
  });
});
