import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import { FieldbookError, ROLES, type Role } from '@fieldbook/shared';
import { ids, useTestServer, waitFor, type TestClient } from '../testing/harness';
import { authorizeByGrant, type SyncAuthHooks } from './auth';
import { MESSAGE_AUTH } from './protocol';

// A reader's replica that already holds the document (reopened from its
// local store) answers the server's sync step 1 with an update that carries
// no structs but every deletion it knows, which Yjs always sends whole. That
// update changes nothing on the server and must not count as a write.

const TENANT = 'tenant-r';
const hooks: SyncAuthHooks = {
  authenticate(info) {
    const role = info.bearerToken ?? '';
    if (!(ROLES as readonly string[]).includes(role))
      return new FieldbookError('AUTH_TOKEN_INVALID', 'unknown test token');
    return {
      id: `user-${role}`,
      tenantId: TENANT,
      grant: { role: role as Role, capabilities: [] },
    };
  },
  authorize: authorizeByGrant,
};

/** Permission-denied reasons a stock client receives on its socket. */
function watchDenials(client: TestClient): string[] {
  const denials: string[] = [];
  client.provider.ws!.addEventListener('message', (event: MessageEvent) => {
    const message = new Uint8Array(event.data as ArrayBuffer);
    if (message[0] !== MESSAGE_AUTH) return;
    const decoder = decoding.createDecoder(message);
    decoding.readVarUint(decoder);
    decoding.readVarUint(decoder);
    denials.push(decoding.readVarString(decoder));
  });
  return denials;
}

describe("a reader's replica that repeats the server's deletions", () => {
  const t = useTestServer({}, { hooks });
  beforeAll(() => {
    const warn = console.warn.bind(console);
    vi.spyOn(console, 'warn').mockImplementation((...args: unknown[]) => {
      if (!String(args[0]).startsWith('Permission denied to access')) warn(...args);
    });
  });
  afterEach(() => vi.clearAllMocks());

  /** A document whose text had a word deleted, and a viewer's replica holding all of it. */
  async function seeded() {
    const { workspaceId, docId } = ids();
    const ref = { workspaceId, docId, tenantId: TENANT };
    await t.server.sync.change(ref, { actor: 'editor', client: 'seed' }, (doc) => {
      doc.getText('t').insert(0, 'pump on, valve open');
      doc.getText('t').delete(7, 12);
    });
    const replica = new Y.Doc();
    Y.applyUpdate(replica, Y.encodeStateAsUpdate(t.server.sync.registry.get(ref)!.doc));
    const connect = (role: Role, doc?: Y.Doc) =>
      t.connect(workspaceId, docId, { protocols: ['fieldbook.v1', `bearer.${role}`], doc });
    return { ref, replica, connect };
  }

  it('is not a write: the viewer is not refused and keeps syncing', async () => {
    const { ref, replica, connect } = await seeded();
    expect(Y.encodeStateAsUpdate(replica, Y.encodeStateVector(replica)).length).toBeGreaterThan(2);
    const viewer = connect('viewer', replica);
    const denials = watchDenials(viewer);
    await viewer.synced();
    const logBefore = (await t.server.store.readLog(ref)).length;
    const editor = connect('contributor');
    await editor.synced();
    editor.text.insert(editor.text.length, ' at 09:10');
    await waitFor(() => viewer.text.toString() === 'pump on at 09:10', 'the edit at the viewer');
    await new Promise((r) => setTimeout(r, 100));
    expect(denials).toEqual([]);
    expect(viewer.provider.wsconnected).toBe(true);
    expect((await t.server.store.readLog(ref)).length).toBe(logBefore + 1);
    const metrics = await t.server.metrics.registry.metrics();
    expect(metrics).not.toMatch(/code="AUTH_INSUFFICIENT_PERMISSIONS"/);
  });

  it('still refuses a deletion the server has not made', async () => {
    const { ref, replica, connect } = await seeded();
    replica.getText('t').delete(0, 5);
    const viewer = connect('viewer', replica);
    const denials = watchDenials(viewer);
    await waitFor(() => denials.length > 0, 'the refusal');
    expect(denials[0]).toBe('permission-denied: you may not edit this document');
    expect(t.server.sync.registry.get(ref)!.doc.getText('t').toString()).toBe('pump on');
  });
});
