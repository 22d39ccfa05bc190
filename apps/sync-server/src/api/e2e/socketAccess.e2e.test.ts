import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, can, newId } from '@fieldbook/shared';
import { E2E_PASSWORD, tenantWithRoles } from './fixtures';
import { SOCKET_MESSAGES, actionOf, encodeClientMessage, openRaw, until } from './rawSync';
import { startIdentityServer, type IdentityServer } from './serverKit';

let s: IdentityServer;
let t: Awaited<ReturnType<typeof tenantWithRoles>>;
beforeAll(async () => {
  s = await startIdentityServer();
  t = await tenantWithRoles(s);
});
afterAll(async () => {
  const leaked = s.leakedSecrets();
  await s.close();
  expect(leaked).toEqual([]);
});

const bearer = (token: string) => ['fieldbook.v1', `bearer.${token}`];

describe('sync socket authorization matrix (every role × every client message)', () => {
  for (const role of ROLES) {
    for (const message of SOCKET_MESSAGES) {
      const allowed = can({ role, capabilities: [] }, actionOf(message));
      it(`${role} ${message} → ${allowed ? 'allowed' : 'dropped with permission-denied'}`, async () => {
        const docId = newId();
        const observer = openRaw(s.port, t.ws, docId, bearer(t.members.admin.token));
        expect(await observer.opened).toBe(true);
        await until(() => observer.frames.includes('sync0'), 'observer greeting');
        observer.ws.send(encodeClientMessage('update', 'seed'));
        await until(
          async () => (await s.server.store.readLog({ workspaceId: t.ws, docId })).length === 1,
          'seed content',
        );
        const sock = openRaw(s.port, t.ws, docId, bearer(t.members[role].token));
        expect(await sock.opened).toBe(true);
        await until(() => sock.frames.includes('sync0'), 'greeting');
        const before = (await s.server.store.readLog({ workspaceId: t.ws, docId })).length;
        sock.ws.send(encodeClientMessage(message, `${role}-${message}`));
        if (message === 'syncStep1') {
          await until(
            () =>
              sock.frames.includes('sync1') === allowed || sock.frames.includes('permissionDenied'),
            'answer',
          );
          expect(sock.frames.includes('sync1')).toBe(allowed);
        } else if (message === 'queryAwareness') {
          await until(
            () => sock.frames.includes('awareness') || sock.frames.includes('permissionDenied'),
            'answer',
          );
          expect(sock.frames.includes('awareness')).toBe(allowed);
        } else if (message === 'awareness') {
          await until(
            () => observer.frames.includes('awareness') || sock.frames.includes('permissionDenied'),
            'relay',
          );
          expect(observer.frames.includes('awareness')).toBe(allowed);
        } else {
          await until(
            async () =>
              sock.frames.includes('permissionDenied') ||
              (await s.server.store.readLog({ workspaceId: t.ws, docId })).length > before,
            'update outcome',
          );
          const log = await s.server.store.readLog({ workspaceId: t.ws, docId });
          expect(log.length > before).toBe(allowed);
          expect(sock.frames.includes('permissionDenied')).toBe(!allowed);
          if (allowed) {
            expect(log.at(-1)!.actor).toBe(t.members[role].userId);
            await until(
              () => observer.frames.filter((f) => f === 'sync2').length > 0,
              'relay to observer',
            );
          } else {
            await new Promise((r) => setTimeout(r, 100));
            expect(observer.frames).not.toContain('sync2');
          }
        }
        expect(sock.ws.readyState).toBe(sock.ws.OPEN);
        sock.ws.close();
        observer.ws.close();
      });
    }
  }
});

describe('authentication on upgrade', () => {
  it('refuses sockets without a valid credential (4401)', async () => {
    for (const protocols of [
      ['fieldbook.v1'],
      bearer('not-a-token'),
      bearer('fb_abcdefgh_' + 'x'.repeat(40)),
    ]) {
      const sock = openRaw(s.port, t.ws, newId(), protocols);
      expect((await sock.closed).code).toBe(4401);
    }
  });

  it("answers another tenant's workspace exactly like a random one (4404)", async () => {
    const other = await tenantWithRoles(s);
    const docId = newId();
    const own = s.connect(t.ws, docId, { token: t.members.contributor.token });
    await own.synced();
    const foreign = openRaw(s.port, t.ws, docId, bearer(other.members.admin.token));
    const random = openRaw(s.port, newId(), docId, bearer(other.members.admin.token));
    const [a, b] = await Promise.all([foreign.closed, random.closed]);
    expect(a).toEqual({ code: 4404, reason: expect.any(String) });
    expect(b).toEqual(a);
  });

  it("answers another tenant's document id in one's own workspace exactly like a free id", async () => {
    const other = await tenantWithRoles(s);
    const taken = newId();
    const own = s.connect(t.ws, taken, { token: t.members.contributor.token });
    await own.synced();
    own.doc.getMap('m').set('secret', 'A only');
    await until(
      async () => (await s.server.store.readLog({ workspaceId: t.ws, docId: taken })).length === 1,
      'content',
    );
    // A viewer may not create documents: both ids are "not found", with the same reason.
    const viewerTaken = openRaw(s.port, other.ws, taken, bearer(other.members.viewer.token));
    const viewerFree = openRaw(s.port, other.ws, newId(), bearer(other.members.viewer.token));
    const [vt, vf] = await Promise.all([viewerTaken.closed, viewerFree.closed]);
    expect(vt).toEqual({ code: 4404, reason: expect.any(String) });
    expect(vf).toEqual(vt);
    // An editor opens both as new, empty documents, and writes to its own workspace only.
    for (const id of [taken, newId()]) {
      const editor = s.connect(other.ws, id, { token: other.members.contributor.token });
      await editor.synced();
      expect(editor.doc.getMap('m').toJSON()).toEqual({});
      expect(editor.closes).toEqual([]);
      editor.provider.destroy();
    }
    expect(own.doc.getMap('m').toJSON()).toEqual({ secret: 'A only' });
  });

  it('lets only those who may create documents open an id with no content yet', async () => {
    const docId = newId();
    const viewer = openRaw(s.port, t.ws, docId, bearer(t.members.viewer.token));
    expect((await viewer.closed).code).toBe(4404);
    const editor = s.connect(t.ws, docId, { token: t.members.contributor.token });
    await editor.synced();
    editor.doc.getMap('m').set('born', 'offline');
    await until(
      async () => (await s.server.store.readLog({ workspaceId: t.ws, docId })).length === 1,
      'creation',
    );
    const again = s.connect(t.ws, docId, { token: t.members.viewer.token });
    await again.synced();
    expect(again.doc.getMap('m').get('born')).toBe('offline');
  });

  it('accepts a ticket once, for its workspace only', async () => {
    const issue = async () =>
      (
        await s.call('POST', '/sync-tickets', {
          token: t.members.contributor.token,
          body: { workspaceId: t.ws },
        })
      ).body.ticket as string;
    const ticket = await issue();
    s.secrets.add(ticket);
    const first = s.connect(t.ws, newId(), { ticket });
    await first.synced();
    first.provider.disconnect();
    const again = openRaw(
      s.port,
      t.ws,
      newId(),
      ['fieldbook.v1'],
      `?ticket=${encodeURIComponent(ticket)}`,
    );
    expect((await again.closed).code).toBe(4401);
    const other = (
      await s.call('POST', '/workspaces', { token: t.admin.token, body: { name: 'other' } })
    ).body.id;
    const misplaced = openRaw(
      s.port,
      other,
      newId(),
      ['fieldbook.v1'],
      `?ticket=${encodeURIComponent(await issue())}`,
    );
    expect((await misplaced.closed).code).toBe(4401);
  });
});

describe('changes reach open sockets within a second', () => {
  it('a downgraded editor is told its new role, can no longer write; a removed member is disconnected', async () => {
    const f = await tenantWithRoles(s);
    const docId = newId();
    const editor = openRaw(s.port, f.ws, docId, bearer(f.members.contributor.token));
    await until(() => editor.frames.includes('sync0'), 'greeting');
    editor.ws.send(encodeClientMessage('update', 'before'));
    await until(
      async () => (await s.server.store.readLog({ workspaceId: f.ws, docId })).length === 1,
      'first write',
    );

    const changedAt = Date.now();
    await s.call('PATCH', `/workspaces/${f.ws}/members/${f.members.contributor.userId}`, {
      token: f.admin.token,
      body: { role: 'viewer' },
    });
    await until(
      () => {
        editor.ws.send(encodeClientMessage('update', `after-${Date.now()}`));
        return editor.frames.includes('permissionDenied');
      },
      'downgrade to take effect',
      1000,
    );
    await until(() => editor.frames.includes('grant:viewer'), 'the new role pushed', 1000);
    expect(Date.now() - changedAt).toBeLessThan(1000);
    expect((await s.server.store.readLog({ workspaceId: f.ws, docId })).length).toBe(1);

    const removedAt = Date.now();
    await s.call('DELETE', `/workspaces/${f.ws}/members/${f.members.contributor.userId}`, {
      token: f.admin.token,
    });
    expect((await editor.closed).code).toBe(4403);
    expect(Date.now() - removedAt).toBeLessThan(1000);
  });

  it('closes the sockets of a revoked key and of a signed-out session', async () => {
    const f = await tenantWithRoles(s);
    const created = await s.call('POST', '/api-keys', {
      token: f.admin.token,
      body: { name: 'agent', workspaceId: f.ws, access: 'write', agent: true },
    });
    const viaKey = openRaw(s.port, f.ws, newId(), bearer(created.body.key));
    expect(await viaKey.opened).toBe(true);
    await s.call('DELETE', `/api-keys/${created.body.apiKey.id}`, { token: f.admin.token });
    expect((await viaKey.closed).code).toBe(4401);

    const viaSession = openRaw(s.port, f.ws, newId(), bearer(f.members.reviewer.token));
    expect(await viaSession.opened).toBe(true);
    await s.call('POST', '/auth/logout', { token: f.members.reviewer.token });
    expect((await viaSession.closed).code).toBe(4401);
  });

  it('a password change closes the sockets of every other session of that user, not its own', async () => {
    const f = await tenantWithRoles(s);
    const { email } = f.members.contributor;
    const other = await s.call('POST', '/auth/login', {
      body: { email, password: E2E_PASSWORD },
    });
    const mine = openRaw(s.port, f.ws, newId(), bearer(f.members.contributor.token));
    const elsewhere = openRaw(s.port, f.ws, newId(), bearer(other.body.accessToken));
    expect(await mine.opened).toBe(true);
    expect(await elsewhere.opened).toBe(true);
    const changed = await s.call('POST', '/auth/password', {
      token: f.members.contributor.token,
      body: { currentPassword: E2E_PASSWORD, newPassword: 'a brand new phrase' },
    });
    expect(changed.body).toEqual({ endedSessions: 1 });
    expect((await elsewhere.closed).code).toBe(4401);
    await new Promise((r) => setTimeout(r, 300));
    expect(mine.ws.readyState).toBe(mine.ws.OPEN);
    mine.ws.close();
  });

  it('a viewer edit from a stock client is never applied, stored or relayed', async () => {
    const docId = newId();
    const editor = s.connect(t.ws, docId, { token: t.members.contributor.token });
    await editor.synced();
    editor.doc.getMap('m').set('by-editor', 1);
    await until(
      async () => (await s.server.store.readLog({ workspaceId: t.ws, docId })).length === 1,
      'first content',
    );
    const viewer = s.connect(t.ws, docId, { token: t.members.viewer.token });
    await viewer.synced();
    await until(
      () => viewer.doc.getMap('m').get('by-editor') === 1,
      'editor edit to reach the viewer',
    );
    viewer.doc.getMap('m').set('by-viewer', 1);
    await new Promise((r) => setTimeout(r, 300));
    expect(editor.doc.getMap('m').has('by-viewer')).toBe(false);
    const log = await s.server.store.readLog({ workspaceId: t.ws, docId });
    expect(log.map((u) => u.actor)).toEqual([t.members.contributor.userId]);
    const fresh = s.connect(t.ws, docId, { token: t.members.admin.token });
    await fresh.synced();
    expect(fresh.doc.getMap('m').toJSON()).toEqual({ 'by-editor': 1 });
  });
});
