// Seeds a sync server with documents the way a client would: build each
// Y.Doc locally, then sync it once over a stock y-websocket provider.
import {
  actorOrigin,
  createDocumentEntry,
  createNote,
  createWorkspaceIndex,
  noteBody,
} from '@fieldbook/crdt-model';
import { newId } from '@fieldbook/shared';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

/** A signed-in account on the bench server. */
export interface Account {
  readonly server: string;
  readonly accessToken: string;
  readonly refreshToken: string;
  readonly expiresAt: number;
  readonly user: { id: string; name: string; email: string };
}

async function post<T>(url: string, body: unknown, token?: string): Promise<T> {
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${url} answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as T;
}

/** Signs up a fresh organization and returns its admin's tokens. */
export async function signUp(server: string): Promise<Account> {
  const reply = await post<Omit<Account, 'server'>>(`${server}/api/v1/auth/signup`, {
    tenant: 'Bench lab',
    name: 'Bench User',
    email: `bench-${newId()}@lab.test`,
    password: 'bench password 1',
  });
  return { server, ...reply };
}

/** Creates a workspace on the server; returns its id. */
export async function createWorkspace(account: Account, name: string): Promise<string> {
  const ws = await post<{ id: string }>(
    `${account.server}/api/v1/workspaces`,
    { name },
    account.accessToken,
  );
  return ws.id;
}

/** Sends a document's whole state to the server and waits until it left the socket. */
export async function pushDoc(account: Account, workspaceId: string, docId: string, doc: Y.Doc) {
  const provider = new WebsocketProvider(
    `${account.server.replace(/^http/, 'ws')}/sync/${workspaceId}`,
    docId,
    doc,
    {
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      protocols: ['fieldbook.v1', `bearer.${account.accessToken}`],
      disableBc: true,
    },
  );
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`sync of ${docId} timed out`)), 60_000);
    provider.once('sync', () => {
      clearTimeout(timer);
      resolve();
    });
  });
  while ((provider.ws?.bufferedAmount ?? 0) > 0) await new Promise((r) => setTimeout(r, 20));
  await new Promise((r) => setTimeout(r, 150));
  provider.destroy();
  // The provider leaves the Awareness it made running (a 3 s timer each), which kept the bench alive.
  provider.awareness.destroy();
}

/** Runs `work` over `items` with at most `limit` at a time. */
async function inTurns<T>(items: T[], limit: number, work: (item: T) => Promise<void>) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: limit }, worker));
}

/** A workspace with `count` short notes titled "Note 0001"…; returns the first note's title. */
export async function seedManyNotes(account: Account, workspaceId: string, count: number) {
  // Changes are the account's own: the server refuses documents listed by anyone else.
  const origin = actorOrigin(account.user.id);
  const index = new Y.Doc();
  createWorkspaceIndex(index, { name: `${count} notes` }, origin);
  const notes: { id: string; doc: Y.Doc }[] = [];
  for (let i = 1; i <= count; i++) {
    const title = `Note ${String(i).padStart(4, '0')}`;
    const id = createDocumentEntry(index, { kind: 'note', title }, origin);
    const doc = new Y.Doc();
    createNote(doc, { title }, origin);
    noteBody(doc).insert(0, `# ${title}\n\nObservation ${i}: nominal readings, no anomalies.\n`);
    notes.push({ id, doc });
  }
  await pushDoc(account, workspaceId, workspaceId, index);
  await inTurns(notes, 16, (n) => pushDoc(account, workspaceId, n.id, n.doc));
  return { firstTitle: 'Note 0001', firstLine: noteBody(notes[0]!.doc).toString().split('\n')[0]! };
}

/**
 * A workspace with one note whose text went through `edits` edits at random
 * places (4 in 5 insert 1–5 characters, 1 in 5 delete up to 3), each its own
 * transaction — a long, fragmented history, harder than plain typing.
 */
export async function seedLongHistory(account: Account, workspaceId: string, edits: number) {
  const origin = actorOrigin(account.user.id);
  const index = new Y.Doc();
  createWorkspaceIndex(index, { name: 'Long history' }, origin);
  const title = 'Long history note';
  const id = createDocumentEntry(index, { kind: 'note', title }, origin);
  const doc = new Y.Doc();
  createNote(doc, { title }, origin);
  const text = noteBody(doc);
  let seed = 42;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  for (let i = 0; i < edits; i++) {
    const at = Math.floor(random() * (text.length + 1));
    doc.transact(() => {
      if (random() < 0.8 || text.length < 10) {
        text.insert(at, 'abcde'.slice(0, 1 + Math.floor(random() * 5)));
      } else {
        text.delete(Math.min(at, text.length - 3), 1 + Math.floor(random() * 3));
      }
    }, origin);
  }
  await pushDoc(account, workspaceId, workspaceId, index);
  await pushDoc(account, workspaceId, id, doc);
  return {
    title,
    textLength: text.length,
    firstLine: text.toString().slice(0, 40),
    stateBytes: Y.encodeStateAsUpdate(doc).byteLength,
  };
}
