import { afterEach, expect, it } from 'vitest';
import { AgentClient, roverSimulator } from '@fieldbook/agent';
import { startIdentityServer, type IdentityServer } from '../../api/e2e/serverKit';
import { instrumentId, liveViewer, operatorsTenant, scratch, until } from './instrumentKit';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

it('tells live viewers when an instrument comes ONLINE, goes STALE when silent and OFFLINE when gone, with its state and alarms', async () => {
  const s: IdentityServer = await startIdentityServer({}, { AGENT_OFFLINE_AFTER_MS: '1000' });
  cleanups.push(() => s.close());
  const t = await operatorsTenant(s);
  const viewer = await liveViewer(s.port, t.ws, t.members.viewer.token);
  cleanups.push(() => viewer.close());
  const buf = scratch('fb-live-status-');
  cleanups.push(buf.cleanup);
  const client = new AgentClient({
    url: `ws://127.0.0.1:${s.port}/agents`,
    key: t.agentKey,
    agentId: 'rover-live',
    manifest: { instruments: [roverSimulator().instrument] },
    bufferDir: buf.dir,
    heartbeatMs: 60_000,
  });
  cleanups.push(() => client.stop());
  client.start();
  await new Promise<void>((resolve) => client.once('welcome', () => resolve()));
  const id = await instrumentId(s, t.admin.token, t.ws, 'rover');
  client.sendStatus('rover', 'error', [
    { id: 'motor.hot', severity: 'critical', message: 'Motor above 85 °C' },
  ]);
  const statuses = () =>
    viewer.messages.flatMap((m) =>
      m.type === 'instrument' && m.instrument.id === id ? [m.instrument] : [],
    );
  await until(() => statuses().some((x) => x.state === 'error'), 'the error state');
  expect(statuses().find((x) => x.state === 'error')!.alarms).toEqual([
    { id: 'motor.hot', severity: 'critical', message: 'Motor above 85 °C' },
  ]);
  // No heartbeat for half the offline time: STALE; for all of it: OFFLINE (and the socket closes).
  await until(() => statuses().some((x) => x.connection === 'STALE'), 'STALE', 5_000);
  await until(() => statuses().some((x) => x.connection === 'OFFLINE'), 'OFFLINE', 5_000);
  const order = statuses().map((x) => x.connection);
  expect(order.indexOf('STALE')).toBeLessThan(order.lastIndexOf('OFFLINE'));
  const rest = await s.call('GET', `/instruments/${id}`, { token: t.members.viewer.token });
  expect(rest.body.connection).toBe('OFFLINE');
  // Another workspace's viewer hears nothing of it.
  const other = await s.call('POST', '/workspaces', {
    token: t.admin.token,
    body: { name: 'Other' },
  });
  const otherViewer = await liveViewer(s.port, other.body.id, t.admin.token);
  cleanups.push(() => otherViewer.close());
  client.sendStatus('rover', 'idle');
  await new Promise((r) => setTimeout(r, 1500));
  expect(otherViewer.messages.filter((m) => m.type === 'instrument')).toEqual([]);
}, 30_000);
