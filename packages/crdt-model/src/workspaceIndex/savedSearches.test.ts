import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { expectRejected, syncAll, testOrigin } from '../testSupport';
import { createWorkspaceIndex } from './folders';
import { deleteSavedSearch, readSavedSearches, saveSearch } from './savedSearches';

function workspace() {
  const doc = new Y.Doc();
  createWorkspaceIndex(doc, { name: 'W' }, testOrigin());
  return doc;
}

describe('saved searches', () => {
  it('saves, lists by name and deletes a search with its filters', () => {
    const doc = workspace();
    const me = testOrigin('alice', 5);
    const b = saveSearch(
      doc,
      { name: 'Storm hits', q: 'dust storm', filters: { kind: ['annotation'], tags: ['power'] } },
      me,
    );
    const a = saveSearch(doc, { name: 'Approved', q: '', filters: { status: ['approved'] } }, me);
    expect(readSavedSearches(doc).map((s) => [s.id, s.name, s.q])).toEqual([
      [a, 'Approved', ''],
      [b, 'Storm hits', 'dust storm'],
    ]);
    expect(readSavedSearches(doc)[1]).toMatchObject({
      filters: { kind: ['annotation'], tags: ['power'] },
      createdBy: 'alice',
    });
    deleteSavedSearch(doc, { id: a }, me);
    expect(readSavedSearches(doc).map((s) => s.id)).toEqual([b]);
  });

  it('refuses bad input and leaves the document untouched', () => {
    const doc = workspace();
    const me = testOrigin();
    expectRejected(doc, 'VALIDATION_ERROR', () =>
      saveSearch(doc, { name: ' ', q: 'x', filters: {} }, me),
    );
    expectRejected(doc, 'VALIDATION_ERROR', () =>
      saveSearch(doc, { name: 'n', q: 'x', filters: { kind: ['nope' as 'note'] } }, me),
    );
    expectRejected(doc, 'RESOURCE_NOT_FOUND', () =>
      deleteSavedSearch(doc, { id: '01934f6e-8a3b-7c1d-9e2f-0a1b2c3d4e5f' }, me),
    );
  });

  it('merges saves made on two replicas', () => {
    const [one, two] = [workspace(), new Y.Doc()];
    syncAll(one, two);
    saveSearch(one, { name: 'A', q: 'a', filters: {} }, testOrigin('alice'));
    saveSearch(two, { name: 'B', q: 'b', filters: {} }, testOrigin('bob'));
    syncAll(one, two);
    expect(readSavedSearches(one).map((s) => s.name)).toEqual(['A', 'B']);
    expect(readSavedSearches(two)).toEqual(readSavedSearches(one));
  });
});
