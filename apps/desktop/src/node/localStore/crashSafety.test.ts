// Crash safety and damage detection of the SQLite store, on real files:
// a writer killed with SIGKILL loses nothing it reported as stored, and a
// truncated, scribbled-over or foreign file is refused with STORAGE_CORRUPT.
import { isFieldbookError, newId } from '@fieldbook/shared';
import { spawn } from 'node:child_process';
import {
  closeSync,
  mkdtempSync,
  openSync,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { SqliteLocalDocStore } from './sqliteLocalDocStore';

const dir = mkdtempSync(join(tmpdir(), 'fieldbook-crash-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const appDir = fileURLToPath(new URL('../../..', import.meta.url));
const writer = fileURLToPath(new URL('./killedWriter.fixture.ts', import.meta.url));

/** Runs the writer until it has reported `killAfter` stores, SIGKILLs it, returns what it reported. */
function runAndKill(args: string[], killAfter: number): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', writer, ...args], {
      cwd: appDir,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const reported: number[] = [];
    let buffer = '';
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      buffer += d.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) reported.push(Number(line.replace('stored ', '')));
      if (reported.length >= killAfter) child.kill('SIGKILL');
    });
    child.on('exit', (_code, signal) =>
      signal === 'SIGKILL' ? resolve(reported) : reject(new Error(`writer exited: ${stderr}`)),
    );
  });
}

async function corruptCode(path: string): Promise<string> {
  try {
    const store = SqliteLocalDocStore.open(path);
    await store.listDocs();
    await store.close();
    return 'opened';
  } catch (err) {
    return isFieldbookError(err) ? err.code : String(err);
  }
}

async function makeStore(path: string): Promise<void> {
  const store = SqliteLocalDocStore.open(path);
  const doc = new Y.Doc();
  const ws = newId();
  for (let i = 0; i < 200; i++) {
    doc.getText('t').insert(0, `line ${i} `.repeat(20));
    const update = Y.encodeStateAsUpdate(doc);
    await store.appendUpdates([{ docId: newId(), workspaceId: ws, update, source: 'local' }]);
  }
  await store.close();
}

describe('SQLite store crash safety', () => {
  it('loses nothing it reported as stored when the writer is SIGKILLed', async () => {
    const path = join(dir, 'killed.sqlite');
    const docId = newId();
    const ws = newId();
    for (const [round, killAfter] of [
      [0, 120],
      [1, 7],
      [2, 260],
    ] as const) {
      const reported = await runAndKill([path, docId, ws, String(round)], killAfter);
      expect(reported.length).toBeGreaterThanOrEqual(killAfter);
      const store = SqliteLocalDocStore.open(path);
      const loaded = await store.loadDoc(docId);
      const doc = new Y.Doc();
      Y.applyUpdate(doc, loaded!.state);
      const keys = doc.getMap('m');
      const missing = reported.filter((i) => keys.get(`${round}-${i}`) !== i);
      expect(missing).toEqual([]);
      const outbox = await store.pendingOutbox(100_000);
      expect(outbox.length).toBeGreaterThanOrEqual(reported.length);
      await store.close();
    }
  });
});

describe('SQLite store damage detection', () => {
  it('refuses a truncated database with STORAGE_CORRUPT', async () => {
    const path = join(dir, 'truncated.sqlite');
    await makeStore(path);
    truncateSync(path, Math.floor(statSync(path).size / 2));
    expect(await corruptCode(path)).toBe('STORAGE_CORRUPT');
  });

  it('refuses a database with scribbled pages with STORAGE_CORRUPT', async () => {
    const path = join(dir, 'scribbled.sqlite');
    await makeStore(path);
    const fd = openSync(path, 'r+');
    const size = statSync(path).size;
    for (let at = 4096; at < size; at += 8192)
      writeSync(fd, Buffer.alloc(64, 0xa5), 0, 64, at + 100);
    closeSync(fd);
    expect(await corruptCode(path)).toBe('STORAGE_CORRUPT');
  });

  it('refuses a file that is not a database, or is another program’s database', async () => {
    const text = join(dir, 'notes.txt');
    writeFileSync(text, 'just some text, definitely not SQLite\n'.repeat(200));
    expect(await corruptCode(text)).toBe('STORAGE_CORRUPT');
    const foreign = join(dir, 'foreign.sqlite');
    const db = new Database(foreign);
    db.exec('CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)');
    db.close();
    expect(await corruptCode(foreign)).toBe('STORAGE_CORRUPT');
  });

  it('says clearly what is wrong', async () => {
    const path = join(dir, 'message.sqlite');
    await makeStore(path);
    truncateSync(path, 1000);
    expect(() => SqliteLocalDocStore.open(path)).toThrow(/damaged/);
  });
});
