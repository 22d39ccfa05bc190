import { can } from '@fieldbook/shared';
import { describe, expect, it } from 'vitest';
import { openTestApi } from './testKit';

describe('an archived workspace', () => {
  it('is read-only for everyone, its admin included, until it is unarchived', async () => {
    const t = await openTestApi();
    const a = await t.signup();
    const ws = await t.call('POST', '/workspaces', { token: a.token, body: { name: 'Old' } });
    const path = `/workspaces/${ws.body.id}`;
    const changed: string[] = [];
    t.identity.events.on('workspace.changed', (e) => changed.push(e.workspaceId));

    expect((await t.call('DELETE', path, { token: a.token })).body.archivedAt).toBeTypeOf('number');
    expect(changed).toEqual([ws.body.id]);
    const principal = await t.identity.authenticate(a.token);
    const grant = (await t.identity.access.grantFor(principal, ws.body.id))!.grant;
    expect(grant.role).toBe('viewer');
    expect(can(grant, 'sync.write')).toBe(false);
    expect((await t.call('GET', path, { token: a.token })).status).toBe(200);
    for (const [method, route, body] of [
      ['PATCH', path, { name: 'Renamed' }],
      ['POST', `${path}/invitations`, { role: 'viewer' }],
      ['POST', '/api-keys', { name: 'k', workspaceId: ws.body.id, access: 'write' }],
    ] as const) {
      const res = await t.call(method, route, { token: a.token, body });
      expect([route, res.status, res.body.error?.code]).toEqual([
        route,
        403,
        'AUTH_INSUFFICIENT_PERMISSIONS',
      ]);
    }

    const back = await t.call('PATCH', path, { token: a.token, body: { archived: false } });
    expect(back.body.archivedAt).toBeNull();
    expect(changed).toHaveLength(2);
    const renamed = await t.call('PATCH', path, { token: a.token, body: { name: 'Renamed' } });
    expect(renamed.body.name).toBe('Renamed');
  });
});
