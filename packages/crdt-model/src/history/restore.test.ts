import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import * as M from '../index';
import { testOrigin } from '../testSupport';
import { restoreVersion } from './restore';
import { advanceSnapshot, newHistoryDoc } from './snapshots';

/** A document with its log: `history(n)` is a history doc of the whole log, `at(n)` the snapshot after n updates. */
function logged() {
  const doc = new Y.Doc();
  const log: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => log.push(u));
  return {
    doc,
    log,
    history() {
      const h = newHistoryDoc();
      for (const u of log) Y.applyUpdate(h, u);
      return h;
    },
    at: (n: number) => advanceSnapshot(null, log.slice(0, n)),
  };
}

/** A second replica of `doc` (an offline client). */
function replicaOf(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
}

const me = testOrigin('ada');
const reviewer = testOrigin('rey');

describe('restore as a forward change', () => {
  it('brings a note back exactly, and an offline edit made before it still merges', () => {
    const n = logged();
    M.createNote(n.doc, { title: 'Log', text: 'alpha beta gamma' }, me);
    const version = n.log.length;
    M.editNoteText(n.doc, { index: 6, deleteCount: 5, insert: 'BETA' }, me);
    M.renameNote(n.doc, { title: 'Changed' }, me);
    M.tagNote(n.doc, { add: ['x'] }, me);
    const wanted = M.readNote(replicaOfState(n.log.slice(0, version)));
    const offline = replicaOf(n.doc);
    M.editNoteText(offline, { index: 0, insert: '>> ' }, testOrigin('off'));

    const restore: Uint8Array[] = [];
    n.doc.on('update', (u: Uint8Array) => restore.push(u));
    restoreVersion(n.doc, { history: n.history(), at: n.at(version) }, reviewer);
    expect(restore).toHaveLength(1);
    expect(M.readNote(n.doc)).toEqual(wanted);

    // The offline client reconnects: both sides exchange what the other lacks.
    Y.applyUpdate(offline, Y.encodeStateAsUpdate(n.doc, Y.encodeStateVector(offline)));
    Y.applyUpdate(n.doc, Y.encodeStateAsUpdate(offline, Y.encodeStateVector(n.doc)));
    expect(M.readNote(n.doc).text).toBe('>> alpha beta gamma');
    expect(M.readNote(offline)).toEqual(M.readNote(n.doc));
  });

  it('restores one annotation without touching the others, and can be undone', () => {
    const c = logged();
    M.createAnnotationCollection(c.doc, { name: 'Dust' }, me);
    const anchor = { channels: ['ch'], t: 0, t2: 10 };
    const a = M.createAnnotation(c.doc, { kind: 'range', anchor, title: 'A', body: 'keep' }, me);
    const b = M.createAnnotation(c.doc, { kind: 'range', anchor, title: 'B' }, me);
    M.addComment(c.doc, { annotationId: a, body: 'note' }, me);
    const beforeDelete = c.log.length;
    const annotationA = M.readAnnotation(c.doc, a);
    M.deleteAnnotation(c.doc, { id: a }, me);
    M.editAnnotation(c.doc, { id: b, title: 'B2' }, me);
    const beforeRestore = c.log.length;
    const today = M.readAnnotationCollection(c.doc);

    restoreVersion(
      c.doc,
      { history: c.history(), at: c.at(beforeDelete), part: { root: 'annotations', key: a } },
      reviewer,
    );
    expect(M.readAnnotation(c.doc, a)).toEqual(annotationA);
    expect(M.readAnnotation(c.doc, b)?.title).toBe('B2');

    // Undo the restore: restore the version before it.
    restoreVersion(c.doc, { history: c.history(), at: c.at(beforeRestore) }, reviewer);
    expect(M.readAnnotationCollection(c.doc)).toEqual(today);
  });

  it('restores a collection reading only the annotations changed since the version', () => {
    const c = logged();
    M.createAnnotationCollection(c.doc, { name: 'Dust' }, me);
    const anchor = { channels: ['ch'], t: 0, t2: 10 };
    const ids = ['A', 'B', 'C', 'D'].map((title) =>
      M.createAnnotation(c.doc, { kind: 'range', anchor, title }, me),
    );
    const version = c.log.length;
    const wanted = M.readAnnotationCollection(replicaOfState(c.log));
    M.editAnnotation(c.doc, { id: ids[1]!, title: 'B2' }, me);
    M.deleteAnnotation(c.doc, { id: ids[2]! }, me);
    M.createAnnotation(c.doc, { kind: 'range', anchor, title: 'E' }, me);
    const history = c.history();
    // An annotation no change since touched is not read: one that throws when read proves it.
    const untouched = history.getMap('annotations')._map.get(ids[0]!)!;
    Object.defineProperty(untouched, 'content', {
      get: () => {
        throw new Error('an untouched annotation was read');
      },
    });

    restoreVersion(c.doc, { history, at: c.at(version) }, reviewer);
    expect(M.readAnnotationCollection(c.doc)).toEqual(wanted);
  });

  it('a restore to the state the document is in changes nothing', () => {
    const c = logged();
    M.createAnnotationCollection(c.doc, { name: 'Dust' }, me);
    M.createAnnotation(c.doc, { kind: 'point', anchor: { channels: ['ch'], t: 1, y: 2 } }, me);
    const updates: Uint8Array[] = [];
    c.doc.on('update', (u: Uint8Array) => updates.push(u));
    restoreVersion(c.doc, { history: c.history(), at: c.at(c.log.length) }, reviewer);
    expect(updates).toEqual([]);
  });

  it('is refused without an actor', () => {
    const c = logged();
    M.createNote(c.doc, { title: 't' }, me);
    expect(() =>
      restoreVersion(c.doc, { history: c.history(), at: c.at(1) }, { actor: '' }),
    ).toThrow(/origin/);
  });
});

function replicaOfState(updates: Uint8Array[]): Y.Doc {
  const doc = new Y.Doc();
  for (const u of updates) Y.applyUpdate(doc, u);
  return doc;
}
