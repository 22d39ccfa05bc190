import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import type { Role } from '@fieldbook/shared';
import * as M from '../index';
import { actorOrigin } from '../origin';
import { updateOf } from '../testSupport';
import type { WriteActor } from './types';

const NOW = 1_700_000_000_000;
const who = (id: string, role: Role): WriteActor => ({ id, grant: { role, capabilities: [] } });
const alice = who('alice', 'contributor');
const rita = who('rita', 'reviewer');
const at = (id: string) => actorOrigin(id, () => NOW);

function check(doc: Y.Doc, actor: WriteActor, change: (copy: Y.Doc) => void, options = {}) {
  const result = M.checkUpdate(doc, updateOf(doc, change), actor, { now: NOW, ...options });
  return result.refused.map((c) => c.problem ?? c.action);
}

function collection() {
  const doc = new Y.Doc();
  M.createAnnotationCollection(doc, { name: 'Events' }, at('alice'));
  const input = { kind: 'point' as const, anchor: { channels: ['a'], t: NOW, y: 1 } };
  const mine = M.createAnnotation(doc, { ...input, title: 'mine' }, at('alice'));
  const bobs = M.createAnnotation(doc, { ...input, title: 'bobs' }, at('bob'));
  const comment = M.addComment(doc, { annotationId: mine, body: 'bob says' }, at('bob'));
  return { doc, mine, bobs, comment };
}

describe('checkUpdate', () => {
  it('lets a contributor edit their own annotation but not another member’s', () => {
    const { doc, mine, bobs } = collection();
    expect(
      check(doc, alice, (d) => M.editAnnotation(d, { id: mine, title: 'x' }, at('alice'))),
    ).toEqual([]);
    expect(
      check(doc, alice, (d) => M.editAnnotation(d, { id: bobs, title: 'x' }, at('alice'))),
    ).toEqual(['annotation.edit', 'annotation.edit']);
    expect(
      check(doc, rita, (d) => M.editAnnotation(d, { id: bobs, title: 'x' }, at('rita'))),
    ).toEqual([]);
    expect(check(doc, rita, (d) => M.deleteAnnotation(d, { id: bobs }, at('rita')))).toEqual([
      'annotation.delete',
    ]);
  });

  it('refuses a forged author and a backdated annotation', () => {
    const { doc } = collection();
    const input = { kind: 'point' as const, anchor: { channels: ['a'], t: 1, y: 1 } };
    expect(check(doc, alice, (d) => M.createAnnotation(d, input, at('bob')))[0]).toMatch(
      /author must be the sender/,
    );
    const old = actorOrigin('alice', () => NOW - 40 * 86_400_000);
    expect(check(doc, alice, (d) => M.createAnnotation(d, input, old))[0]).toMatch(/backdated/);
    expect(check(doc, alice, (d) => M.createAnnotation(d, input, at('alice')))).toEqual([]);
  });

  it('approves with a signature record, locks the content and reopens', () => {
    const { doc, mine } = collection();
    expect(check(doc, alice, (d) => M.approveAnnotation(d, { id: mine }, at('alice')))).toEqual([
      'annotation.approve',
    ]);
    expect(
      check(doc, rita, (d) =>
        d.getMap<Y.Map<unknown>>('annotations').get(mine)!.set('status', 'approved'),
      ),
    ).toEqual(['an approval needs its signature record']);
    const approve = updateOf(doc, (d) => M.approveAnnotation(d, { id: mine }, at('rita')));
    expect(M.checkUpdate(doc, approve, rita, { now: NOW }).refused).toEqual([]);
    Y.applyUpdate(doc, approve);
    expect(M.readApproval(doc.getMap<Y.Map<unknown>>('annotations').get(mine)!)).toMatchObject({
      by: 'rita',
      meaning: 'reviewed and approved',
    });
    const edit = check(doc, rita, (d) =>
      M.editAnnotation(d, { id: mine, body: 'changed' }, at('rita')),
    );
    expect(edit[0]).toMatch(/approved and locked/);
    expect(check(doc, alice, (d) => M.reopenAnnotation(d, { id: mine }, at('alice')))).toEqual([
      'annotation.approve',
    ]);
    expect(check(doc, rita, (d) => M.reopenAnnotation(d, { id: mine }, at('rita')))).toEqual([]);
  });

  it('asks for a valid signing token when the workspace requires one', () => {
    const { doc, mine } = collection();
    const signingToken = (token: unknown) => token === 'good';
    const without = check(doc, rita, (d) => M.approveAnnotation(d, { id: mine }, at('rita')), {
      signingToken,
    });
    expect(without[0]).toMatch(/password/);
    const withToken = (d: Y.Doc) =>
      M.approveAnnotation(d, { id: mine, signingToken: 'good' }, at('rita'));
    expect(check(doc, rita, withToken, { signingToken })).toEqual([]);
  });

  it('holds comments to their authors', () => {
    const { doc, mine, comment } = collection();
    const bobsComment = { annotationId: mine, commentId: comment };
    expect(
      check(doc, alice, (d) => M.editComment(d, { ...bobsComment, body: 'no' }, at('alice'))),
    ).toEqual(['comment.edit', 'comment.edit']);
    expect(check(doc, alice, (d) => M.resolveComment(d, bobsComment, at('alice')))).toEqual([
      'comment.resolve',
    ]);
    const remove = (d: Y.Doc) =>
      (d.getMap<Y.Map<unknown>>('annotations').get(mine)!.get('comments') as Y.Map<unknown>).delete(
        comment,
      );
    expect(check(doc, alice, remove)).toEqual(['comment.delete']);
    expect(check(doc, who('bob', 'contributor'), remove)).toEqual([]);
  });

  it('keeps notes to their parts, their kind and the text rule', () => {
    const doc = new Y.Doc();
    M.createNote(doc, { title: 'Log', text: 'hello' }, at('bob'));
    expect(
      check(doc, alice, (d) => M.editNoteText(d, { index: 0, insert: 'x' }, at('alice'))),
    ).toEqual([]);
    expect(check(doc, who('v', 'viewer'), (d) => M.renameNote(d, { title: 'y' }, at('v')))).toEqual(
      ['document.editContent'],
    );
    expect(check(doc, alice, (d) => d.getMap('extra').set('a', 1))[0]).toMatch(
      /not part of a note/,
    );
    expect(check(doc, alice, (d) => d.getMap('meta').set('kind', 'view'))[0]).toMatch(
      /kind never changes/,
    );
    expect(check(doc, alice, (d) => d.getText('body').insert(0, 'a\u0000b'))[0]).toMatch(/NUL/);
  });

  it('checks workspace entries: own trash, forged creator, admin-only name', () => {
    const doc = new Y.Doc();
    M.createWorkspaceIndex(doc, { name: 'Lab' }, at('bob'));
    const bobs = M.createDocumentEntry(doc, { kind: 'note', title: 'b' }, at('bob'));
    const entry = { kind: 'note' as const, title: 'n' };
    expect(check(doc, alice, (d) => M.createDocumentEntry(d, entry, at('alice')))).toEqual([]);
    expect(check(doc, alice, (d) => M.createDocumentEntry(d, entry, at('bob')))[0]).toMatch(
      /createdBy/,
    );
    expect(check(doc, alice, (d) => M.trashDocument(d, { id: bobs }, at('alice')))).toEqual([
      'document.trash',
    ]);
    expect(
      check(doc, who('bob', 'contributor'), (d) => M.trashDocument(d, { id: bobs }, at('bob'))),
    ).toEqual([]);
    expect(check(doc, alice, (d) => M.renameWorkspace(d, { name: 'X' }, at('alice')))).toEqual([
      'workspace.update',
    ]);
  });

  it('reports an update whose integration throws as malformed and leaves the document alone', () => {
    const { doc } = collection();
    const before = Y.encodeStateAsUpdate(doc);
    const result = M.checkUpdate(doc, M.malformedButDecodableUpdate(), alice);
    expect(result.malformed).toMatch(/cannot be applied/);
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
  });
});

describe('the text rule in the model', () => {
  it('refuses NUL and lone surrogates in annotation and note text before any transaction', () => {
    const { doc, mine } = collection();
    const bad = (change: () => void) => {
      const before = Y.encodeStateAsUpdate(doc);
      expect(change).toThrow(/NUL|lone surrogate/);
      expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
    };
    bad(() => M.editAnnotation(doc, { id: mine, title: 'a\u0000b' }, at('alice')));
    bad(() => M.editAnnotation(doc, { id: mine, body: 'x\uD800' }, at('alice')));
    const note = new Y.Doc();
    expect(() => M.createNote(note, { title: 'N', text: 'a\u0000' }, at('alice'))).toThrow(/NUL/);
    M.createNote(note, { title: 'N' }, at('alice'));
    expect(() => M.editNoteText(note, { index: 0, insert: '\uDC00' }, at('alice'))).toThrow(
      /lone surrogate/,
    );
  });
});
