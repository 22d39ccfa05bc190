// Reads a document the way another client would: a stock y-websocket
// provider in Node against the sync server, so a test asserts what was
// stored (e.g. a note's Markdown in its Y.Text), not what the page shows.
import { noteBody, readWorkspaceIndex } from '@fieldbook/crdt-model';
import type { WorkspaceIndexSnapshot } from '@fieldbook/shared';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

/** Signs in through REST and returns an access token. */
export async function accessToken(
  server: string,
  email: string,
  password: string,
): Promise<string> {
  const res = await fetch(`${server}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!res.ok) throw new Error(`login answered ${res.status}`);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

/** Syncs a fresh Y.Doc with the server's copy of `docId` and returns it. */
export async function fetchDoc(
  server: string,
  token: string,
  workspaceId: string,
  docId: string,
): Promise<Y.Doc> {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(
    `${server.replace(/^http/, 'ws')}/sync/${workspaceId}`,
    docId,
    doc,
    {
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      protocols: ['fieldbook.v1', `bearer.${token}`],
      disableBc: true,
    },
  );
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no sync of ${docId}`)), 10_000);
      provider.on('sync', (synced: boolean) => {
        if (!synced) return;
        clearTimeout(timer);
        resolve();
      });
    });
  } finally {
    provider.awareness.destroy();
    provider.destroy();
  }
  return doc;
}

/** The stored Markdown of a note. */
export async function storedMarkdown(
  server: string,
  token: string,
  workspaceId: string,
  docId: string,
): Promise<string> {
  return noteBody(await fetchDoc(server, token, workspaceId, docId)).toString();
}

/** The stored workspace index. */
export async function storedIndex(
  server: string,
  token: string,
  workspaceId: string,
): Promise<WorkspaceIndexSnapshot> {
  return readWorkspaceIndex(await fetchDoc(server, token, workspaceId, workspaceId));
}
