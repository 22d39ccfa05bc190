/**
 * Sync scenarios with stock y-websocket clients, written once and run
 * against any target: one in-process server (sync/*.test.ts) or three node
 * processes behind HAProxy (cluster/suitesThroughProxy.e2e.test.ts).
 */
import { expect } from 'vitest';
import { newId } from '@fieldbook/shared';
import type { DocKey, LoggedUpdate } from '../storage/docStore';
import { ids, waitFor, type TestClient, type TestServerFixture } from './harness';

/** Where a scenario runs: how to connect a stock client, and how to read what was stored. */
export interface SyncTarget {
  /** A stock client on the document; the target destroys it after the test. */
  connect(workspaceId: string, docId: string): TestClient;
  /** The stored update log of a document. */
  readLog(key: DocKey): Promise<LoggedUpdate[]>;
}

/** The target of a suite's in-process server (`useTestServer`). */
export function fixtureTarget(t: TestServerFixture): SyncTarget {
  return {
    connect: (workspaceId, docId) => t.connect(workspaceId, docId),
    readLog: (key) => t.server.store.readLog(key),
  };
}

/** Five clients on each of six documents edit concurrently; each document's clients converge, and it is stored. */
export async function manyClientsConverge(t: SyncTarget): Promise<void> {
  const workspaceId = newId();
  const docIds = Array.from({ length: 6 }, () => newId());
  const byDoc = docIds.map((docId) =>
    Array.from({ length: 5 }, () => t.connect(workspaceId, docId)),
  );
  const clients = byDoc.flat();
  await Promise.all(clients.map((c) => c.synced()));
  for (let round = 0; round < 10; round++) {
    for (const [i, c] of clients.entries()) {
      c.text.insert(Math.floor(c.text.length / 2), `${i}.${round};`);
      if (round % 3 === 2 && c.text.length > 4) c.text.delete(1, 2);
    }
    await new Promise((r) => setTimeout(r, 5));
  }
  for (const group of byDoc) {
    await waitFor(
      () => group.every((c) => c.text.toString() === group[0]!.text.toString()),
      'clients of one document to converge',
    );
    expect(group[0]!.text.length).toBeGreaterThan(0);
  }
  const contents = new Set(byDoc.map((g) => g[0]!.text.toString()));
  expect(contents.size).toBe(docIds.length);
  for (const [i, group] of byDoc.entries()) {
    const stored = await t.readLog({ workspaceId, docId: docIds[i]! });
    expect(stored.length).toBeGreaterThan(0);
    for (const c of group) expect(c.text.toString()).toContain(';');
  }
}

/** A client that joins after two others edited receives the full state. */
export async function lateJoinerGetsFullState(t: SyncTarget): Promise<void> {
  const { workspaceId, docId } = ids();
  const a = t.connect(workspaceId, docId);
  const b = t.connect(workspaceId, docId);
  await Promise.all([a.synced(), b.synced()]);
  a.text.insert(0, 'hello ');
  b.doc.getMap('m').set('k', 42);
  await waitFor(() => a.doc.getMap('m').get('k') === 42, 'b to reach a');
  await waitFor(() => b.text.toString() === 'hello ', 'a to reach b');
  const late = t.connect(workspaceId, docId);
  await late.synced();
  expect(late.text.toString()).toBe('hello ');
  expect(late.doc.getMap('m').get('k')).toBe(42);
}

/** An update is relayed to everyone else and never echoed back to its sender. */
export async function noEchoToSender(t: SyncTarget): Promise<void> {
  const { workspaceId, docId } = ids();
  const a = t.connect(workspaceId, docId);
  const b = t.connect(workspaceId, docId);
  await Promise.all([a.synced(), b.synced()]);
  const remoteAtA: unknown[] = [];
  a.doc.on('update', (_u: Uint8Array, origin: unknown) => {
    if (origin === a.provider) remoteAtA.push(origin);
  });
  a.text.insert(0, 'x');
  await waitFor(() => b.text.toString() === 'x', 'relay to b');
  await new Promise((r) => setTimeout(r, 50));
  expect(remoteAtA).toEqual([]);
}

/** Presence appears at peers and late joiners, and disappears when a client drops without a goodbye. */
export async function awarenessComesAndGoes(t: SyncTarget): Promise<void> {
  const { workspaceId, docId } = ids();
  const a = t.connect(workspaceId, docId);
  const b = t.connect(workspaceId, docId);
  await Promise.all([a.synced(), b.synced()]);
  a.provider.awareness.setLocalStateField('user', { name: 'Ada' });
  await waitFor(
    () => b.provider.awareness.getStates().get(a.doc.clientID)?.user?.name === 'Ada',
    'a to appear at b',
  );
  const late = t.connect(workspaceId, docId);
  await late.synced();
  await waitFor(
    () => late.provider.awareness.getStates().get(a.doc.clientID)?.user?.name === 'Ada',
    'a to appear at the late joiner',
  );
  // Drop a's socket without a goodbye: the server must remove its entry itself.
  a.provider.shouldConnect = false;
  a.provider.ws?.close();
  await waitFor(() => !b.provider.awareness.getStates().has(a.doc.clientID), 'a to leave b');
  await waitFor(
    () => !late.provider.awareness.getStates().has(a.doc.clientID),
    'a to leave the late joiner',
  );
  late.provider.awareness.setLocalStateField('user', { name: 'Late' });
  await waitFor(
    () => b.provider.awareness.getStates().get(late.doc.clientID)?.user?.name === 'Late',
    'the remaining clients to keep exchanging awareness',
  );
  expect(b.provider.awareness.getStates().has(a.doc.clientID)).toBe(false);
}
