import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { NoteSnapshotSchema, newId } from '@fieldbook/shared';
import {
  addNoteAttachment,
  createNote,
  editNoteText,
  removeNoteAttachment,
  renameNote,
  replaceNoteText,
  tagNote,
} from './mutations';
import { collectBacklinks, noteLinks, notePlainText, readNote } from './reader';
import { noteBody } from './structure';
import { expectRejected, syncAll, testOrigin, updatesOf } from '../testSupport';

const hash = (c: string) => c.repeat(64);

function note(text = '') {
  const doc = new Y.Doc();
  const me = testOrigin();
  createNote(doc, { title: 'Field log', text, tags: ['sol-12'] }, me);
  return { doc, me };
}

const read = (doc: Y.Doc) => NoteSnapshotSchema.parse(readNote(doc));

describe('note', () => {
  it('creates a note whose Markdown body is the root Y.Text named body', () => {
    const { doc } = note('# Hello');
    expect(doc.getText('body')).toBe(noteBody(doc));
    expect(read(doc)).toEqual({
      schemaVersion: 1,
      title: 'Field log',
      text: '# Hello',
      tags: ['sol-12'],
      attachments: [],
      links: [],
    });
  });

  it('renames, splices and replaces text, each as one update', () => {
    const { doc, me } = note('abc');
    expect(updatesOf(doc, () => renameNote(doc, { title: 'Log' }, me))).toHaveLength(1);
    expect(
      updatesOf(doc, () => editNoteText(doc, { index: 1, deleteCount: 1, insert: 'XY' }, me)),
    ).toHaveLength(1);
    expect(read(doc)).toMatchObject({ title: 'Log', text: 'aXYc' });
    replaceNoteText(doc, { text: 'aXYc and more' }, me);
    expect(read(doc).text).toBe('aXYc and more');
    expect(updatesOf(doc, () => replaceNoteText(doc, { text: 'aXYc and more' }, me))).toHaveLength(
      0,
    );
  });

  it('merges concurrent replacements of different parts of the text', () => {
    const a = note('alpha beta gamma');
    const b = new Y.Doc();
    syncAll(a.doc, b);
    replaceNoteText(a.doc, { text: 'ALPHA beta gamma' }, a.me);
    replaceNoteText(b, { text: 'alpha beta GAMMA' }, testOrigin('bob'));
    syncAll(a.doc, b);
    expect(read(a.doc).text).toBe('ALPHA beta GAMMA');
    expect(read(b)).toEqual(read(a.doc));
  });

  it('keeps surrogate pairs whole when replacing text', () => {
    const { doc, me } = note('a😀b');
    replaceNoteText(doc, { text: 'a😃b' }, me);
    expect(read(doc).text).toBe('a😃b');
  });

  it('tags and attaches files', () => {
    const { doc, me } = note();
    tagNote(doc, { add: ['geology', 'draft'], remove: ['sol-12'] }, me);
    addNoteAttachment(doc, { hash: hash('b'), name: 'b.png', mimeType: 'image/png', size: 2 }, me);
    addNoteAttachment(doc, { hash: hash('a'), name: 'a.csv', mimeType: 'text/csv', size: 1 }, me);
    let snap = read(doc);
    expect(snap.tags).toEqual(['draft', 'geology']);
    expect(snap.attachments.map((x) => x.name)).toEqual(['a.csv', 'b.png']);
    removeNoteAttachment(doc, { hash: hash('a') }, me);
    snap = read(doc);
    expect(snap.attachments.map((x) => x.hash)).toEqual([hash('b')]);
    expectRejected(doc, 'RESOURCE_NOT_FOUND', () =>
      removeNoteAttachment(doc, { hash: hash('a') }, me),
    );
  });

  it('rejects bad input without touching the note', () => {
    const { doc, me } = note('abc');
    expectRejected(doc, 'MODEL_INVALID_OPERATION', () =>
      editNoteText(doc, { index: 2, deleteCount: 5 }, me),
    );
    expectRejected(doc, 'VALIDATION_ERROR', () => editNoteText(doc, { index: -1 }, me));
    expectRejected(doc, 'VALIDATION_ERROR', () => renameNote(doc, { title: 'x'.repeat(501) }, me));
    expectRejected(doc, 'VALIDATION_ERROR', () =>
      addNoteAttachment(doc, { hash: 'abc', name: 'x', mimeType: 'a/b', size: 1 }, me),
    );
    expectRejected(doc, 'VALIDATION_ERROR', () => tagNote(doc, { add: ['x'.repeat(65)] }, me));
    expectRejected(doc, 'MODEL_INVALID_OPERATION', () => createNote(doc, { title: 'again' }, me));
  });

  it('derives links from [[id]] and fieldbook://doc/id mentions', () => {
    const x = newId();
    const y = newId();
    const text = `See [[${x}]] and [chart](fieldbook://doc/${y}), again [[${x}]], not [[nope]].`;
    expect(noteLinks(text)).toEqual([x, y]);
    const { doc, me } = note();
    replaceNoteText(doc, { text }, me);
    expect(read(doc).links).toEqual([x, y]);
    const back = collectBacklinks([
      ['n2', [x]],
      ['n1', [x, y]],
    ]);
    expect(back.get(x)).toEqual(['n1', 'n2']);
    expect(back.get(y)).toEqual(['n1']);
  });

  it('strips Markdown syntax for search', () => {
    const md = [
      '# Title',
      '',
      '- [x] **bold** and _it_',
      '> quoted `code`',
      '```ts',
      'const a = 1;',
      '```',
      'A [link](https://example.org) and ![img](a.png) and [[0190a0b0-0000-7000-8000-000000000000]].',
    ].join('\n');
    expect(notePlainText(md)).toBe(
      'Title\n\nbold and it\nquoted code\n\nconst a = 1;\n\nA link and img and .',
    );
  });
});
