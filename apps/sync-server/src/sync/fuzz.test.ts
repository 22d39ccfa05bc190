import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { newId } from '@fieldbook/shared';
import type { RunningServer } from '../server';
import {
  connectClient,
  rawSocket,
  startTestServer,
  tempDir,
  waitFor,
  type TestClient,
} from '../testing/harness';
import { encodeAwareness, encodeSyncStep1, encodeSyncStep2, encodeUpdate } from './protocol';

/** Valid frames of every kind, as a stock client would send them. */
function validFrames(): Uint8Array[] {
  const doc = new Y.Doc();
  doc.getText('t').insert(0, 'fuzz seed text');
  doc.getMap('m').set('k', { nested: [1, 2, 3] });
  doc.getText('t').delete(2, 3);
  const awareness = new awarenessProtocol.Awareness(doc);
  awareness.setLocalStateField('user', { name: 'fuzzer' });
  const frames = [
    encodeSyncStep1(doc),
    encodeSyncStep2(doc, new Uint8Array([0])),
    encodeUpdate(Y.encodeStateAsUpdate(doc)),
    encodeAwareness(awareness),
    new Uint8Array([3]),
  ];
  awareness.destroy();
  return frames;
}

describe('fuzzed frames', () => {
  let server: RunningServer;
  const data = tempDir();
  const clients: TestClient[] = [];
  beforeAll(async () => {
    server = await startTestServer(data.dir, { MAX_MESSAGE_BYTES: '4096' });
  });
  afterAll(async () => {
    for (const c of clients) c.destroy();
    await server.close();
    data.cleanup();
  });

  it('never crash the server or disturb another document', async () => {
    const workspaceId = newId();
    const fuzzDoc = newId();
    const calmDoc = newId();
    const a = connectClient(server.port, workspaceId, calmDoc);
    const b = connectClient(server.port, workspaceId, calmDoc);
    clients.push(a, b);
    await Promise.all([a.synced(), b.synced()]);
    a.text.insert(0, 'calm');
    await waitFor(() => b.text.toString() === 'calm', 'calm document to sync');

    const valid = validFrames();
    const mutated = fc
      .tuple(
        fc.constantFrom(...valid),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 4 }),
      )
      .map(([frame, edits]) => {
        const copy = frame.slice();
        for (const [at, value] of edits) copy[at % copy.length] = value;
        return copy;
      });
    const truncated = fc
      .tuple(fc.constantFrom(...valid), fc.nat())
      .map(([frame, cut]) => frame.subarray(0, cut % frame.length));
    const randomBytes = fc.uint8Array({ minLength: 0, maxLength: 64 });
    const frames = fc.array(fc.oneof(mutated, truncated, randomBytes, fc.constantFrom(...valid)), {
      minLength: 1,
      maxLength: 6,
    });

    let round = 0;
    await fc.assert(
      fc.asyncProperty(frames, async (sequence) => {
        const raw = await rawSocket(server.port, workspaceId, fuzzDoc);
        for (const frame of sequence) if (raw.ws.readyState === raw.ws.OPEN) raw.ws.send(frame);
        await Promise.race([raw.closed, new Promise((r) => setTimeout(r, 15))]);
        raw.ws.terminate();
        round++;
        const text = `calm-${round}`;
        a.text.delete(0, a.text.length);
        a.text.insert(0, text);
        await waitFor(() => b.text.toString() === text, 'the calm document to keep syncing');
      }),
      { numRuns: 200 },
    );
    const health = await fetch(`http://127.0.0.1:${server.port}/health`);
    expect(health.status).toBe(200);
    const fresh = connectClient(server.port, workspaceId, calmDoc);
    clients.push(fresh);
    await fresh.synced();
    expect(fresh.text.toString()).toBe(`calm-${round}`);
  });
});
