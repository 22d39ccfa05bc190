import { expect, it } from 'vitest';
import * as Y from 'yjs';
import { touchedParts } from './touchedParts';

/** Runs `change` on a replica of `doc` and applies the resulting update to `doc`, returning it. */
function edit(doc: Y.Doc, change: (d: Y.Doc) => void): Uint8Array {
  const replica = new Y.Doc();
  Y.applyUpdate(replica, Y.encodeStateAsUpdate(doc));
  const before = Y.encodeStateVector(replica);
  change(replica);
  const update = Y.encodeStateAsUpdate(replica, before);
  Y.applyUpdate(doc, update);
  return update;
}

it('names the annotations and sections an update changed, including deletions', () => {
  const doc = new Y.Doc();
  const created = edit(doc, (d) => {
    const a1 = new Y.Map<unknown>();
    a1.set('title', 'dust devil');
    a1.set('body', new Y.Text('first'));
    d.getMap('annotations').set('a1', a1);
    d.getMap('annotations').set('a2', new Y.Map());
    d.getMap('meta').set('schemaVersion', 1);
  });
  expect(touchedParts(doc, created)).toEqual({ annotations: ['a1', 'a2'], sections: ['meta'] });

  const nested = edit(doc, (d) => {
    const body = (d.getMap('annotations').get('a1') as Y.Map<unknown>).get('body') as Y.Text;
    body.insert(5, ' sighting');
  });
  expect(touchedParts(doc, nested)).toEqual({ annotations: ['a1'], sections: [] });

  const removed = edit(doc, (d) => {
    const body = (d.getMap('annotations').get('a1') as Y.Map<unknown>).get('body') as Y.Text;
    body.delete(0, 5);
    d.getText('body').insert(0, 'note text');
  });
  expect(touchedParts(doc, removed)).toEqual({ annotations: ['a1'], sections: ['body'] });
});
