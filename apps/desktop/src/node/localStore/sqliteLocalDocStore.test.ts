import Database from 'better-sqlite3';
import { newId } from '@fieldbook/shared';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { describeAttachmentStoreContract } from '../../common/localStore/attachmentStore.contract';
import { describeLocalDocStoreContract } from '../../common/localStore/localDocStore.contract';
import { LOCAL_STORE_MIGRATIONS, LOCAL_STORE_SCHEMA_VERSION } from './localStoreSchema';
import { SqliteLocalDocStore } from './sqliteLocalDocStore';
import { LOCAL_STORE_APP_ID } from './sqliteOpen';

const dir = mkdtempSync(join(tmpdir(), 'fieldbook-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

describeLocalDocStoreContract('SQLite (better-sqlite3, real files)', async (compaction) => {
  const path = join(dir, `profile-${n++}.sqlite`);
  const store = SqliteLocalDocStore.open(path, compaction ? { compaction } : {});
  return {
    store,
    reopen: async () => {
      await store.close();
      return SqliteLocalDocStore.open(path);
    },
  };
});

describeAttachmentStoreContract('SQLite (better-sqlite3, real files)', async () => {
  const path = join(dir, `profile-${n++}.sqlite`);
  let store = SqliteLocalDocStore.open(path);
  return {
    store,
    reopen: async () => {
      await store.close();
      store = SqliteLocalDocStore.open(path);
      return store;
    },
    close: () => store.close(),
  };
});

it('migrates a schema v1 database to v2, keeping its documents and attachments', async () => {
  const path = join(dir, 'v1.sqlite');
  const v1 = new Database(path);
  v1.pragma(`application_id = ${LOCAL_STORE_APP_ID}`);
  v1.exec(LOCAL_STORE_MIGRATIONS[0]!);
  v1.pragma('user_version = 1');
  const [docId, workspaceId] = [newId(), newId()];
  v1.prepare(
    'INSERT INTO docs (doc_id, workspace_id, last_seq, updated_at) VALUES (?, ?, 1, 0)',
  ).run(docId, workspaceId);
  v1.prepare('INSERT INTO snapshots (doc_id, seq, state) VALUES (?, 1, ?)').run(
    docId,
    Buffer.from([0, 0]),
  );
  const hash = '2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824';
  v1.prepare('INSERT INTO attachment_blobs (hash, mime_type, bytes) VALUES (?, ?, ?)').run(
    hash,
    'text/plain',
    Buffer.from('hello'),
  );
  v1.close();

  const store = SqliteLocalDocStore.open(path);
  try {
    expect((await store.listDocs()).map((d) => d.docId)).toEqual([docId]);
    expect(await store.pendingUploads()).toEqual([
      { hash, name: hash, mimeType: 'text/plain', size: 5, uploaded: false },
    ]);
    await store.markUploaded(hash);
    expect((await store.keptFile(hash))?.uploaded).toBe(true);
  } finally {
    await store.close();
  }
  const raw = new Database(path, { readonly: true });
  expect(raw.pragma('user_version', { simple: true })).toBe(LOCAL_STORE_SCHEMA_VERSION);
  expect(LOCAL_STORE_SCHEMA_VERSION).toBe(2);
  raw.close();
});
