import { describe, expect, it } from 'vitest';
import { newId } from '@fieldbook/shared';
import { batchOf } from '../../telemetry/testBatches';
import { openTestApi } from '../testKit';

const T0 = 1_760_000_000_000;
const MANIFEST = {
  instruments: [
    {
      id: 'rover',
      name: 'Rover',
      channels: [{ id: 'volt', dataType: 'f64' as const, unit: 'V' }],
      commands: [],
    },
  ],
};

/** A tenant with a workspace, a viewer in it, and a rover channel holding 1000 samples with one spike. */
async function roverTenant() {
  const t = await openTestApi();
  const admin = await t.signup('Lab');
  const ws = await t.call('POST', '/workspaces', { token: admin.token, body: { name: 'Ops' } });
  const other = await t.call('POST', '/workspaces', { token: admin.token, body: { name: 'Else' } });
  const channels = await t.telemetry.registerManifest(
    admin.tenantId,
    ws.body.id,
    'agent-1',
    MANIFEST,
  );
  const samples = Array.from({ length: 1000 }, (_, i) => ({
    ch: 'volt',
    t: T0 + i * 10,
    value: i === 500 ? 99 : i % 7,
  }));
  await t.telemetry.ingest(
    batchOf({ tenantId: admin.tenantId, agentId: 'agent-1', stream: 's' }, 1, samples),
  );
  const inv = await t.call('POST', `/workspaces/${other.body.id}/invitations`, {
    token: admin.token,
    body: { role: 'viewer' },
  });
  const email = `outsider-${newId()}@lab.org`;
  await t.call('POST', '/invitations/accept', {
    body: { token: inv.body.token, email, password: 'outsider password', name: 'O' },
  });
  const login = await t.call('POST', '/auth/login', {
    body: { email, password: 'outsider password' },
  });
  return {
    t,
    admin,
    ws: ws.body.id as string,
    channelId: channels.get('volt')!.id,
    outsider: login.body.accessToken as string,
  };
}

describe('telemetry REST routes', () => {
  it('lists channels and instruments of the workspace and decimates samples to the budget', async () => {
    const { t, admin, ws, channelId } = await roverTenant();
    const ch = await t.call('GET', `/workspaces/${ws}/channels`, { token: admin.token });
    expect(ch.status).toBe(200);
    expect(ch.body.items).toMatchObject([{ id: channelId, key: 'volt', unit: 'V' }]);
    expect(ch.body.items[0].tenantId).toBeUndefined();
    const ins = await t.call('GET', `/workspaces/${ws}/instruments`, { token: admin.token });
    expect(ins.body.items).toMatchObject([{ key: 'rover', name: 'Rover' }]);
    const one = await t.call('GET', `/instruments/${ins.body.items[0].id}`, { token: admin.token });
    expect(one.body).toMatchObject({ key: 'rover', workspaceId: ws });

    const res = await t.call(
      'GET',
      `/channels/${channelId}/samples?from=${T0}&to=${T0 + 9990}&maxPoints=50`,
      { token: admin.token },
    );
    expect(res.status).toBe(200);
    expect(res.body.start.length).toBeLessThanOrEqual(50);
    expect(res.body.count.reduce((a: number, b: number) => a + b, 0)).toBe(1000);
    expect(Math.max(...res.body.max)).toBe(99);
    expect(res.body.maxT[res.body.max.indexOf(99)]).toBe(T0 + 5000);
    expect(t.errors).toEqual([]);
  });

  it('refuses bad ranges with VALIDATION_ERROR and keeps channels of other workspaces hidden', async () => {
    const { t, admin, channelId, outsider } = await roverTenant();
    const bad = await t.call('GET', `/channels/${channelId}/samples?from=10&to=5`, {
      token: admin.token,
    });
    expect([bad.status, bad.body.error.code]).toEqual([400, 'VALIDATION_ERROR']);
    const huge = await t.call('GET', `/channels/${channelId}/samples?from=0&to=5&maxPoints=0`, {
      token: admin.token,
    });
    expect(huge.status).toBe(400);
    const hidden = await t.call('GET', `/channels/${channelId}/samples?from=0&to=5`, {
      token: outsider,
    });
    const unknown = await t.call('GET', `/channels/${newId()}/samples?from=0&to=5`, {
      token: outsider,
    });
    expect(hidden.status).toBe(404);
    expect({ ...hidden.body.error, requestId: 0 }).toEqual({ ...unknown.body.error, requestId: 0 });
    const anonymous = await t.call('GET', `/channels/${channelId}/samples?from=0&to=5`);
    expect(anonymous.status).toBe(401);
  });

  it('describes the routes in the OpenAPI document', async () => {
    const t = await openTestApi();
    const doc = await t.call('GET', '/openapi.json');
    for (const path of [
      '/workspaces/{ws}/channels',
      '/channels/{id}/samples',
      '/workspaces/{ws}/instruments',
      '/instruments/{id}',
    ])
      expect(Object.keys(doc.body.paths)).toContain(path);
  });
});
