import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ids, rawSocket, useTestServer, waitFor } from '../testing/harness';
import { encodeUpdate } from './protocol';
import { MAX_HELD_BYTES } from './writeGate';

const PERMISSION_DENIED = 2;

/** Two edits of one writer, the second building on the first. */
function twoEdits(second: string): { first: Uint8Array; next: Uint8Array } {
  const doc = new Y.Doc();
  const text = doc.getText('t');
  text.insert(0, 'typed before the socket opened; ');
  const first = Y.encodeStateAsUpdate(doc);
  const vector = Y.encodeStateVector(doc);
  text.insert(text.length, second);
  return { first, next: Y.encodeStateAsUpdate(doc, vector) };
}

describe('edits that arrive before what they build on', () => {
  const t = useTestServer();

  it('are held for their sender, then applied and relayed once the rest arrives', async () => {
    const { workspaceId, docId } = ids();
    const bystander = t.connect(workspaceId, docId);
    await bystander.synced();
    const writer = await rawSocket(t.server.port, workspaceId, docId);
    const { first, next } = twoEdits('typed after');

    // A y-websocket client sends live edits while its sync answer is still on the way.
    writer.ws.send(encodeUpdate(next));
    await new Promise((r) => setTimeout(r, 300));
    expect(writer.messages.some((m) => m[0] === PERMISSION_DENIED)).toBe(false);
    expect(bystander.text.toString()).toBe('');
    expect(await t.server.store.readLog({ workspaceId, docId })).toEqual([]);

    writer.ws.send(encodeUpdate(first));
    await waitFor(
      () => bystander.text.toString() === 'typed before the socket opened; typed after',
      'the held edit with what it builds on',
    );
    expect(writer.messages.some((m) => m[0] === PERMISSION_DENIED)).toBe(false);
    const stored = new Y.Doc();
    for (const row of await t.server.store.readLog({ workspaceId, docId })) {
      Y.applyUpdate(stored, row.update);
    }
    expect(stored.getText('t').toString()).toBe('typed before the socket opened; typed after');
  });

  it('are refused once more than the cap waits, and nothing of them is kept', async () => {
    const { workspaceId, docId } = ids();
    const writer = await rawSocket(t.server.port, workspaceId, docId);
    const { next } = twoEdits('x'.repeat(MAX_HELD_BYTES + 1024));
    writer.ws.send(encodeUpdate(next));
    await waitFor(() => writer.messages.some((m) => m[0] === PERMISSION_DENIED), 'a refusal');
    const refusal = new TextDecoder().decode(
      writer.messages.find((m) => m[0] === PERMISSION_DENIED),
    );
    expect(refusal).toMatch(/depend on others the server does not have/);
    expect(await t.server.store.readLog({ workspaceId, docId })).toEqual([]);
  });
});
