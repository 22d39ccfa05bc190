import { expect, it } from 'vitest';
import { openTestApi } from '../api/testKit';
import { closeAgentsOnKeyRevocation, identityAgentAuthenticator } from './agentKeys';

it('admits agent keys only, scoped by the key, and closes agents when their key is revoked', async () => {
  const t = await openTestApi();
  const a = await t.signup();
  const ws = (await t.call('POST', '/workspaces', { token: a.token, body: { name: 'Rover' } })).body
    .id;
  const agentKey = await t.call('POST', '/api-keys', {
    token: a.token,
    body: { name: 'rover', workspaceId: ws, access: 'write', agent: true },
  });
  const plainKey = await t.call('POST', '/api-keys', {
    token: a.token,
    body: { name: 'ci', workspaceId: ws, access: 'write' },
  });
  const authenticate = identityAgentAuthenticator(t.identity);
  expect(await authenticate(agentKey.body.key)).toEqual({
    tenantId: a.tenantId,
    keyId: agentKey.body.apiKey.id,
    workspaceId: ws,
  });
  expect(await authenticate(plainKey.body.key)).toBeNull();
  expect(await authenticate(a.token)).toBeNull();

  const closed: string[] = [];
  const stop = closeAgentsOnKeyRevocation(t.identity, {
    closeKey: (tenantId, keyId) => closed.push(`${tenantId}/${keyId}`),
  });
  await t.call('DELETE', `/api-keys/${agentKey.body.apiKey.id}`, { token: a.token });
  expect(closed).toEqual([`${a.tenantId}/${agentKey.body.apiKey.id}`]);
  expect(await authenticate(agentKey.body.key)).toBeNull();
  stop();
});
