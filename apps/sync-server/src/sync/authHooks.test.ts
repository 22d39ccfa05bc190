import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import { FieldbookError, newId, type Grant } from '@fieldbook/shared';
import { createLogger } from '../log';
import {
  ids,
  rawSocket,
  startTestServer,
  tempDir,
  waitFor,
  useTestServer,
} from '../testing/harness';
import { authorizeByGrant, type SyncAuthHooks, type UpgradeInfo } from './auth';
import { MESSAGE_AUTH, encodeUpdate } from './protocol';

const grants: Record<string, Grant> = {
  viewer: { role: 'viewer', capabilities: [] },
  editor: { role: 'contributor', capabilities: [] },
};

describe('authentication and authorization hooks', () => {
  const seen: UpgradeInfo[] = [];
  const hooks: SyncAuthHooks = {
    authenticate(info) {
      seen.push(info);
      const token = info.bearerToken ?? info.ticket;
      if (token === 'other-tenant')
        return { id: 'mallory', tenantId: 'tenant-b', grant: grants.editor! };
      if (token === 'non-member') return { id: 'stranger', tenantId: 'tenant-a', grant: null };
      const grant = token ? grants[token] : undefined;
      if (!grant) return new FieldbookError('AUTH_TOKEN_INVALID', 'token rejected');
      return { id: `user-${token}`, tenantId: 'tenant-a', grant };
    },
    authorize: authorizeByGrant,
  };
  const t = useTestServer({}, { hooks });

  it('drops a viewer edit, answers permission-denied, and still lets the viewer read', async () => {
    const { workspaceId, docId } = ids();
    const editor = t.connect(workspaceId, docId, {
      protocols: ['fieldbook.v1', 'bearer.editor'],
    });
    await editor.synced();
    const viewer = await rawSocket(t.server.port, workspaceId, docId, [
      'fieldbook.v1',
      'bearer.viewer',
    ]);
    expect(viewer.ws.protocol).toBe('fieldbook.v1');
    const doc = new Y.Doc();
    doc.getText('t').insert(0, 'viewer tried to write');
    viewer.ws.send(encodeUpdate(Y.encodeStateAsUpdate(doc)));
    await waitFor(() => viewer.messages.some((m) => m[0] === MESSAGE_AUTH), 'permission-denied');
    const denial = decoding.createDecoder(viewer.messages.find((m) => m[0] === MESSAGE_AUTH)!);
    decoding.readVarUint(denial);
    expect(decoding.readVarUint(denial)).toBe(0);
    expect(decoding.readVarString(denial)).toMatch(/^permission-denied/);

    editor.text.insert(0, 'editor wrote');
    const before = viewer.messages.length;
    await waitFor(() => viewer.messages.length > before, 'the editor edit to reach the viewer');
    await new Promise((r) => setTimeout(r, 50));
    expect(editor.text.toString()).toBe('editor wrote');
    const log = await t.server.store.readLog({ workspaceId, docId });
    expect(log.map((u) => u.actor)).toEqual(['user-editor']);
    expect(viewer.ws.readyState).toBe(viewer.ws.OPEN);
  });

  it('passes the bearer subprotocol and ticket to authenticate and never answers with the token', async () => {
    const { workspaceId, docId } = ids();
    const a = await rawSocket(t.server.port, workspaceId, docId, ['fieldbook.v1', 'bearer.editor']);
    expect(a.ws.protocol).toBe('fieldbook.v1');
    expect(seen.at(-1)).toMatchObject({
      workspaceId,
      docId,
      bearerToken: 'editor',
      ticket: undefined,
    });
    const b = await rawSocket(t.server.port, workspaceId, `${docId}?ticket=viewer`);
    expect(seen.at(-1)).toMatchObject({ docId, ticket: 'viewer', bearerToken: undefined });
    a.ws.close();
    b.ws.close();
  });

  it('closes a refused socket with 4401 so a stock client stops retrying', async () => {
    const { workspaceId, docId } = ids();
    const c = t.connect(workspaceId, docId, {
      protocols: ['fieldbook.v1', 'bearer.nobody'],
    });
    const closed = await new Promise<{ code: number; reason: string }>((resolve) =>
      c.provider.once('closed', resolve),
    );
    expect(closed).toEqual({ code: 4401, reason: 'token rejected' });
    expect(c.provider.shouldConnect).toBe(false);
  });

  it('closes the socket of a principal who may not read, with 4403 and no content', async () => {
    const { workspaceId, docId } = ids();
    const owner = t.connect(workspaceId, docId, {
      protocols: ['fieldbook.v1', 'bearer.editor'],
    });
    owner.text.insert(0, 'members only');
    owner.provider.awareness.setLocalStateField('user', { name: 'Owner' });
    await owner.synced();
    const stranger = await rawSocket(t.server.port, workspaceId, docId, [
      'fieldbook.v1',
      'bearer.non-member',
    ]);
    stranger.ws.send(new Uint8Array([0, 0, 1, 0]));
    expect((await stranger.closed).code).toBe(4403);
    expect(stranger.messages).toEqual([]);
  });

  it('treats a document of another tenant as not found', async () => {
    const { workspaceId, docId } = ids();
    const owner = t.connect(workspaceId, docId, {
      protocols: ['fieldbook.v1', 'bearer.editor'],
    });
    owner.text.insert(0, 'secret');
    await owner.synced();
    const intruder = await rawSocket(t.server.port, workspaceId, docId, [
      'fieldbook.v1',
      'bearer.other-tenant',
    ]);
    expect(await intruder.closed).toEqual({ code: 4404, reason: 'document not found' });
    expect(intruder.messages).toEqual([]);
  });

  it('keeps one id in another workspace a different, empty document', async () => {
    const { workspaceId, docId } = ids();
    const owner = t.connect(workspaceId, docId, { protocols: ['fieldbook.v1', 'bearer.editor'] });
    owner.text.insert(0, 'secret');
    await owner.synced();
    await waitFor(() => t.server.sync.registry.hubs.size === 1, 'first document');
    const elsewhere = t.connect(newId(), docId, { protocols: ['fieldbook.v1', 'bearer.editor'] });
    await elsewhere.synced();
    expect(elsewhere.text.toString()).toBe('');
    elsewhere.text.insert(0, 'mine');
    await waitFor(() => t.server.sync.registry.hubs.size === 2, 'second document');
    await new Promise((r) => setTimeout(r, 100));
    expect(owner.text.toString()).toBe('secret');
  });
});

describe('logs of a sync session', () => {
  it('never contain the bearer token, the ticket or the query string', async () => {
    const lines: string[] = [];
    const logger = createLogger(
      'debug',
      new Writable({
        write(chunk, _enc, done) {
          lines.push(String(chunk));
          done();
        },
      }),
    );
    const data = tempDir();
    const server = await startTestServer(data.dir, { LOG_LEVEL: 'debug' }, { logger });
    const { workspaceId, docId } = ids();
    const a = await rawSocket(server.port, workspaceId, `${docId}?ticket=tkt-secret-1`, [
      'fieldbook.v1',
      'bearer.tok-secret-2',
    ]);
    a.ws.send(new Uint8Array([0, 2, 9, 1]));
    await a.closed;
    await server.close();
    data.cleanup();
    const text = lines.join('');
    expect(text).toContain('socket opened');
    expect(text).toContain('closing socket');
    for (const secret of ['tkt-secret-1', 'tok-secret-2', '?ticket', 'bearer.']) {
      expect(text).not.toContain(secret);
    }
  });
});
