import { newId } from '@fieldbook/shared';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
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
      expect.objectContaining({ code: 'SERVICE_UNAVAILABLE' }),
    );
    await stores.closeAll();
  });
});
