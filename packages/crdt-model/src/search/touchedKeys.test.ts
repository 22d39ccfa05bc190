import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { touchedKeys } from './touchedKeys';

/** The one update `fn` makes (as a client sends it: its own structs and deletions only). */
const updateOf = (fn: (doc: Y.Doc) => void, doc = new Y.Doc()) => {
  const updates: Uint8Array[] = [];
  const keep = (u: Uint8Array) => updates.push(u);
  doc.on('update', keep);
  fn(doc);
  doc.off('update', keep);
  return Y.mergeUpdates(updates);
};

describe('touchedKeys', () => {
  it('names the first-level entries an update changed, deletions included', () => {
    const doc = new Y.Doc();
    const root = doc.getMap<Y.Map<unknown>>('annotations');
    const add = updateOf(() => {
      for (const id of ['a', 'b', 'c']) {
        const m = new Y.Map<unknown>();
        root.set(id, m);
        m.set('title', new Y.Text(`title ${id}`));
      }
    }, doc);
    expect([...touchedKeys(doc, add).get('annotations')!].sort()).toEqual(['a', 'b', 'c']);
    const edit = updateOf(() => (root.get('b')!.get('title') as Y.Text).insert(0, 'x'), doc);
    expect(touchedKeys(doc, edit)).toEqual(new Map([['annotations', new Set(['b'])]]));
    const remove = updateOf(() => doc.transact(() => (root.delete('a'), root.delete('c'))), doc);
    expect([...touchedKeys(doc, remove).get('annotations')!].sort()).toEqual(['a', 'c']);
    const text = updateOf(() => doc.getText('body').insert(0, 'hi'), doc);
    expect(touchedKeys(doc, text)).toEqual(new Map([['body', new Set()]]));
  });
});
