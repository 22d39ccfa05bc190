import { newId } from '@fieldbook/shared';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync, existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ProfileStores } from './profileStores';

const dir = mkdtempSync(join(tmpdir(), 'fieldbook-profiles-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('profile stores', () => {
  it('keeps each profile in its own database file', async () => {
    const stores = new ProfileStores(dir);
    const userId = newId();
    const doc = { workspaceId: newId(), docId: newId() };
    const y = new Y.Doc();
    y.getText('body').insert(0, 'hello');
    const update = Y.encodeStateAsUpdate(y);
    await stores.get('local').appendUpdates([{ ...doc, update, source: 'local' }]);
    expect(stores.get('local')).toBe(stores.get('local'));
    expect(await stores.get(userId).listDocs()).toEqual([]);
    expect(await stores.get('local').listDocs()).toHaveLength(1);
    expect(existsSync(join(dir, 'local', 'fieldbook.sqlite'))).toBe(true);
    expect(existsSync(join(dir, userId, 'fieldbook.sqlite'))).toBe(true);
    await stores.closeAll();
  });

  it('refuses ids that could leave the folder, and reports a damaged database', async () => {
    const stores = new ProfileStores(dir);
    for (const bad of ['..', '../x', 'a/b', '', 'x'.repeat(65)]) {
      expect(() => stores.get(bad)).toThrow(expect.objectContaining({ code: 'VALIDATION_ERROR' }));
    }
    mkdirSync(join(dir, 'broken'));
    writeFileSync(join(dir, 'broken', 'fieldbook.sqlite'), 'not a database at all, just text');
    expect(() => stores.get('broken')).toThrow(
      expect.objectContaining({ code: 'STORAGE_CORRUPT' }),
    );
    await stores.closeAll();
  });

  it('recovers a damaged database by setting it aside and starting an empty one', async () => {
    const stores = new ProfileStores(dir);
    const folder = join(dir, 'damaged');
    mkdirSync(folder);
    const garbage = 'SQLite format 3\u0000' + 'x'.repeat(5000);
    writeFileSync(join(folder, 'fieldbook.sqlite'), garbage);
    expect(() => stores.get('damaged')).toThrow(
      expect.objectContaining({ code: 'STORAGE_CORRUPT' }),
    );

    const { keptAs } = await stores.recover('damaged', 1_700_000_000_000);
    expect(keptAs).toBe(join(folder, 'fieldbook.sqlite.damaged-1700000000000'));
    expect(readFileSync(keptAs, 'utf8')).toBe(garbage);
    const fresh = stores.get('damaged');
    expect(await fresh.listDocs()).toEqual([]);
    const doc = { workspaceId: newId(), docId: newId() };
    const y = new Y.Doc();
    y.getText('body').insert(0, 'rebuilt');
    await fresh.appendUpdates([{ ...doc, update: Y.encodeStateAsUpdate(y), source: 'local' }]);
    expect(await fresh.listDocs()).toHaveLength(1);
    await expect(stores.recover('../x')).rejects.toMatchObject({ code: 'VALIDATION_ERROR' });
    await stores.closeAll();
  });
});
