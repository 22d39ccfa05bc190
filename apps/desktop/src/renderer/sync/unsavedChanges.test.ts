import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { unsavedChanges } from './unsavedChanges';

/** A server copy with a line of text, and a local copy that starts from it. */
function copies(): { server: Y.Doc; local: Y.Doc } {
  const server = new Y.Doc();
  server.getText('body').insert(0, 'Bake-out at 120 C.\n');
  server.getMap('meta').set('title', 'Chamber log');
  const local = new Y.Doc();
  Y.applyUpdate(local, Y.encodeStateAsUpdate(server));
  return { server, local };
}

/** Applies each key as its own update, the way an editor does, and returns the updates. */
function typeInto(doc: Y.Doc, at: number, text: string): Uint8Array[] {
  const updates: Uint8Array[] = [];
  const record = (u: Uint8Array) => updates.push(u);
  doc.on('update', record);
  [...text].forEach((ch, i) => doc.getText('body').insert(at + i, ch));
  doc.off('update', record);
  return updates;
}

const state = (doc: Y.Doc) => Y.encodeStateAsUpdate(doc);

describe('unsavedChanges', () => {
  it('finds nothing when the local copy holds only what the server has', () => {
    const { server, local } = copies();
    expect(unsavedChanges(state(local), state(server))).toEqual({
      text: '',
      removals: 0,
      changes: 0,
    });
  });

  it('joins keys typed one after another, and puts each place on its own line', () => {
    const { server, local } = copies();
    const rows = [...typeInto(local, 0, 'Note: '), ...typeInto(local, 25, ' Pump off.')];
    const merged = Y.mergeUpdates([state(server), ...rows]);
    expect(unsavedChanges(merged, state(server))).toEqual({
      text: 'Note: \n Pump off.',
      removals: 0,
      changes: 2,
    });
  });

  it('leaves out what the server already accepted and text typed and removed again', () => {
    const { server, local } = copies();
    typeInto(local, 19, 'Accepted. ');
    Y.applyUpdate(server, state(local));
    typeInto(local, 29, 'Refused typo');
    local.getText('body').delete(37, 4);
    expect(unsavedChanges(state(local), state(server)).text).toBe('Refused ');
  });

  it('counts removals of server content and lists new map strings', () => {
    const { server, local } = copies();
    local.getText('body').delete(0, 9);
    local.getMap('meta').set('title', 'Renamed by a viewer');
    // The text cut is named; the old title the new one replaced only counts as a change.
    expect(unsavedChanges(state(local), state(server))).toEqual({
      text: 'Renamed by a viewer',
      removals: 1,
      changes: 3,
    });
    server.getText('body').delete(0, 9);
    expect(unsavedChanges(state(local), state(server))).toMatchObject({ removals: 0, changes: 2 });
  });
});
