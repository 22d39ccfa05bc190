// Child process for the SIGKILL test: appends updates to a store as fast as it
// can and reports each one on stdout only after appendUpdates has resolved.
// Usage: node --import tsx killedWriter.fixture.ts <db> <docId> <workspaceId> <round>
import { writeSync } from 'node:fs';
import * as Y from 'yjs';
import { SqliteLocalDocStore } from './sqliteLocalDocStore';

const [dbPath, docId, workspaceId, round] = process.argv.slice(2) as [
  string,
  string,
  string,
  string,
];
const store = SqliteLocalDocStore.open(dbPath, {
  compaction: { maxUpdates: 40, maxBytes: 1 << 20 },
});
const existing = await store.loadDoc(docId);
const doc = new Y.Doc();
if (existing) Y.applyUpdate(doc, existing.state);
let pending: Uint8Array[] = [];
doc.on('update', (u: Uint8Array) => pending.push(u));

for (let i = 0; ; i++) {
  doc.transact(() => {
    doc.getMap('m').set(`${round}-${i}`, i);
    doc.getText('t').insert(0, `${round}.${i} `);
  });
  const batch = pending;
  pending = [];
  await store.appendUpdates(
    batch.map((update) => ({ docId, workspaceId, update, source: 'local' })),
  );
  writeSync(1, `stored ${i}\n`);
}
