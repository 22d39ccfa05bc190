import { describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { newId } from '@fieldbook/shared';
import { ids, rawSocket, waitFor, useTestServer } from '../testing/harness';
import { encodeUpdate } from './protocol';

const updateWithText = (text: string) => {
  const doc = new Y.Doc();
  doc.getText('t').insert(0, text);
  return Y.encodeStateAsUpdate(doc);
};

describe('guards', () => {
  const t = useTestServer({ MAX_MESSAGE_BYTES: '2048' });

  /** A healthy client on the same document and one on another, to show neither is disturbed. */
  async function bystanders(workspaceId: string, docId: string) {
    const same = t.connect(workspaceId, docId);
    const other = t.connect(workspaceId, newId());
    const otherPeer = t.connect(workspaceId, other.provider.roomname);
    await Promise.all([same.synced(), other.synced(), otherPeer.synced()]);
    return {
      same,
      async stillSyncing() {
        other.text.insert(0, 'still ok');
        await waitFor(() => otherPeer.text.toString() === 'still ok', 'the other document to sync');
      },
    };
  }

  it('closes an oversized frame with 1009 and applies nothing', async () => {
    const { workspaceId, docId } = ids();
    const { same, stillSyncing } = await bystanders(workspaceId, docId);
    const raw = await rawSocket(t.server.port, workspaceId, docId);
    raw.ws.send(encodeUpdate(updateWithText('x'.repeat(4096))));
    expect((await raw.closed).code).toBe(1009);
    await stillSyncing();
    expect(same.text.toString()).toBe('');
    expect(await t.server.store.readLog({ workspaceId, docId })).toEqual([]);
    expect(t.server.sync.connections.size).toBe(3);
  });

  it('closes a malformed frame with a clear reason and stores nothing', async () => {
    const { workspaceId, docId } = ids();
    const { same, stillSyncing } = await bystanders(workspaceId, docId);
    const raw = await rawSocket(t.server.port, workspaceId, docId);
    raw.ws.send(new Uint8Array([0, 2, 50, 1, 2]));
    const closed = await raw.closed;
    expect(closed).toEqual({ code: 1007, reason: 'malformed message: update length' });
    same.text.insert(0, 'same doc ok');
    await stillSyncing();
    expect((await t.server.store.readLog({ workspaceId, docId })).length).toBe(1);
  });

  it('closes unknown message types and text frames with 1003', async () => {
    const { workspaceId, docId } = ids();
    const a = await rawSocket(t.server.port, workspaceId, docId);
    a.ws.send(new Uint8Array([9, 0]));
    expect(await a.closed).toEqual({ code: 1003, reason: 'unsupported message type 9' });
    const b = await rawSocket(t.server.port, workspaceId, docId);
    b.ws.send('hello');
    expect((await b.closed).code).toBe(1003);
  });

  it('closes an update whose content cannot be decoded, disturbing no other connection or document', async () => {
    const { workspaceId, docId } = ids();
    const { same, stillSyncing } = await bystanders(workspaceId, docId);
    let sameDropped = 0;
    same.provider.on('connection-close', () => sameDropped++);
    const raw = await rawSocket(t.server.port, workspaceId, docId);
    // Valid structs followed by a truncated delete set: decodable only in part.
    const valid = updateWithText('half');
    raw.ws.send(encodeUpdate(valid.subarray(0, valid.length - 1)));
    expect((await raw.closed).code).toBe(1007);
    const again = await rawSocket(t.server.port, workspaceId, docId);
    again.ws.send(encodeUpdate(new Uint8Array([5, 200, 1, 7, 7, 7])));
    const closed = await again.closed;
    expect(closed.code).toBe(1007);
    expect(closed.reason).toMatch(/^malformed message/);
    await stillSyncing();
    expect(await t.server.store.readLog({ workspaceId, docId })).toEqual([]);
    expect(sameDropped).toBe(0);
    expect(same.text.toString()).toBe('');
  });

  it('refuses routes that are not sync routes and ids that are not UUIDv7', async () => {
    const status = (path: string) =>
      new Promise<number>((resolve) => {
        const ws = new WebSocket(`ws://127.0.0.1:${t.server.port}${path}`);
        ws.on('unexpected-response', (_req, res) => resolve(res.statusCode!));
        ws.on('error', () => {});
      });
    expect(await status(`/sync/not-an-id/${newId()}`)).toBe(400);
    expect(await status(`/elsewhere`)).toBe(404);
  });
});
