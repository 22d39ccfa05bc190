import { newId } from '@fieldbook/shared';
import { afterEach, expect, it } from 'vitest';
import { AgentLinks, type AgentCommandMessage, type AgentSession } from '../instruments/agentLink';
import { createLogger } from '../log';
import { waitFor } from '../testing/harness';
import { openCluster, type Cluster } from './cluster';
import { privateRedis } from './testing';

const open: Cluster[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.close()));
});

/** A node's AgentLinks; `here` lists the agents connected to it, `got` what they were sent. */
async function node(url: string, here: string[]) {
  const cluster = await openCluster(url, createLogger('silent'));
  open.push(cluster);
  const links = new AgentLinks();
  const got: { agentId: string; message: AgentCommandMessage }[] = [];
  const redelivered: string[] = [];
  links.add({
    send(_tenantId, agentId, message) {
      if (!here.includes(agentId)) return false;
      got.push({ agentId, message });
      return true;
    },
  });
  links.share(cluster.commandRelay, (s) => redelivered.push(s.agentId));
  return { links, got, redelivered };
}

const request = (commandId: string): AgentCommandMessage => ({
  type: 'command.request',
  commandId,
  instrumentId: 'rover',
  command: 'camera.mode',
  params: { mode: 'science' },
  requestedBy: 'op',
  approvedBy: null,
  expiresAt: 4_102_444_800_000,
});

it('relays commands to the node holding the agent only while it does, and has its open commands resent after Redis comes back', async () => {
  const redis = await privateRedis(6392);
  try {
    const tenantId = newId();
    const session: AgentSession = { tenantId, agentId: 'rover-1', keyId: 'k', workspaceId: null };
    const a = await node(redis.url, ['rover-1', 'rover-2']);
    const b = await node(redis.url, []);
    await a.links.opened(session);

    expect(b.links.send(tenantId, 'rover-1', request('c1'))).toBe(false);
    await waitFor(() => a.got.length === 1, 'the command at node A');
    expect(a.got[0]).toEqual({ agentId: 'rover-1', message: request('c1') });

    await redis.stop();
    await redis.start();
    await waitFor(() => a.redelivered.includes('rover-1'), 'open commands resent at node A');
    expect(b.redelivered).toEqual([]);

    // Another tenant's agent of the same id is another channel; a session A let go gets nothing.
    b.links.send(newId(), 'rover-1', request('c2'));
    a.links.closed(session);
    b.links.send(tenantId, 'rover-1', request('c3'));
    await a.links.opened({ ...session, agentId: 'rover-2' });
    b.links.send(tenantId, 'rover-2', {
      type: 'command.cancel',
      commandId: 'c5',
      instrumentId: 'rover',
      reason: 'stop',
    });
    await waitFor(() => a.got.length > 1, 'the cancel at node A');
    // B published in order, so c2 and c3 would have come before c5.
    expect(a.got.map((g) => [g.agentId, g.message.commandId])).toEqual([
      ['rover-1', 'c1'],
      ['rover-2', 'c5'],
    ]);
  } finally {
    await redis.stop();
  }
}, 30_000);
