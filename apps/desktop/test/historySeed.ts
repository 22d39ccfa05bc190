// Documents made for the history browser tests the way another client makes
// them: a stock y-websocket provider in Node signed in as a person, one
// session (one history entry) per call.
import { actorOrigin, createDocumentEntry, type ModelOrigin } from '@fieldbook/crdt-model';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { fetchDoc } from './docReader';

/** Who makes the change: the server refuses changes signed as someone else. */
export interface Signer {
  server: string;
  token: string;
  userId: string;
  workspaceId: string;
}

/** The user id behind an access token. */
export async function userIdOf(server: string, token: string): Promise<string> {
  const res = await fetch(`${server}/api/v1/auth/me`, {
    headers: { authorization: `Bearer ${token}` },
  });
  if (!res.ok) throw new Error(`/auth/me answered ${res.status}`);
  const { userId } = (await res.json()) as { userId: string | null };
  if (!userId) throw new Error('/auth/me named no user');
  return userId;
}

/**
 * Opens `docId` in a session of its own, applies `change` once synced, and
 * resolves when another client reading the server's copy sees `stored` hold.
 */
export async function inSession(
  s: Signer,
  docId: string,
  change: (doc: Y.Doc, origin: ModelOrigin) => void,
  stored: (doc: Y.Doc) => boolean,
): Promise<void> {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(
    `${s.server.replace(/^http/, 'ws')}/sync/${s.workspaceId}`,
    docId,
    doc,
    {
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      protocols: ['fieldbook.v1', `bearer.${s.token}`],
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
    change(doc, actorOrigin(s.userId));
    const deadline = Date.now() + 15_000;
    while (!stored(await fetchDoc(s.server, s.token, s.workspaceId, docId))) {
      if (Date.now() > deadline) throw new Error(`the change to ${docId} was not stored`);
      await new Promise((r) => setTimeout(r, 200));
    }
  } finally {
    provider.awareness.destroy();
    provider.destroy();
  }
}

/** Lists a new document of `kind` titled `title` in the workspace; answers its id. */
export async function listDocument(
  s: Signer,
  kind: 'note' | 'annotations' | 'view',
  title: string,
): Promise<string> {
  let id = '';
  await inSession(
    s,
    s.workspaceId,
    (index, origin) => {
      id = createDocumentEntry(index, { kind, title }, origin);
    },
    (index) => index.getMap('documents').has(id),
  );
  return id;
}
