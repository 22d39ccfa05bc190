import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { checkpointOnDemand } from './checkpointThread';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function walDatabase() {
  const dir = mkdtempSync(join(tmpdir(), 'fieldbook-checkpoints-'));
  dirs.push(dir);
  const file = join(dir, 'db.sqlite');
  const client = new Database(file);
  client.pragma('journal_mode = WAL');
  client.pragma('wal_autocheckpoint = 0');
  client.exec('create table t (v blob)');
  const insert = client.prepare('insert into t (v) values (?)');
  const write = (kib: number) =>
    client.transaction(() => {
      for (let i = 0; i < kib; i++) insert.run(Buffer.alloc(1024, i));
    })();
  return { client, file, write };
}

describe('checkpointOnDemand', () => {
  it('starts no thread while the WAL is small, and one once it passes the size', async () => {
    const { client, file, write } = walDatabase();
    const thread = checkpointOnDemand(client, file, { intervalMs: 20, startBytes: 256 * 1024 });
    write(64);
    thread.wrote();
    expect(thread.started).toBe(false);
    write(512);
    thread.wrote();
    expect(thread.started).toBe(true);
    // The thread checkpoints: the WAL is then reused from its start instead of growing.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const size = statSync(`${file}-wal`).size;
    for (let round = 0; round < 5; round++) {
      write(256);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(statSync(`${file}-wal`).size).toBeLessThan(size + 1024 * 1024);
    await thread.stop();
    client.close();
  });

  it('stops at once when it never started', async () => {
    const { client, file } = walDatabase();
    const thread = checkpointOnDemand(client, file);
    thread.wrote();
    await thread.stop();
    expect(thread.started).toBe(false);
    client.close();
  });
});
