import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import * as M from '../index';
import { testOrigin } from '../testSupport';
import { diffSnapshots, diffVersions } from './diff';
import { advanceSnapshot, newHistoryDoc } from './snapshots';

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

const me = testOrigin('ada');

describe('diffs in the kind’s terms', () => {
  it('a note’s text as kept, inserted and deleted runs, matched by id', () => {
    const n = logged();
    M.createNote(n.doc, { title: 'Log', text: 'one two three' }, me);
    const a = n.log.length;
    M.editNoteText(n.doc, { index: 4, deleteCount: 4 }, me);
    M.editNoteText(n.doc, { index: 9, insert: ' four' }, me);
    M.renameNote(n.doc, { title: 'Log 2' }, me);
    const diff = diffVersions(n.history(), 'note', n.at(a), n.at(n.log.length));
    expect(diff.text).toEqual([
      { op: 'equal', text: 'one ' },
      { op: 'delete', text: 'two ' },
      { op: 'equal', text: 'three' },
      { op: 'insert', text: ' four' },
    ]);
    expect(diff.fields).toEqual([{ field: 'title', from: 'Log', to: 'Log 2' }]);
  });

  it('annotations: added, removed and field changes, also for a chosen few', () => {
    const c = logged();
    M.createAnnotationCollection(c.doc, { name: 'Dust' }, me);
    const anchor = { channels: ['ch'], t: 0, t2: 10 };
    const a = M.createAnnotation(c.doc, { kind: 'range', anchor, title: 'A' }, me);
    const b = M.createAnnotation(c.doc, { kind: 'range', anchor, title: 'B' }, me);
    const v1 = c.log.length;
    M.moveAnnotation(c.doc, { id: a, dt: 5 }, me);
    M.approveAnnotation(c.doc, { id: a }, me);
    M.deleteAnnotation(c.doc, { id: b }, me);
    const x = M.createAnnotation(
      c.doc,
      { kind: 'point', anchor: { channels: ['ch'], t: 3, y: 1 } },
      me,
    );
    const h = c.history();
    const diff = diffVersions(h, 'annotations', c.at(v1), c.at(c.log.length));
    const list = diff.lists.annotations!;
    expect(list.added.map((i) => i.id)).toEqual([x]);
    expect(list.removed.map((i) => i.id)).toEqual([b]);
    expect(list.changed).toEqual([
      {
        id: a,
        label: 'A',
        fields: [
          { field: 'anchor', from: anchor, to: { channels: ['ch'], t: 5, t2: 15 } },
          { field: 'status', from: 'draft', to: 'approved' },
        ],
      },
    ]);
    const some = diffVersions(h, 'annotations', c.at(v1), c.at(c.log.length), { annotations: [a] });
    expect(some.lists.annotations).toEqual({ added: [], removed: [], changed: list.changed });
  });

  it('views: panels added and changed; nothing for equal snapshots', () => {
    const v = new Y.Doc();
    M.createTelemetryView(v, { title: 'Ops' }, me);
    const before = M.readTelemetryView(v);
    const p = M.addPanel(v, { title: 'Power' }, me);
    const after = M.readTelemetryView(v);
    const diff = diffSnapshots('view', before, after);
    expect(diff.lists.panels!.added.map((i) => i.id)).toEqual([p]);
    expect(diffSnapshots('view', after, after)).toEqual({ kind: 'view', fields: [], lists: {} });
  });
});

describe('field comparison', () => {
  const values: unknown[] = [
    null,
    undefined,
    0,
    -0,
    NaN,
    1,
    '1',
    '',
    true,
    [],
    [1, 2],
    [2, 1],
    [undefined],
    [null],
    {},
    { a: 1 },
    { a: 1, b: undefined },
    { b: 2, a: 1 },
    { a: 1, b: 2 },
    { a: [1, { c: null }] },
    { a: [1, { c: undefined }] },
    { a: [1, {}] },
    new Date(0),
    new Uint8Array([1]),
    { toJSON: () => 'x' },
    'x',
  ];
  it('finds a field changed exactly when its JSON differs', () => {
    const note = (tags: unknown) =>
      ({ schemaVersion: 1, title: 't', text: '', tags, attachments: [] }) as never;
    for (const a of values) {
      for (const b of values) {
        const changed = diffSnapshots('note', note(a), note(b)).fields.length > 0;
        expect([a, b, changed]).toEqual([a, b, JSON.stringify(a) !== JSON.stringify(b)]);
      }
    }
  });
});
