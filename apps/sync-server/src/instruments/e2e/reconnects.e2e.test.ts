import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AgentClient, SimulatedAgent, roverSimulator } from '@fieldbook/agent';
import { startIdentityServer, type IdentityServer } from '../../api/e2e/serverKit';
import { CuttingProxy } from '../../agents/testing/cuttingProxy';
import {
  commandIn,
  instrumentId,
  operatorsTenant,
  scratch,
  spawnAgent,
  until,
} from './instrumentKit';

let s: IdentityServer;
let t: Awaited<ReturnType<typeof operatorsTenant>>;
const cleanups: (() => unknown)[] = [];
beforeEach(async () => {
  s = await startIdentityServer();
  t = await operatorsTenant(s);
});
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  await s.close();
});

function buffer() {
  const b = scratch('fb-reconnect-e2e-');
  cleanups.push(b.cleanup);
  return b.dir;
}

const command = (id: string, body: unknown, token = t.members.contributor.token) =>
  s.call('POST', `/instruments/${id}/commands`, { token, body });

/** Audit entries of one resource, oldest first. */
async function auditOf(resourceId: string) {
  const r = await s.call('GET', `/audit?resourceId=${resourceId}&limit=200`, {
    token: t.admin.token,
  });
  return (r.body.items as { action: string }[]).map((e) => e.action).reverse();
}

describe('commands across disconnects and restarts', () => {
  it('expires a command whose agent stays offline, and never delivers it when the agent returns', async () => {
    const dir = buffer();
    const first = spawnAgent('rover', { port: s.port, key: t.agentKey, bufferDir: dir });
    await first.connected();
    const rover = await instrumentId(s, t.admin.token, t.ws, 'rover');
    await first.kill('SIGTERM');
    await until(
      async () =>
        (await s.call('GET', `/instruments/${rover}`, { token: t.admin.token })).body.connection ===
        'OFFLINE',
      'the rover to be OFFLINE',
    );
    const r = await command(rover, {
      command: 'camera.mode',
      params: { mode: 'science' },
      expiresInSec: 1,
    });
    expect(r.body.state).toBe('released');
    const expired = await commandIn(s, t.admin.token, r.body.id, ['expired'], 5_000);
    expect(expired.reason).toMatch(/did not acknowledge/);
    expect(expired.transitions.at(-1)!.by.type).toBe('system');
    const again = spawnAgent('rover', { port: s.port, key: t.agentKey, bufferDir: dir });
    cleanups.push(() => again.kill());
    await again.connected(1);
    await new Promise((x) => setTimeout(x, 500));
    const after = await commandIn(s, t.admin.token, r.body.id, ['expired']);
    expect(after.transitions.map((x) => x.to)).toEqual(['queued', 'released', 'expired']);
    expect(await auditOf(r.body.id)).toEqual([
      'command.request',
      'command.release',
      'command.expire',
    ]);
  }, 40_000);

  it('an agent killed in the middle of a command and restarted reports exactly one result', async () => {
    const dir = buffer();
    const first = spawnAgent('rover', { port: s.port, key: t.agentKey, bufferDir: dir });
    cleanups.push(() => first.kill());
    await first.connected();
    const rover = await instrumentId(s, t.admin.token, t.ws, 'rover');
    const r = await command(rover, { command: 'drive.move', params: { meters: 5, speed: 0.5 } });
    await commandIn(s, t.admin.token, r.body.id, ['in_progress']);
    await first.kill('SIGKILL');
    const second = spawnAgent('rover', { port: s.port, key: t.agentKey, bufferDir: dir });
    cleanups.push(() => second.kill());
    const done = await commandIn(s, t.admin.token, r.body.id, ['failed', 'succeeded'], 20_000);
    expect(done.state).toBe('failed');
    expect(done.error).toMatchObject({ code: 'INTERRUPTED' });
    await new Promise((x) => setTimeout(x, 1_000));
    const later = await commandIn(s, t.admin.token, r.body.id, ['failed']);
    expect(later.transitions.map((x) => x.to)).toEqual([
      'queued',
      'released',
      'acknowledged',
      'in_progress',
      'failed',
    ]);
    expect((await auditOf(r.body.id)).filter((a) => a === 'command.fail')).toHaveLength(1);
  }, 40_000);

  it('delivers a result produced while disconnected once, even when the first delivery is not acknowledged', async () => {
    const proxy = new CuttingProxy(s.port);
    const proxyPort = await proxy.listen();
    cleanups.push(() => proxy.close());
    const client = new AgentClient({
      url: `ws://127.0.0.1:${proxyPort}/agents`,
      key: t.agentKey,
      agentId: 'rover-proxied',
      manifest: { instruments: [roverSimulator().instrument] },
      bufferDir: buffer(),
      backoffInitialMs: 50,
      backoffMaxMs: 200,
    });
    const sim = new SimulatedAgent({ client, sim: roverSimulator(), dir: buffer(), agentId: 'p' });
    cleanups.push(() => client.stop());
    let connects = 0;
    client.on('welcome', () => connects++);
    client.start();
    await until(() => connects === 1, 'connect');
    const rover = await instrumentId(s, t.admin.token, t.ws, 'rover');
    const r = await command(rover, { command: 'drive.move', params: { meters: 0.5, speed: 0.5 } });
    await commandIn(s, t.admin.token, r.body.id, ['in_progress']);
    proxy.linkDown();
    // The drive finishes (1 s) while the link is down; the result waits in the outbox.
    await until(
      () => client.outbox.pending().some((e) => e.body.type === 'command.result'),
      'result in the outbox',
      5_000,
    );
    expect((await commandIn(s, t.admin.token, r.body.id, ['in_progress'])).state).toBe(
      'in_progress',
    );
    proxy.linkUp();
    await until(() => connects >= 2, 'reconnect');
    const done = await commandIn(s, t.admin.token, r.body.id, ['succeeded']);
    await until(() => client.outbox.pending().length === 0, 'outbox drained');
    // Now lose the acknowledgement of a resent result: the server must keep one result.
    proxy.passReplies(false);
    const resend = client.report({
      type: 'command.result',
      commandId: r.body.id,
      outcome: 'success',
      output: { meters: 99 },
    });
    await new Promise((x) => setTimeout(x, 200));
    proxy.linkDown();
    proxy.passReplies(true);
    proxy.linkUp();
    await until(() => connects >= 3, 'second reconnect');
    await until(() => !client.outbox.pending().some((e) => e.msgId === resend.msgId), 'acked');
    const final = await commandIn(s, t.admin.token, r.body.id, ['succeeded']);
    expect(final.output).toEqual(done.output);
    expect(final.transitions.filter((x) => x.to === 'succeeded')).toHaveLength(1);
    expect((await auditOf(r.body.id)).filter((a) => a === 'command.succeed')).toHaveLength(1);
    expect(sim.state).toBe('idle');
  }, 40_000);

  it('stores a run exactly once however often its reports are resent across reconnects', async () => {
    const proxy = new CuttingProxy(s.port);
    const proxyPort = await proxy.listen();
    cleanups.push(() => proxy.close());
    const dir = buffer();
    const make = () =>
      new AgentClient({
        url: `ws://127.0.0.1:${proxyPort}/agents`,
        key: t.agentKey,
        agentId: 'rover-runs',
        manifest: { instruments: [roverSimulator().instrument] },
        bufferDir: dir,
        backoffInitialMs: 50,
        backoffMaxMs: 200,
      });
    const client = make();
    const runs = new SimulatedAgent({ client, sim: roverSimulator(), dir: buffer(), agentId: 'r' });
    cleanups.push(() => client.stop());
    let connects = 0;
    client.on('welcome', () => connects++);
    client.start();
    await until(() => connects === 1, 'connect');
    const rover = await instrumentId(s, t.admin.token, t.ws, 'rover');
    proxy.passReplies(false);
    const runKey = runs.startRun('traverse', 600, 'Ada');
    await new Promise((x) => setTimeout(x, 200));
    proxy.linkDown();
    proxy.passReplies(true);
    proxy.linkUp();
    await until(() => connects >= 2, 'reconnect');
    await until(() => client.outbox.pending().length === 0, 'run.started acknowledged');
    runs.push(roverSimulator(2).sampleAt(Date.now()));
    proxy.passReplies(false);
    runs.finishRun('completed');
    await new Promise((x) => setTimeout(x, 200));
    proxy.linkDown();
    proxy.passReplies(true);
    proxy.linkUp();
    await until(() => connects >= 3, 'second reconnect');
    await until(() => client.outbox.pending().length === 0, 'run.finished acknowledged');
    await client.stop();
    // A restarted agent with the same buffer resends nothing that was acknowledged.
    const restarted = make();
    cleanups.push(() => restarted.stop());
    restarted.start();
    await new Promise((x) => setTimeout(x, 500));
    const list = await s.call('GET', `/instruments/${rover}/runs`, { token: t.admin.token });
    const mine = (list.body.items as { runKey: string; id: string; status: string }[]).filter(
      (r) => r.runKey === runKey,
    );
    expect(mine).toHaveLength(1);
    expect(mine[0]!.status).toBe('completed');
    expect(await auditOf(mine[0]!.id)).toEqual(['run.start', 'run.finish']);
  }, 40_000);
});
