import Database from 'better-sqlite3';
import { isFieldbookError, newId } from '@fieldbook/shared';
import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { missingPart } from './mergeState';
import { readWorkspaceFile } from './readWorkspaceFile';
import { MemoryWorkspace } from './testSource';
import { writeWorkspaceFile } from './writeWorkspaceFile';

const dir = mkdtempSync(join(tmpdir(), 'fieldbook-wsfile-pkg-'));
const valid = join(dir, 'valid.fieldbook');
const workspaceId = newId();
const source = new MemoryWorkspace();
const noteIds = [newId(), newId(), newId()];

beforeAll(async () => {
  // Written in reverse id order: the writer sorts.
  for (const id of [...noteIds].reverse())
    source.edit(id, (d) => d.getText('body').insert(0, `Calibration drifted ${id}`));
  source.attach(
    new Uint8Array(32 * 1024).map((_, i) => (i * 31) % 251),
    'image/png',
  );
  await writeWorkspaceFile(source, { workspaceId, exportedBy: 'ada', path: valid, now: () => 5 });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function variant(name: string, change: (path: string) => void): string {
  const path = join(dir, `${name}.fieldbook`);
  copyFileSync(valid, path);
  change(path);
  return path;
}

function refusal(path: string, name?: string): { code: string; message: string } {
  try {
    readWorkspaceFile(path, name);
  } catch (err) {
    if (!isFieldbookError(err)) throw err;
    return { code: err.code, message: err.message };
  }
  throw new Error('the file was accepted');
}

describe('writeWorkspaceFile / readWorkspaceFile', () => {
  it('round-trips documents, attachments and the manifest', () => {
    const read = readWorkspaceFile(valid);
    expect(read.manifest).toMatchObject({
      workspaceId,
      exportedAt: 5,
      exportedBy: 'ada',
      documentCount: 3,
      attachmentCount: 1,
    });
    expect(read.documents.map((d) => d.id)).toEqual([...noteIds].sort());
    const first = new Y.Doc();
    Y.applyUpdate(first, read.documents[0]!.state);
    expect(first.getText('body').toString()).toContain('Calibration drifted');
    expect(read.attachments[0]!.bytes).toEqual(source.attachments.values().next().value!.bytes);
    expect(readdirSync(dir).filter((f) => f.endsWith('.partial'))).toEqual([]);
  });

  it('leaves no file when the source fails midway, and an older file intact', async () => {
    const target = join(dir, 'kept.fieldbook');
    copyFileSync(valid, target);
    const before = readFileSync(target);
    const failing = Object.assign(new MemoryWorkspace(), {
      documentState: async () => null,
      documentIds: async () => [newId()],
    });
    await expect(
      writeWorkspaceFile(failing, { workspaceId, exportedBy: 'ada', path: target }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(readFileSync(target)).toEqual(before);
    expect(readdirSync(dir).filter((f) => f.includes('partial'))).toEqual([]);
    await expect(
      writeWorkspaceFile(new MemoryWorkspace(), { workspaceId, exportedBy: 'a', path: target }),
    ).rejects.toMatchObject({ code: 'RESOURCE_NOT_FOUND' });
    await expect(
      writeWorkspaceFile(source, { workspaceId: 'nope', exportedBy: 'a', path: target }),
    ).rejects.toMatchObject({ code: 'VALIDATION_ERROR' });
  });

  it('refuses damaged, altered, newer and foreign files with a clear message', () => {
    const flipped = variant('flip', (p) => {
      const bytes = readFileSync(p);
      const at = bytes.indexOf('Calibration drifted');
      bytes[at + 3] = bytes[at + 3]! ^ 0x01;
      writeFileSync(p, bytes);
    });
    expect(refusal(flipped)).toEqual({
      code: 'WORKSPACE_FILE_INVALID',
      message: expect.stringMatching(
        /^flip\.fieldbook cannot be imported: .*checksum.*Nothing was changed\.$/,
      ),
    });
    const truncated = variant('cut', (p) => truncateSync(p, Math.floor(statSync(p).size / 2)));
    expect(refusal(truncated, 'upload.fieldbook')).toMatchObject({
      code: 'WORKSPACE_FILE_INVALID',
      message: expect.stringMatching(/^upload\.fieldbook cannot be imported: .*damaged/),
    });
    const newer = variant('newer', (p) => {
      const db = new Database(p);
      db.exec("UPDATE manifest SET json = json_set(json, '$.formatVersion', 2)");
      db.close();
    });
    expect(refusal(newer).message).toMatch(/format version 2; this app reads up to 1/);
    const text = join(dir, 'text.fieldbook');
    writeFileSync(text, 'hello\n'.repeat(1000));
    const foreign = join(dir, 'foreign.fieldbook');
    const other = new Database(foreign);
    other.exec('CREATE TABLE t (x)');
    other.close();
    for (const path of [text, foreign]) {
      expect(refusal(path).message).toMatch(/not a Fieldbook workspace file/);
    }
    expect(refusal(join(dir, 'missing.fieldbook')).code).toBe('RESOURCE_NOT_FOUND');
    expect(existsSync(valid)).toBe(true);
  });
});

describe('missingPart', () => {
  it('is what the local copy lacks, and null when nothing is new', () => {
    const a = new Y.Doc();
    a.getText('t').insert(0, 'shared');
    const local = Y.encodeStateAsUpdate(a);
    expect(missingPart(local, local)).toBeNull();
    const b = new Y.Doc();
    Y.applyUpdate(b, local);
    b.getText('t').insert(6, ' and more');
    const part = missingPart(local, Y.encodeStateAsUpdate(b))!;
    expect(part.byteLength).toBeLessThan(Y.encodeStateAsUpdate(b).byteLength);
    Y.applyUpdate(a, part);
    expect(a.getText('t').toString()).toBe('shared and more');
  });
});
