import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '@fieldbook/shared';
import { tenantWithRoles } from '../api/e2e/fixtures';
import { encodeClientMessage, openRaw, until } from '../api/e2e/rawSync';
import { startIdentityServer, type IdentityServer } from '../api/e2e/serverKit';
import { createTestDatabase, type TestDatabase } from '../postgres/testing';
import { TEST_REDIS_URL } from './testing';

// Two tenant-mode nodes on one PostgreSQL database and one Redis: what one
// node decides (a role, a removal, a spent ticket) holds on the other.
let database: TestDatabase;
let a: IdentityServer;
let b: IdentityServer;
beforeAll(async () => {
  database = await createTestDatabase();
  const shared = { DATABASE_URL: database.url, REDIS_URL: TEST_REDIS_URL };
  a = await startIdentityServer({}, shared);
  b = await startIdentityServer({}, shared);
}, 60_000);
afterAll(async () => {
  await Promise.all([a?.close(), b?.close()]);
  await database?.drop();
});

const bearer = (token: string) => ['fieldbook.v1', `bearer.${token}`];

describe('two nodes on PostgreSQL and Redis', () => {
  it('a role change and a removal made on node A reach a socket on node B within a second', async () => {
    const f = await tenantWithRoles(a);
    const docId = newId();
    const editor = openRaw(b.port, f.ws, docId, bearer(f.members.contributor.token));
    await until(() => editor.frames.includes('sync0'), 'greeting');
    editor.ws.send(encodeClientMessage('update', 'before'));
    await until(
      async () => (await b.server.store.readLog({ workspaceId: f.ws, docId })).length === 1,
      'first write',
    );

    const changedAt = Date.now();
    await a.call('PATCH', `/workspaces/${f.ws}/members/${f.members.contributor.userId}`, {
      token: f.admin.token,
      body: { role: 'viewer' },
    });
    await until(() => editor.frames.includes('grant:viewer'), 'the new role pushed', 1000);
    expect(Date.now() - changedAt).toBeLessThan(1000);
    editor.ws.send(encodeClientMessage('update', 'after'));
    await until(() => editor.frames.includes('permissionDenied'), 'the write refused', 1000);
    expect((await a.server.store.readLog({ workspaceId: f.ws, docId })).length).toBe(1);

    const removedAt = Date.now();
    await a.call('DELETE', `/workspaces/${f.ws}/members/${f.members.contributor.userId}`, {
      token: f.admin.token,
    });
    expect((await editor.closed).code).toBe(4403);
    expect(Date.now() - removedAt).toBeLessThan(1000);
  });

  it('a ticket issued on node A works once, on node B, and never again on either', async () => {
    const f = await tenantWithRoles(a);
    const ticket = (
      await a.call('POST', '/sync-tickets', {
        token: f.members.contributor.token,
        body: { workspaceId: f.ws },
      })
    ).body.ticket as string;
    a.secrets.add(ticket);
    b.secrets.add(ticket);
    const query = `?ticket=${encodeURIComponent(ticket)}`;
    const first = openRaw(b.port, f.ws, newId(), ['fieldbook.v1'], query);
    await until(() => first.frames.includes('sync0'), 'the ticket accepted on node B');
    first.ws.close();
    for (const node of [a, b]) {
      const again = openRaw(node.port, f.ws, newId(), ['fieldbook.v1'], query);
      expect((await again.closed).code).toBe(4401);
    }
  });
});
