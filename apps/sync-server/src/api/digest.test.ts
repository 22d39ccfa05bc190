import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { documentDigest } from '@fieldbook/crdt-model';
import { newId } from '@fieldbook/shared';
import { documentSeeds } from '../history/testing/documentSeeds';
import { openTestApi, type TestApi } from './testKit';

/** Signs a new user into `ws` with `role` through an invitation; returns their token. */
async function memberOf(t: TestApi, adminToken: string, ws: string, role: string) {
  const inv = await t.call('POST', `/workspaces/${ws}/invitations`, {
    token: adminToken,
    body: { role },
  });
  const email = `${role}-${newId()}@lab.org`;
  const password = 'member password 1';
  await t.call('POST', '/invitations/accept', {
    body: { token: inv.body.token, email, password, name: role },
  });
  const login = await t.call('POST', '/auth/login', {
    body: { email, password },
    ip: '203.0.113.7',
  });
  return login.body.accessToken as string;
}

describe('GET /workspaces/:ws/documents/:doc/digest', () => {
  it("answers readers with the stored state's vector and canonical hash; others get 404", async () => {
    const t = await openTestApi();
    const a = await t.signup('Lab');
    const ws = (await t.call('POST', '/workspaces', { token: a.token, body: { name: 'W' } })).body
      .id as string;
    const other = (await t.call('POST', '/workspaces', { token: a.token, body: { name: 'X' } }))
      .body.id as string;
    const { docId } = await documentSeeds(t.docs).collection(a.tenantId, ws);
    const path = `/workspaces/${ws}/documents/${docId}/digest`;

    const stored = new Y.Doc();
    for (const u of (await t.docs.load({ workspaceId: ws, docId })).updates) {
      Y.applyUpdate(stored, u.update);
    }
    const expected = await documentDigest(stored);

    const viewer = await memberOf(t, a.token, ws, 'viewer');
    for (const token of [a.token, viewer]) {
      const res = await t.call('GET', path, { token });
      expect(res.status).toBe(200);
      expect(res.body).toEqual(expected);
    }

    // a member of the tenant, but not of this workspace; an admin of another tenant
    const outsider = await memberOf(t, a.token, other, 'admin');
    const stranger = await t.signup('Elsewhere');
    for (const token of [outsider, stranger.token]) {
      const res = await t.call('GET', path, { token });
      expect([res.status, res.body.error.code]).toEqual([404, 'RESOURCE_NOT_FOUND']);
    }
    const unknown = await t.call('GET', `/workspaces/${ws}/documents/${newId()}/digest`, {
      token: viewer,
    });
    expect(unknown.status).toBe(404);
    expect((await t.call('GET', path)).status).toBe(401);
  });
});
