import { newId } from '@fieldbook/shared';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ProfileStores } from '../localStore/profileStores';
import { desktopHandlers } from './desktopHandlers';
import { dispatchIpc } from './ipcRouter';

const dir = mkdtempSync(join(tmpdir(), 'fieldbook-recovery-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('a damaged profile database is reported over IPC as STORAGE_CORRUPT and can be rebuilt', async () => {
  const stores = new ProfileStores(dir);
  const handlers = desktopHandlers({
    storeFor: (profileId) => stores.get(profileId),
    recoverStore: (profileId) => stores.recover(profileId),
    appInfo: { name: 'Fieldbook', version: '0.1.0', platform: 'linux' },
    actor: 'local:ada',
    chooseExportPath: async () => null,
    chooseImportPath: async () => null,
    sendProgress: () => undefined,
    showNotification: () => false,
  });
  mkdirSync(join(dir, 'local'));
  writeFileSync(join(dir, 'local', 'fieldbook.sqlite'), 'SQLite format 3\u0000'.padEnd(4096, 'z'));
  const docId = newId();

  const refused = await dispatchIpc(handlers, 'docs:load', { profileId: 'local', docId });
  expect(refused).toMatchObject({ ok: false, error: { code: 'STORAGE_CORRUPT' } });

  const recovered = await dispatchIpc(handlers, 'store:recover', { profileId: 'local' });
  expect(recovered.ok).toBe(true);
  const keptAs = recovered.ok ? (recovered.value as { keptAs: string }).keptAs : '';
  expect(existsSync(keptAs)).toBe(true);

  // The renderer merges its own copy back in: the rebuilt store takes it and returns it.
  const y = new Y.Doc();
  y.getText('body').insert(0, 'kept in the window');
  const update = Y.encodeStateAsUpdate(y);
  const workspaceId = newId();
  const appended = await dispatchIpc(handlers, 'docs:append', {
    profileId: 'local',
    workspaceId,
    docId,
    update,
    source: 'local',
  });
  expect(appended.ok).toBe(true);
  const loaded = await dispatchIpc(handlers, 'docs:load', { profileId: 'local', docId });
  const copy = new Y.Doc();
  if (loaded.ok && loaded.value) Y.applyUpdate(copy, loaded.value as Uint8Array);
  expect(copy.getText('body').toString()).toBe('kept in the window');
  await stores.closeAll();
});
