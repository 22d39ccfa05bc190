/**
 * Lag from an edit to searchable, through a real server: a stock y-websocket
 * client (as the app syncs) types a new word into a note, or draws an
 * annotation titled with one, and the search route is polled until it finds
 * the word. The time runs from the local edit to the first answer holding it.
 */
import { actorOrigin, createAnnotation, editNoteText } from '@fieldbook/crdt-model';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { SeededWorkspace } from './seedServer';

const POLL_MS = 10;

/** A synced replica of one document on the server. */
async function open(url: string, token: string, ws: string, docId: string) {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`${url.replace(/^http/, 'ws')}/sync/${ws}`, docId, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    protocols: ['fieldbook.v1', `bearer.${token}`],
    disableBc: true,
  });
  await new Promise<void>((resolve) => provider.once('sync', () => resolve()));
  return {
    doc,
    close() {
      provider.destroy();
      provider.awareness.destroy();
      doc.destroy();
    },
  };
}

/** Milliseconds from `edit` until a search for `word` answers a hit. */
async function lagOf(url: string, token: string, ws: string, word: string, edit: () => void) {
  const start = performance.now();
  edit();
  for (;;) {
    const res = await fetch(`${url}/api/v1/workspaces/${ws}/search?q=${word}&limit=1`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const body = (await res.json()) as { items: unknown[] };
    if (body.items.length > 0) return performance.now() - start;
    if (performance.now() - start > 30_000) throw new Error(`${word} never became searchable`);
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

/** `samples` note edits and `samples` new annotations, one after the other; lags in ms. */
export async function measureLag(
  url: string,
  token: string,
  ws: string,
  seeded: SeededWorkspace,
  samples: number,
  userId: string,
): Promise<{ note: number[]; annotation: number[] }> {
  const origin = actorOrigin(userId);
  const note: number[] = [];
  const annotation: number[] = [];
  for (let i = 0; i < samples; i++) {
    const replica = await open(url, token, ws, seeded.noteIds[(i * 37) % seeded.noteIds.length]!);
    const word = `notelag${i}x${Date.now()}`;
    note.push(
      await lagOf(url, token, ws, word, () =>
        editNoteText(replica.doc, { index: 0, deleteCount: 0, insert: `${word} ` }, origin),
      ),
    );
    replica.close();
  }
  const collection = await open(url, token, ws, seeded.collectionIds[0]!);
  for (let i = 0; i < samples; i++) {
    const word = `annlag${i}x${Date.now()}`;
    const t = Date.UTC(2026, 5, 1) + i * 60_000;
    annotation.push(
      await lagOf(url, token, ws, word, () =>
        createAnnotation(
          collection.doc,
          { kind: 'range', anchor: { channels: ['rover.ch00'], t, t2: t + 1000 }, title: word },
          origin,
        ),
      ),
    );
  }
  collection.close();
  return { note, annotation };
}
