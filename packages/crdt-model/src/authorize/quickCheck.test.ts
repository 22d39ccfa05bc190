import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import type { Role } from '@fieldbook/shared';
import { createNote, renameNote, tagNote } from '../note/mutations';
import { actorOrigin } from '../origin';
import { kindOf } from '../schemaVersion';
import { quickChanges } from './quickCheck';
import type { WriteActor } from './types';
import { UpdateChecker } from './updateChecker';

const who = (id: string, role: Role): WriteActor => ({ id, grant: { role, capabilities: [] } });
const alice = who('alice', 'contributor');
const vic = who('vic', 'viewer');

/** A server copy of a note and a client replica synced with it. */
function noteAndReplica(text = 'Hello lab') {
  const server = new Y.Doc();
  createNote(server, { title: 'Log', text }, actorOrigin('alice'));
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  return { server, client };
}

/** What `change` on `client` sends. */
function sent(client: Y.Doc, change: (doc: Y.Doc) => void): Uint8Array {
  const before = Y.encodeStateVector(client);
  change(client);
  return Y.encodeStateAsUpdate(client, before);
}

const quick = (doc: Y.Doc, update: Uint8Array) =>
  quickChanges(doc, Y.decodeUpdate(update), kindOf(doc));

describe('quickChanges', () => {
  it('reads typing and deleting in a note body as document.editContent, without a copy', () => {
    const { server, client } = noteAndReplica();
    const typed = sent(client, (d) => d.getText('body').insert(5, ', dear'));
    expect(quick(server, typed)).toEqual([
      { what: "the note's body", action: 'document.editContent' },
    ]);
    Y.applyUpdate(server, typed);
    const deleted = sent(client, (d) => d.getText('body').delete(0, 3));
    expect(quick(server, deleted)).toEqual([
      { what: "the note's body", action: 'document.editContent' },
    ]);
    const formatted = sent(client, (d) => d.getText('body').format(0, 2, { bold: true }));
    expect(quick(server, formatted)?.map((c) => c.action)).toEqual(['document.editContent']);
  });

  it('leaves titles, tags, other roots and unknown neighbours to the full check', () => {
    const { server, client } = noteAndReplica();
    expect(
      quick(
        server,
        sent(client, (d) => renameNote(d, { title: 'New' }, actorOrigin('a'))),
      ),
    ).toBeNull();
    expect(
      quick(
        server,
        sent(client, (d) => tagNote(d, { add: ['x'] }, actorOrigin('a'))),
      ),
    ).toBeNull();
    expect(
      quick(
        server,
        sent(client, (d) => d.getText('other').insert(0, 'x')),
      ),
    ).toBeNull();
    // Text after content the server does not have yet: its place is unknown.
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(server));
    const missing = sent(other, (d) => d.getText('body').insert(0, 'first '));
    Y.applyUpdate(client, missing);
    expect(
      quick(
        server,
        sent(client, (d) => d.getText('body').insert(3, 'x')),
      ),
    ).toBeNull();
  });

  it('lets a document that is not a Fieldbook document take writes, unless they touch meta', () => {
    const server = new Y.Doc();
    const client = new Y.Doc();
    expect(
      quick(
        server,
        sent(client, (d) => d.getMap('edits').set('k1', { t: 1 })),
      ),
    ).toEqual([]);
    expect(
      quick(
        server,
        sent(client, (d) => d.getMap('meta').set('kind', 'note')),
      ),
    ).toBeNull();
  });

  it('counts nothing the server already has or already deleted (a reconnecting sync answer)', () => {
    const { server, client } = noteAndReplica();
    const typed = sent(client, (d) => d.getText('body').insert(0, 'abc'));
    const gone = sent(client, (d) => d.getText('body').delete(0, 3));
    Y.applyUpdate(server, typed);
    Y.applyUpdate(server, gone);
    expect(quick(server, Y.encodeStateAsUpdate(client))).toEqual([]);
  });
});

describe('UpdateChecker with the quick reading', () => {
  it('agrees with the full check on every role, and keeps its scratch copy right', () => {
    const { server, client } = noteAndReplica('0123456789');
    const checker = new UpdateChecker(server);
    const typed = sent(client, (d) => d.getText('body').insert(10, ' more'));
    expect(checker.check(typed, vic).refused.map((c) => c.action)).toEqual([
      'document.editContent',
    ]);
    expect(checker.check(typed, alice).refused).toEqual([]);
    Y.applyUpdate(server, typed);
    // Deletes the text accepted above and renames: the full check needs that text in its copy.
    const both = sent(client, (d) => {
      d.getText('body').delete(8, 7);
      renameNote(d, { title: 'Renamed' }, actorOrigin('alice'));
    });
    expect(
      checker
        .check(both, vic)
        .refused.map((c) => c.action)
        .sort(),
    ).toEqual(['document.editContent', 'document.editContent']);
    const result = checker.check(both, alice);
    expect(result.incomplete).toBeUndefined();
    expect(result.refused).toEqual([]);
    expect(result.changes.map((c) => c.what).sort()).toEqual([
      "the note's body",
      'the title (to "Renamed")',
    ]);
    checker.destroy();
  });

  it('refuses a write that makes a plain document a note for a viewer, on the full check', () => {
    const server = new Y.Doc();
    const checker = new UpdateChecker(server);
    const client = new Y.Doc();
    const plain = sent(client, (d) => d.getMap('edits').set('k', 1));
    expect(checker.check(plain, vic)).toEqual({ changes: [], refused: [] });
    Y.applyUpdate(server, plain);
    const made = sent(client, (d) => createNote(d, { title: 'x' }, actorOrigin('vic')));
    expect(checker.check(made, vic).refused.length).toBeGreaterThan(0);
    expect(checker.check(made, alice).refused).toEqual([]);
    checker.destroy();
  });
});
