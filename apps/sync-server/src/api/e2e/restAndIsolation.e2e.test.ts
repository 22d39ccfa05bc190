import { documentSeeds } from '../../history/testing/documentSeeds';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, newId } from '@fieldbook/shared';
import { randomToken } from '../../identity/secrets';
import { ISOLATION_PROBES, type ForeignIds } from '../isolationProbes';
import { randomSha } from '../testKit';
import { REST_ACTION_CASES } from '../restActionCases';
import { runRestMatrix } from '../restMatrix';
import { instrumentSeeds } from '../../instruments/testing/instrumentSeeds';
import { tenantWithRoles } from './fixtures';
import { openRaw } from './rawSync';
import { startIdentityServer, type IdentityServer } from './serverKit';

let s: IdentityServer;
beforeAll(async () => {
  s = await startIdentityServer();
});
afterAll(async () => {
  const leaked = s.leakedSecrets();
  await s.close();
  expect(leaked).toEqual([]);
});

const errorWithoutId = (body: { error: Record<string, unknown> }) => ({
  ...body.error,
  requestId: undefined,
});

describe('REST authorization matrix over HTTP', () => {
  it('answers every role × every guarded route as the permission matrix says', async () => {
    const outcomes = await runRestMatrix(
      (m, p, o) => s.call(m, p, o),
      newId().slice(-8),
      instrumentSeeds(s.telemetry, s.server.agents.instruments.store),
      documentSeeds(s.server.store),
    );
    expect(outcomes).toHaveLength(ROLES.length * REST_ACTION_CASES.length);
    const wrong = outcomes.filter((o) =>
      o.expected === 'allow'
        ? o.status >= 300
        : o.status !== 403 ||
          (o.body as { error: { code: string } }).error.code !== 'AUTH_INSUFFICIENT_PERMISSIONS',
    );
    expect(wrong.map((o) => `${o.role} ${o.case.name}: ${o.status}`)).toEqual([]);
  });
});

describe('tenant isolation over HTTP and sync', () => {
  it("gives tenant B the same 404 for tenant A's ids as for random ids, and nothing in lists", async () => {
    const a = await tenantWithRoles(s);
    const b = await tenantWithRoles(s);
    const inv = await s.call('POST', `/workspaces/${a.ws}/invitations`, {
      token: a.admin.token,
      body: { role: 'viewer' },
    });
    const key = await s.call('POST', '/api-keys', {
      token: a.admin.token,
      body: { name: 'k', workspaceId: a.ws, access: 'write' },
    });
    const blob = await s.call('POST', `/workspaces/${a.ws}/blobs`, {
      token: a.admin.token,
      body: new TextEncoder().encode('tenant A only'),
    });
    expect(blob.status).toBe(201);
    const seeds = instrumentSeeds(s.telemetry, s.server.agents.instruments.store);
    const { instrumentId, channelId } = await seeds.instrument(a.admin.tenantId, a.ws);
    const foreign: ForeignIds = {
      workspaceId: a.ws,
      userId: a.members.viewer.userId,
      apiKeyId: key.body.apiKey.id,
      invitationToken: inv.body.token,
      invitationId: inv.body.invitation.id,
      blobSha256: blob.body.sha256,
      channelId,
      instrumentId,
      commandId: await seeds.awaitingCommand(a.admin.tenantId, a.ws, instrumentId),
      runId: await seeds.runningRun(a.admin.tenantId, a.ws, instrumentId),
      documentId: (await documentSeeds(s.server.store).collection(a.admin.tenantId, a.ws)).docId,
    };
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
      const fr = probe.request(foreign, { workspaceId: b.ws });
      const rr = probe.request(random, { workspaceId: b.ws });
      const [f, r] = [
        await s.call(fr.method, fr.path, { token: b.admin.token, body: fr.body }),
        await s.call(rr.method, rr.path, { token: b.admin.token, body: rr.body }),
      ];
      expect([probe.name, f.status]).toEqual([probe.name, 404]);
      expect([probe.name, errorWithoutId(f.body)]).toEqual([probe.name, errorWithoutId(r.body)]);
    }
    const lists = [
      await s.call('GET', '/workspaces?archived=true', { token: b.admin.token }),
      await s.call('GET', '/api-keys', { token: b.admin.token }),
      await s.call('GET', '/audit?limit=500', { token: b.admin.token }),
      await s.call('GET', '/audit/export?format=csv', { token: b.admin.token }),
      await s.call('GET', '/audit/export?format=json', { token: b.admin.token }),
    ];
    const text = JSON.stringify(lists.map((l) => l.body));
    for (const id of [a.admin.tenantId, a.ws, a.admin.userId, key.body.apiKey.id])
      expect(text).not.toContain(id);

    const docId = newId();
    const owner = s.connect(a.ws, docId, { token: a.members.contributor.token });
    await owner.synced();
    owner.doc.getMap('m').set('secret', 'A only');
    const syncForeign = openRaw(s.port, a.ws, docId, ['fieldbook.v1', `bearer.${b.admin.token}`]);
    const syncRandom = openRaw(s.port, newId(), newId(), [
      'fieldbook.v1',
      `bearer.${b.admin.token}`,
    ]);
    const closes = await Promise.all([syncForeign.closed, syncRandom.closed]);
    expect(closes.map((c) => c.code)).toEqual([4404, 4404]);
    // The same id in B's own workspace is B's own (new, empty) document.
    const syncOwnWs = s.connect(b.ws, docId, { token: b.admin.token });
    await syncOwnWs.synced();
    expect(syncOwnWs.doc.getMap('m').toJSON()).toEqual({});
  });
});
