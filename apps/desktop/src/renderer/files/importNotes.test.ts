import {
  createWorkspaceIndex,
  actorOrigin,
  readNote,
  readWorkspaceIndex,
} from '@fieldbook/crdt-model';
import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { AppStateStore, initialAppState } from '../appState';
import { DocumentActions } from '../documentActions';
import type { WorkspaceSync } from '../sync/workspaceSync';

/**
 * A workspace whose index is a real Y.Doc and whose staged documents are real
 * Y.Docs kept in a map (the local stores are IndexedDB and SQLite, covered by
 * their own tests and the import e2e); `failAt` makes that staging fail.
 */
function workspace(failAt = -1) {
  const index = new Y.Doc();
  createWorkspaceIndex(index, { name: 'Rover' }, actorOrigin('ada'));
  const staged = new Map<string, Y.Doc>();
  const indexUpdates: Uint8Array[] = [];
  index.on('update', (u: Uint8Array) => indexUpdates.push(u));
  const ws = {
    hasIndex: true,
    index: { doc: index },
    snapshot: () => readWorkspaceIndex(index),
    async stageNew(id: string, fill: (doc: Y.Doc) => void) {
      const doc = new Y.Doc();
      fill(doc);
      staged.set(id, doc);
      await Promise.resolve();
      if (staged.size - 1 === failAt) throw new Error('disk full');
    },
    async discardStaged(id: string) {
      staged.delete(id);
    },
    openNote: (id: string) => ({ ref: { docId: id }, ready: Promise.resolve() }),
  };
  const store = new AppStateStore(initialAppState('web'));
  const actions = new DocumentActions(
    store,
    () => ws as unknown as WorkspaceSync,
    async (work) => {
      await work();
    },
  );
  const listed = () => readWorkspaceIndex(index).documents.map((d) => d.title);
  return { actions, staged, indexUpdates, listed, store };
}

// The shell remembers its side panel in localStorage; Node has none.
vi.stubGlobal('localStorage', { getItem: () => null });

const notes = [
  { title: 'Drive log', text: 'North.' },
  { title: 'Wheel check', text: '0.9 A' },
  { title: 'Dust', text: 'Light.' },
];

describe('importing notes, all or none', () => {
  it('lists every imported note in one index change, with its text, and opens the first', async () => {
    const w = workspace();
    await w.actions.importNotes(notes);
    expect(w.listed().sort()).toEqual(['Drive log', 'Dust', 'Wheel check']);
    expect(w.indexUpdates).toHaveLength(1);
    const texts = [...w.staged.values()].map((d) => readNote(d).text);
    expect(texts).toEqual(['North.', '0.9 A', 'Light.']);
    const first = [...w.staged.keys()][0];
    expect(w.store.get().openDocId).toBe(first);
  });

  it('a cancel part way lists nothing and drops what was written', async () => {
    const w = workspace();
    const controller = new AbortController();
    const stage = w.staged.set.bind(w.staged);
    w.staged.set = (id, doc) => {
      if (w.staged.size === 1) controller.abort();
      return stage(id, doc);
    };
    await expect(w.actions.importNotes(notes, controller.signal)).rejects.toMatchObject({
      name: 'AbortError',
    });
    expect(w.listed()).toEqual([]);
    expect(w.indexUpdates).toHaveLength(0);
    expect(w.staged.size).toBe(0);
  });

  it('a failure part way lists nothing and drops what was written', async () => {
    const w = workspace(1);
    await expect(w.actions.importNotes(notes)).rejects.toThrow('disk full');
    expect(w.listed()).toEqual([]);
    expect(w.indexUpdates).toHaveLength(0);
    expect(w.staged.size).toBe(0);
  });
});
