// A corrupt, tampered, too-new or foreign file is refused with a clear
// WORKSPACE_FILE_INVALID message, and the store it was imported into is left
// exactly as it was.
import { isFieldbookError, newId } from '@fieldbook/shared';
import Database from 'better-sqlite3';
import { copyFileSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { SqliteLocalDocStore } from '../localStore/sqliteLocalDocStore';
import { exportWorkspaceFile } from './exportWorkspace';
import { importWorkspaceFile } from './importWorkspace';
import { editDoc, fingerprint, newStore, tempDir } from './testReplica';

const dir = tempDir();
const valid = join(dir, 'valid.fieldbook');
let store: SqliteLocalDocStore;
let noteId: string;

beforeAll(async () => {
  const source = newStore(dir);
  const workspaceId = newId();
  noteId = newId();
  await editDoc(source, { docId: noteId, workspaceId }, (doc) =>
    doc.getText('body').insert(0, 'Calibration drifted by 0.3 K overnight.'),
  );
  await editDoc(source, { docId: newId(), workspaceId }, (doc) => doc.getMap('m').set('k', 1));
  const big = new Uint8Array(64 * 1024).map((_, i) => (i * 31) % 251);
  await source.putAttachment(workspaceId, big, 'application/octet-stream');
  await exportWorkspaceFile(source, { workspaceId, exportedBy: 'ada', path: valid });
  // The store the bad files are imported into already holds an edited copy.
  store = newStore(dir);
  await importWorkspaceFile(store, valid);
  await editDoc(store, { docId: noteId, workspaceId }, (doc) =>
    doc.getText('body').insert(0, '! '),
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function variant(name: string, change: (path: string) => void): string {
  const path = join(dir, `${name}.fieldbook`);
  copyFileSync(valid, path);
  change(path);
  return path;
}

function editSql(path: string, sql: string, ...params: unknown[]): void {
  const db = new Database(path);
  db.prepare(sql).run(...params);
  db.close();
}

async function refusal(path: string): Promise<{ code: string; message: string }> {
  const before = await fingerprint(store);
  const err = await importWorkspaceFile(store, path).then(
    () => new Error('import succeeded'),
    (e: unknown) => e,
  );
  expect(await fingerprint(store)).toEqual(before);
  if (!isFieldbookError(err)) throw err;
  return { code: err.code, message: err.message };
}

describe('refused workspace files change nothing', () => {
  it('imports the untouched file (the variants below start from it)', async () => {
    expect(await importWorkspaceFile(store, valid)).toMatchObject({ documentsUnchanged: 2 });
  });

  it('one flipped byte inside a document', async () => {
    const path = variant('flip-one', (p) => {
      const bytes = readFileSync(p);
      const at = bytes.indexOf('Calibration drifted');
      expect(at).toBeGreaterThan(0);
      bytes[at + 3] = bytes[at + 3]! ^ 0x01;
      writeFileSync(p, bytes);
    });
    expect(await refusal(path)).toEqual({
      code: 'WORKSPACE_FILE_INVALID',
      message: expect.stringMatching(
        /flip-one\.fieldbook cannot be imported: .*do not match its checksum.*Nothing was changed/,
      ),
    });
  });

  it('bytes flipped all over the file', async () => {
    const path = variant('flip-many', (p) => {
      const bytes = readFileSync(p);
      for (let i = 200; i < bytes.length; i += 997) bytes[i] = bytes[i]! ^ 0xff;
      writeFileSync(p, bytes);
    });
    expect(await refusal(path)).toMatchObject({
      code: 'WORKSPACE_FILE_INVALID',
      message: expect.stringMatching(/damaged/),
    });
  });

  it('a truncated file', async () => {
    const path = variant('truncated', (p) => truncateSync(p, Math.floor(statSync(p).size / 2)));
    expect(await refusal(path)).toMatchObject({
      code: 'WORKSPACE_FILE_INVALID',
      message: expect.stringMatching(/damaged/),
    });
  });

  it('a newer format version', async () => {
    const path = variant('newer', (p) =>
      editSql(p, "UPDATE manifest SET json = json_set(json, '$.formatVersion', 2)"),
    );
    expect(await refusal(path)).toMatchObject({
      code: 'WORKSPACE_FILE_INVALID',
      message: expect.stringMatching(
        /newer Fieldbook \(format version 2; this app reads up to 1\)/,
      ),
    });
  });

  it('a malformed manifest', async () => {
    const path = variant('old', (p) =>
      editSql(p, "UPDATE manifest SET json = json_set(json, '$.formatVersion', 0)"),
    );
    expect(await refusal(path)).toMatchObject({
      message: expect.stringMatching(/manifest is malformed/),
    });
  });

  it('a tampered checksum, and content changed without fixing it', async () => {
    const hash = variant('hash', (p) =>
      editSql(p, "UPDATE manifest SET json = json_set(json, '$.sha256', ?)", 'ab'.repeat(32)),
    );
    expect(await refusal(hash)).toMatchObject({ message: expect.stringMatching(/checksum/) });
    const forged = new Y.Doc();
    forged.getText('body').insert(0, 'forged');
    const content = variant('content', (p) =>
      editSql(
        p,
        'UPDATE documents SET state = ? WHERE id = ?',
        Y.encodeStateAsUpdate(forged),
        noteId,
      ),
    );
    expect(await refusal(content)).toMatchObject({ message: expect.stringMatching(/checksum/) });
  });

  it('foreign files: plain text, another program’s database, a Fieldbook local store', async () => {
    const text = join(dir, 'readme.fieldbook');
    writeFileSync(text, 'hello\n'.repeat(1000));
    const foreign = join(dir, 'foreign.fieldbook');
    editSql(foreign, 'CREATE TABLE manifest (id INTEGER PRIMARY KEY, json TEXT)');
    const localStore = join(dir, 'profile.fieldbook');
    await SqliteLocalDocStore.open(localStore).close();
    for (const path of [text, foreign, localStore]) {
      expect(await refusal(path)).toMatchObject({
        code: 'WORKSPACE_FILE_INVALID',
        message: expect.stringMatching(/not a Fieldbook workspace file/),
      });
    }
  });

  it('a missing file', async () => {
    expect(await refusal(join(dir, 'nowhere.fieldbook'))).toMatchObject({
      code: 'RESOURCE_NOT_FOUND',
    });
  });
});
