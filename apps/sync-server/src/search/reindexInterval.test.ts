// A note someone keeps typing in is re-indexed at most every REINDEX_INTERVAL_MS,
// yet never starved: words become searchable while the typing goes on, and the
// last one within a second of the last keystroke.
import { afterAll, expect, it } from 'vitest';
import {
  actorOrigin,
  createDocumentEntry,
  createNote,
  createWorkspaceIndex,
} from '@fieldbook/crdt-model';
import { newId } from '@fieldbook/shared';
import { connectClient, startTestServer, tempDir } from '../testing/harness';

const data = tempDir('fieldbook-search-interval-');
afterAll(() => data.cleanup());
const ws = newId();
const noteId = newId();
const origin = actorOrigin('dev-user');

it('keeps a note being typed in searchable within a second, while the typing goes on', async () => {
  const server = await startTestServer(data.dir);
  const find = async (q: string) =>
    (
      await server.search!.search(
        { tenantId: 'dev', workspaceId: ws },
        { q, filters: {}, after: null, limit: 10 },
      )
    ).items.map((h) => h.documentId);
  const index = connectClient(server.port, ws, ws);
  const note = connectClient(server.port, ws, noteId);
  await Promise.all([index.synced(), note.synced()]);
  createWorkspaceIndex(index.doc, { name: 'W' }, origin);
  createDocumentEntry(index.doc, { id: noteId, kind: 'note', title: 'Drill log' }, origin);
  createNote(note.doc, { title: 'Drill log', text: 'start ' }, origin);
  const body = note.doc.getText('body');
  const typed = (word: string) => body.insert(body.length, `${word} `);
  const started = Date.now();
  typed('basalt');
  let seenWhileTyping = false;
  // Two seconds of a keystroke every 25 ms: a debounce would index nothing until the end.
  for (let i = 0; Date.now() - started < 2000; i++) {
    typed(`w${i}`);
    if (!seenWhileTyping && (await find('basalt')).includes(noteId)) seenWhileTyping = true;
    await new Promise((r) => setTimeout(r, 25));
  }
  expect(seenWhileTyping).toBe(true);
  typed('olivine');
  const lastAt = Date.now();
  while (!(await find('olivine')).includes(noteId) && Date.now() - lastAt < 3000)
    await new Promise((r) => setTimeout(r, 20));
  expect(Date.now() - lastAt).toBeLessThan(1000);
  index.destroy();
  note.destroy();
  await server.close();
});
