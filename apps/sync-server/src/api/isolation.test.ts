import { describe, expect, it } from 'vitest';
import { newId } from '@fieldbook/shared';
import { randomToken } from '../identity/secrets';
import { randomSha } from './testKit';
import { ISOLATION_PROBES, type ForeignIds } from './isolationProbes';
import { openTestApi, type TestApi } from './testKit';
import { instrumentSeeds } from '../instruments/testing/instrumentSeeds';
import { documentSeeds } from '../history/testing/documentSeeds';

/** Tenant A with a workspace, a second member, a key and an open invitation. */
async function tenantWithResources(t: TestApi) {
  const a = await t.signup('A');
  const ws = await t.call('POST', '/workspaces', { token: a.token, body: { name: 'Secret' } });
  const inv = await t.call('POST', `/workspaces/${ws.body.id}/invitations`, {
    token: a.token,
    body: { role: 'viewer' },
  });
  const inv2 = await t.call('POST', `/workspaces/${ws.body.id}/invitations`, {
    token: a.token,
    body: { role: 'viewer' },
  });
  const member = await t.call('POST', '/invitations/accept', {
    body: {
      token: inv2.body.token,
      email: `member-${newId()}@a.org`,
      password: 'member password 1',
      name: 'M',
    },
  });
  const key = await t.call('POST', '/api-keys', {
    token: a.token,
    body: { name: 'ci', workspaceId: ws.body.id, access: 'write' },
  });
  const blob = await t.call('POST', `/workspaces/${ws.body.id}/blobs`, {
    token: a.token,
    body: new TextEncoder().encode('tenant A only'),
  });
  const seeds = instrumentSeeds(t.telemetry, t.instruments.store);
  const { instrumentId, channelId } = await seeds.instrument(a.tenantId, ws.body.id);
  const ids: ForeignIds = {
    workspaceId: ws.body.id,
    userId: member.body.userId,
    apiKeyId: key.body.apiKey.id,
    invitationToken: inv.body.token,
    invitationId: inv.body.invitation.id,
    blobSha256: blob.body.sha256,
    channelId,
    instrumentId,
    commandId: await seeds.awaitingCommand(a.tenantId, ws.body.id, instrumentId),
    runId: await seeds.runningRun(a.tenantId, ws.body.id, instrumentId),
    documentId: (await documentSeeds(t.docs).collection(a.tenantId, ws.body.id)).docId,
  };
  return { a, ids, key: key.body.key as string };
}

const withoutRequestId = (body: { error: Record<string, unknown> }) => ({
  ...body.error,
  requestId: undefined,
});

describe('tenant isolation', () => {
  it("answers every id-taking route with another tenant's ids exactly as with random ids", async () => {
    const t = await openTestApi();
    const { ids } = await tenantWithResources(t);
    const b = await t.signup('B');
    const own = await t.call('POST', '/workspaces', { token: b.token, body: { name: 'Mine' } });
    const random: ForeignIds = {
      workspaceId: newId(),
      userId: newId(),
      apiKeyId: newId(),
      invitationToken: randomToken(),
      invitationId: newId(),
      channelId: newId(),
      instrumentId: newId(),
      blobSha256: randomSha(),
      commandId: newId(),
      runId: newId(),
      documentId: newId(),
    };
    for (const probe of ISOLATION_PROBES) {
      const foreignReq = probe.request(ids, { workspaceId: own.body.id });
      const randomReq = probe.request(random, { workspaceId: own.body.id });
      const foreign = await t.call(foreignReq.method, foreignReq.path, {
        token: b.token,
        body: foreignReq.body,
      });
      const unknown = await t.call(randomReq.method, randomReq.path, {
        token: b.token,
        body: randomReq.body,
      });
      expect([probe.name, foreign.status]).toEqual([probe.name, 404]);
      expect([probe.name, withoutRequestId(foreign.body)]).toEqual([
        probe.name,
        withoutRequestId(unknown.body),
      ]);
    }
  });

  it('lists nothing of another tenant: workspaces, keys, audit', async () => {
    const t = await openTestApi();
    const { a, ids } = await tenantWithResources(t);
    const b = await t.signup('B');
    const lists = await Promise.all([
      t.call('GET', '/workspaces?archived=true', { token: b.token }),
      t.call('GET', '/api-keys', { token: b.token }),
      t.call('GET', '/audit?limit=500', { token: b.token }),
      t.call('GET', '/audit/export?format=csv', { token: b.token }),
    ]);
    const text = JSON.stringify(lists.map((l) => l.body));
    for (const id of [a.tenantId, a.userId, ids.workspaceId, ids.userId, ids.apiKeyId])
      expect(text).not.toContain(id);
    expect(lists[2]!.body.items.every((e: { tenantId: string }) => e.tenantId === b.tenantId)).toBe(
      true,
    );
    const verify = await t.call('GET', '/audit/verify', { token: b.token });
    expect(verify.body).toMatchObject({ ok: true });
  });

  it("does not let tenant A's key reach tenant B's workspace", async () => {
    const t = await openTestApi();
    const { key } = await tenantWithResources(t);
    const b = await t.signup('B');
    const bws = await t.call('POST', '/workspaces', { token: b.token, body: { name: 'B ws' } });
    const viaKey = await t.call('GET', `/workspaces/${bws.body.id}`, { token: key });
    const random = await t.call('GET', `/workspaces/${newId()}`, { token: key });
    expect(viaKey.status).toBe(404);
    expect(withoutRequestId(viaKey.body)).toEqual(withoutRequestId(random.body));
  });
});
