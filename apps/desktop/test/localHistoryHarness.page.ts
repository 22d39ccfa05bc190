// A page script for test/localHistory.e2e.test.ts: the renderer's local
// history code (IndexedDB history rows, grouping, opening old versions) in
// real Chromium, driven from Node with plain values.
import { actorOrigin, createNote, kindOf, replaceNoteText } from '@fieldbook/crdt-model';
import * as Y from 'yjs';
import { mergeHistory } from '../src/renderer/history/historyMerge';
import { readLocalHistory } from '../src/renderer/history/localHistory';
import { LocalHistoryApi } from '../src/renderer/history/localHistoryApi';
import { DocReplica, localDbName } from '../src/renderer/sync/docReplica';

const req = <T>(r: IDBRequest<T>) =>
  new Promise<T>((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error ?? new Error('request failed'));
  });

/** The note body after each raw history row, replayed in order in a plain doc: seq → text. */
async function replayRows(profileId: string, docId: string): Promise<Map<number, string>> {
  const db = await req(indexedDB.open(localDbName(profileId, docId)));
  const store = db.transaction('history', 'readonly').objectStore('history');
  const [rows, keys] = await Promise.all([
    req(store.getAll() as IDBRequest<{ update: Uint8Array }[]>),
    req(store.getAllKeys()),
  ]);
  db.close();
  const doc = new Y.Doc();
  return new Map(
    rows.map((r, i) => {
      Y.applyUpdate(doc, r.update);
      return [keys[i] as number, doc.getText('body').toString()];
    }),
  );
}

const harness = {
  /** Writes a document the way y-indexeddb (schema v1) did: rows in `updates`, a compacted first row. */
  async seedV1(profileId: string, docId: string, texts: string[]) {
    const open = indexedDB.open(localDbName(profileId, docId), 1);
    open.onupgradeneeded = () => {
      open.result.createObjectStore('updates', { autoIncrement: true });
      open.result.createObjectStore('custom');
    };
    const db = await req(open);
    const doc = new Y.Doc();
    const rows: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => rows.push(u));
    const who = actorOrigin('old-user');
    createNote(doc, { title: 'Log' }, who);
    for (const text of texts) replaceNoteText(doc, { text }, who);
    const tx = db.transaction('updates', 'readwrite');
    tx.objectStore('updates').add(Y.mergeUpdates(rows.slice(0, 2)));
    for (const r of rows.slice(2)) tx.objectStore('updates').add(r);
    tx.commit();
    await new Promise((resolve) => (tx.oncomplete = resolve));
    db.close();
  },
  /** Opens a replica as the app does, makes edits as `actor`, optionally marks them acknowledged, closes it. */
  async edit(
    profileId: string,
    ref: { docId: string; workspaceId: string },
    actor: string,
    texts: string[],
    acked: boolean,
    settleMs = 200,
  ) {
    const replica = new DocReplica(ref, profileId, null, undefined, actor);
    await replica.ready;
    const who = actorOrigin(actor);
    if (!kindOf(replica.doc)) createNote(replica.doc, { title: 'Log' }, who);
    for (const text of texts) replaceNoteText(replica.doc, { text }, who);
    if (acked) replica.serverSynced();
    await new Promise((r) => setTimeout(r, settleMs));
    replica.destroy();
  },
  /** The local history: each entry's who, count and whether it is known and acknowledged, and each version's text. */
  async history(profileId: string, docId: string) {
    const h = await readLocalHistory(profileId, docId);
    return h.entries.map((e) => {
      const v = h.snapshot(e.lastSeq);
      return {
        seq: e.lastSeq,
        actor: e.actor,
        actorName: e.actorName,
        updates: e.updates,
        known: e.known,
        acked: e.acked,
        inserted: e.summary.text?.inserted ?? 0,
        text: v.kind === 'note' ? v.snapshot.text : null,
      };
    });
  },
  /**
   * Each entry, newest first, opened as the version dialog opens it (through
   * LocalHistoryApi: the entry's snapshot, and the diff from it to the newest
   * entry split into the text shown — runs kept or deleted since — and the
   * text inserted since), beside the body of a plain doc replaying every raw
   * history row up to the entry.
   */
  async opened(profileId: string, docId: string) {
    const h = await readLocalHistory(profileId, docId);
    const api = new LocalHistoryApi(h, 'workspace', docId);
    const replayed = await replayRows(profileId, docId);
    const newest = String(h.entries[0]!.lastSeq);
    return Promise.all(
      h.entries.map(async (e) => {
        const seq = String(e.lastSeq);
        const v = await api.snapshot(seq);
        const runs = seq === newest ? [] : ((await api.diff(seq, newest)).text ?? []);
        const join = (insert: boolean) =>
          runs
            .filter((r) => (r.op === 'insert') === insert)
            .map((r) => r.text)
            .join('');
        return {
          replayed: replayed.get(e.lastSeq),
          text: v.kind === 'note' ? v.snapshot.text : null,
          shown: runs.length ? join(false) : null,
          inserted: join(true),
        };
      }),
    );
  },
  /** The ids the panel would list with the server's entries merged in (none: offline). */
  async merged(profileId: string, docId: string, online: boolean) {
    const h = await readLocalHistory(profileId, docId);
    return mergeHistory(online ? [] : null, h.entries).map((e) => e.id);
  },
  /** Rows in the `updates` and `history` stores (compaction folds only the first). */
  async counts(profileId: string, docId: string) {
    const db = await req(indexedDB.open(localDbName(profileId, docId)));
    const tx = db.transaction(['updates', 'history'], 'readonly');
    const [u, h] = await Promise.all([
      req(tx.objectStore('updates').count()),
      req(tx.objectStore('history').count()),
    ]);
    db.close();
    return { updates: u, history: h, version: db.version };
  },
};

declare global {
  interface Window {
    historyHarness: typeof harness;
  }
}
window.historyHarness = harness;
