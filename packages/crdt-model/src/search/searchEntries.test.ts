import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { newId } from '@fieldbook/shared';
import { addComment } from '../annotations/comments';
import {
  createAnnotation,
  createAnnotationCollection,
  deleteAnnotation,
} from '../annotations/mutations';
import { createNote } from '../note/mutations';
import { testOrigin } from '../testSupport';
import { createDocumentEntry } from '../workspaceIndex/documents';
import { createWorkspaceIndex } from '../workspaceIndex/folders';
import { readDocumentEntry } from '../workspaceIndex/reader';
import { annotationSearchEntries, searchEntriesOf } from './searchEntries';

const T0 = 1_700_000_000_000;

describe('search entries', () => {
  it('makes one entry of a note: plain text, title and tags from its listing', () => {
    const me = testOrigin('alice', T0);
    const index = new Y.Doc();
    createWorkspaceIndex(index, { name: 'W' }, me);
    const id = createDocumentEntry(
      index,
      { kind: 'note', title: 'Listed title', tags: ['ops'] },
      me,
    );
    const note = new Y.Doc();
    createNote(
      note,
      { title: 'Own title', text: '# Heading\n**Bold** [link](http://x)', tags: ['lab'] },
      me,
    );
    const [entry] = searchEntriesOf(note, id, readDocumentEntry(index, id));
    expect(entry).toMatchObject({
      kind: 'note',
      documentId: id,
      title: 'Listed title',
      body: 'Heading\nBold link',
      tags: ['lab', 'ops'],
      author: 'alice',
      status: null,
    });
    expect(searchEntriesOf(note, id, null)[0]!.title).toBe('Own title');
  });

  it('makes entries of annotations and their comments, with the annotation span and tags on each', () => {
    const me = testOrigin('bob', T0);
    const doc = new Y.Doc();
    const docId = newId();
    createAnnotationCollection(doc, { name: 'C' }, me);
    const a = createAnnotation(
      doc,
      {
        kind: 'range',
        anchor: { channels: ['volt'], t: 10, t2: 20 },
        title: 'Dip',
        body: 'Voltage dip',
        tags: ['power'],
      },
      me,
    );
    const c = addComment(
      doc,
      { annotationId: a, body: 'Seen again at noon' },
      testOrigin('carol', T0 + 5),
    );
    const entries = searchEntriesOf(doc, docId, null);
    expect(entries).toHaveLength(2);
    expect(entries[0]).toMatchObject({
      kind: 'annotation',
      annotationId: a,
      commentId: null,
      title: 'Dip',
      body: 'Voltage dip',
      author: 'bob',
      from: 10,
      to: 20,
      channels: ['volt'],
      status: 'draft',
    });
    expect(entries[1]).toMatchObject({
      kind: 'comment',
      annotationId: a,
      commentId: c,
      title: 'Dip',
      body: 'Seen again at noon',
      author: 'carol',
      tags: ['power'],
      from: 10,
      to: 20,
    });
    deleteAnnotation(doc, { id: a }, me);
    expect(annotationSearchEntries(doc, docId, a)).toEqual([]);
  });

  it('has nothing to index in an index, a view or an empty document', () => {
    const index = new Y.Doc();
    createWorkspaceIndex(index, { name: 'W' }, testOrigin());
    expect(searchEntriesOf(index, newId(), null)).toEqual([]);
    expect(searchEntriesOf(new Y.Doc(), newId(), null)).toEqual([]);
  });
});
