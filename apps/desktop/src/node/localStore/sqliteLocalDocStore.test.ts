import Database from 'better-sqlite3';
import { newId } from '@fieldbook/shared';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { CompactionPolicy } from '../../common/localStore/localDocStore';
import { describeAttachmentStoreContract } from '../../common/localStore/attachmentStore.contract';
import { describeLocalDocHistoryContract } from '../../common/localStore/localDocHistory.contract';
import {
  contentOf,
  describeLocalDocStoreContract,
  recordingDoc,
} from '../../common/localStore/localDocStore.contract';
import { LOCAL_STORE_MIGRATIONS, LOCAL_STORE_SCHEMA_VERSION } from './localStoreSchema';
import { SqliteLocalDocStore } from './sqliteLocalDocStore';
import { LOCAL_STORE_APP_ID } from './sqliteOpen';

const dir = mkdtempSync(join(tmpdir(), 'fieldbook-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

async function openUnderTest(compaction?: CompactionPolicy) {
  const path = join(dir, `profile-${n++}.sqlite`);
  const store = SqliteLocalDocStore.open(path, compaction ? { compaction } : {});
  return {
    store,
    reopen: async () => {
      await store.close();
      return SqliteLocalDocStore.open(path);
    },
  };
}
describeLocalDocStoreContract('SQLite (better-sqlite3, real files)', openUnderTest);
describeLocalDocHistoryContract('SQLite (better-sqlite3, real files)', openUnderTest);

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
  expect(LOCAL_STORE_SCHEMA_VERSION).toBe(3);
  raw.close();
});

it('migrates a schema v2 database to v3: its content loads and becomes history of unknown time and author', async () => {
  const path = join(dir, 'v2.sqlite');
  const v2 = new Database(path);
  v2.pragma(`application_id = ${LOCAL_STORE_APP_ID}`);
  v2.exec(LOCAL_STORE_MIGRATIONS[0]! + LOCAL_STORE_MIGRATIONS[1]!);
  v2.pragma('user_version = 2');
  const [docId, workspaceId] = [newId(), newId()];
  const { doc, updates } = recordingDoc();
  for (let i = 0; i < 5; i++) doc.getText('t').insert(0, `${i}`);
  // The old compaction folded seqs 1..3 into the snapshot and dropped their rows.
  v2.prepare(
    'INSERT INTO docs (doc_id, workspace_id, last_seq, updated_at) VALUES (?, ?, 5, 0)',
  ).run(docId, workspaceId);
  const folded = Y.mergeUpdates(updates.slice(0, 3));
  v2.prepare('INSERT INTO snapshots (doc_id, seq, state) VALUES (?, 3, ?)').run(docId, folded);
  const row = v2.prepare('INSERT INTO updates (doc_id, seq, blob) VALUES (?, ?, ?)');
  row.run(docId, 4, updates[3]);
  row.run(docId, 5, updates[4]);
  v2.close();

  const store = SqliteLocalDocStore.open(path);
  try {
    const loaded = await store.loadDoc(docId);
    expect(loaded).toMatchObject({ lastSeq: 5, updatesSinceSnapshot: 2 });
    expect(contentOf(loaded!.state)).toEqual(contentOf(Y.encodeStateAsUpdate(doc)));
    const rows = await store.readHistory(docId, { after: null, limit: 10 });
    expect(rows).toEqual([
      { seq: 0, update: new Uint8Array(folded), ts: null, actor: null },
      { seq: 4, update: updates[3], ts: null, actor: null },
      { seq: 5, update: updates[4], ts: null, actor: null },
    ]);
    await store.appendUpdates([
      { docId, workspaceId, update: updates[0]!, source: 'local', actor: 'u' },
    ]);
    expect((await store.readHistory(docId, { after: 5, limit: 10 }))[0]).toMatchObject({
      seq: 6,
      actor: 'u',
    });
  } finally {
    await store.close();
  }
});
