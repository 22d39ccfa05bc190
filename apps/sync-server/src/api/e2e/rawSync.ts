import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { AUTH_GRANT_CHANGED, AUTH_PERMISSION_DENIED, GrantSchema } from '@fieldbook/shared';
import { WebSocket } from 'ws';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';

/** The message kinds a client sends on the sync socket, and the action each needs. */
export const SOCKET_MESSAGES = [
  'syncStep1',
  'syncStep2',
  'update',
  'awareness',
  'queryAwareness',
] as const;
export type SocketMessage = (typeof SOCKET_MESSAGES)[number];
export const actionOf = (m: SocketMessage) =>
  m === 'syncStep2' || m === 'update' ? 'sync.write' : 'sync.read';

/** A frame of `kind` as a stock client would send it; `tag` makes its content unique. */
export function encodeClientMessage(kind: SocketMessage, tag: string): Uint8Array {
  const e = encoding.createEncoder();
  const doc = new Y.Doc();
  doc.getMap('m').set(tag, 1);
  switch (kind) {
    case 'syncStep1':
      encoding.writeVarUint(e, 0);
      syncProtocol.writeSyncStep1(e, new Y.Doc());
      break;
    case 'syncStep2':
      encoding.writeVarUint(e, 0);
      syncProtocol.writeSyncStep2(e, doc);
      break;
    case 'update':
      encoding.writeVarUint(e, 0);
      syncProtocol.writeUpdate(e, Y.encodeStateAsUpdate(doc));
      break;
    case 'awareness': {
      const awareness = new awarenessProtocol.Awareness(doc);
      awareness.setLocalState({ user: tag });
      encoding.writeVarUint(e, 1);
      encoding.writeVarUint8Array(
        e,
        awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID]),
      );
      awareness.destroy();
      break;
    }
    case 'queryAwareness':
      encoding.writeVarUint(e, 3);
      break;
  }
  return encoding.toUint8Array(e);
}

/**
 * A server frame's kind: `sync0/1/2`, `awareness`, `permissionDenied`,
 * `grant:<role>` (a pushed role change), or `other`.
 */
export function frameKind(frame: Uint8Array): string {
  const d = decoding.createDecoder(frame);
  const type = decoding.readVarUint(d);
  if (type === 0) return `sync${decoding.readVarUint(d)}`;
  if (type === 1) return 'awareness';
  if (type !== 2) return 'other';
  const sub = decoding.readVarUint(d);
  if (sub === AUTH_PERMISSION_DENIED) return 'permissionDenied';
  if (sub === AUTH_GRANT_CHANGED)
    return `grant:${GrantSchema.parse(JSON.parse(decoding.readVarString(d))).role}`;
  return 'auth';
}

/** A raw socket on a sync route that records frames and its close. */
export function openRaw(
  port: number,
  workspaceId: string,
  docId: string,
  protocols: string[],
  query = '',
) {
  const ws = new WebSocket(
    `ws://127.0.0.1:${port}/sync/${workspaceId}/${docId}${query}`,
    protocols,
  );
  const frames: string[] = [];
  ws.on('message', (data: Buffer) => frames.push(frameKind(new Uint8Array(data))));
  ws.on('error', () => {});
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  const opened = new Promise<boolean>((resolve) => {
    ws.once('open', () => resolve(true));
    ws.once('close', () => resolve(false));
  });
  return { ws, frames, closed, opened };
}

/** Waits until `check` holds, polling every 10 ms. */
export async function until(
  check: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 5000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
