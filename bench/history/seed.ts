// The two documents as update logs: a note of 50,000 single-keystroke
// updates and a collection of 10,000 annotations with 100,000 updates, from
// three people in sessions, with realistic times between changes.
import * as Y from 'yjs';
import {
  actorOrigin,
  addComment,
  approveAnnotation,
  createAnnotation,
  createAnnotationCollection,
  createNote,
  editAnnotation,
  editNoteText,
  moveAnnotation,
  reopenAnnotation,
} from '@fieldbook/crdt-model';
import type { DocStore, DocumentRef, UpdateEntry } from '../../apps/sync-server/src';

/** A small seeded PRNG (mulberry32). */
export function prng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PEOPLE = ['ada', 'bo', 'cy'].map((id) => ({ id, origin: actorOrigin(id) }));

/** Appends every update `make` produces to the store (batches of 2,000), one person per session. */
async function record(
  store: DocStore,
  ref: DocumentRef,
  count: number,
  make: (i: number, doc: Y.Doc, who: (typeof PEOPLE)[number]) => void,
  stepMs: number,
): Promise<{ doc: Y.Doc; bytes: number }> {
  const doc = new Y.Doc();
  let batch: UpdateEntry[] = [];
  let bytes = 0;
  let ts = Date.UTC(2026, 10, 1);
  let who = PEOPLE[0]!;
  doc.on('update', (update: Uint8Array) => {
    bytes += update.length;
    batch.push({ ...ref, update, actor: who.id, client: `${who.id}-session`, ts });
  });
  await store.ensureDocument(ref, 'ada');
  const clientIds = prng(count);
  for (let i = 0; i < count; i++) {
    // A new person takes over every 1,500 changes, in a session (an app
    // instance) of their own: a Yjs client id of its own, as a real editor has.
    if (i % 1500 === 0) doc.clientID = Math.floor(clientIds() * 2 ** 31);
    who = PEOPLE[Math.floor(i / 1500) % PEOPLE.length]!;
    ts += stepMs;
    make(i, doc, who);
    if (batch.length >= 2000) {
      await store.appendUpdates(batch);
      batch = [];
    }
  }
  if (batch.length) await store.appendUpdates(batch);
  const log = await store.footprint(ref);
  // As the hub's compaction would have: a snapshot of today's state.
  await store.writeSnapshot(ref, { seq: log.lastSeq, state: Y.encodeStateAsUpdate(doc) });
  return { doc, bytes };
}

/** A note typed one character per update (about one in eight a deletion), 200 ms apart. */
export function seedNote(store: DocStore, ref: DocumentRef, keystrokes: number) {
  const random = prng(7);
  return record(
    store,
    ref,
    keystrokes,
    (i, doc, who) => {
      if (i === 0) return createNote(doc, { title: 'Traverse log', text: '# Sol 1\n' }, who.origin);
      const body = doc.getText('body');
      // Mostly typing at the end; now and then a fix further up.
      const len = body.length;
      const at = random() < 0.9 ? len : Math.floor(random() * len);
      if (random() < 0.12 && at > 0) {
        editNoteText(doc, { index: at - 1, deleteCount: 1 }, who.origin);
      } else {
        const ch = i % 400 === 0 ? `\n# Sol ${i / 400 + 1}\n` : random() < 0.17 ? ' ' : 'e';
        editNoteText(doc, { index: at, insert: ch }, who.origin);
      }
    },
    200,
  );
}

/** A collection: `annotations` created, then edits, moves, approvals and comments up to `updates`. */
export function seedCollection(
  store: DocStore,
  ref: DocumentRef,
  annotations: number,
  updates: number,
) {
  const random = prng(11);
  const ids: string[] = [];
  const approved = new Set<string>();
  return record(
    store,
    ref,
    updates,
    (i, doc, who) => {
      if (i === 0) return createAnnotationCollection(doc, { name: 'Dust events' }, who.origin);
      if (ids.length < annotations && (i <= annotations || random() < 0.1)) {
        const t = i * 1000;
        const anchor = { channels: ['tau'], t, t2: t + 60_000 };
        ids.push(createAnnotation(doc, { kind: 'range', anchor, title: `Event ${i}` }, who.origin));
        return;
      }
      const id = ids[Math.floor(random() * ids.length)]!;
      const r = random();
      if (r < 0.4) editAnnotation(doc, { id, title: `Event ${i}` }, who.origin);
      else if (r < 0.7) moveAnnotation(doc, { id, dt: 500 }, who.origin);
      else if (r < 0.85) {
        if (approved.delete(id)) reopenAnnotation(doc, { id }, who.origin);
        else {
          approveAnnotation(doc, { id }, who.origin);
          approved.add(id);
        }
      } else addComment(doc, { annotationId: id, body: `seen at ${i}` }, who.origin);
    },
    1000,
  );
}
