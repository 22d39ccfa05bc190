import type { CommandState } from '@fieldbook/shared';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startIdentityServer, type IdentityServer } from '../api/e2e/serverKit';
import { TEST_SECRET } from '../api/testKit';
import {
  commandIn,
  type CommandWithTransitions,
  instrumentId,
  liveViewer,
  operatorsTenant,
  scratch,
  spawnAgent,
  until,
} from '../instruments/e2e/instrumentKit';
import { createTestDatabase, type TestDatabase } from '../postgres/testing';
import { spawnServer, type ServerProcess } from '../testing/serverProcess';
import { tempDir } from '../testing/harness';
import { TEST_REDIS_URL } from './testing';

// Node A (this process) and node B (a child process) on one PostgreSQL database and one Redis.
let database: TestDatabase;
let a: IdentityServer;
let b: ServerProcess;
const cleanups: (() => unknown)[] = [];
beforeAll(async () => {
  database = await createTestDatabase();
  const shared = { DATABASE_URL: database.url, REDIS_URL: TEST_REDIS_URL };
  a = await startIdentityServer({}, shared);
  const data = tempDir('fieldbook-node-b-');
  cleanups.push(data.cleanup);
  b = await spawnServer(data.dir, {
    AUTH_MODE: 'tenant',
    FIELDBOOK_SECRET: TEST_SECRET,
    ...shared,
  });
}, 60_000);
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
  if (b) {
    const exited = new Promise((resolve) => b.child.once('exit', resolve));
    b.child.kill('SIGTERM');
    await exited;
  }
  await a?.close();
  await database?.drop();
});

it('shows a viewer on node B the status, command progress and going offline of an agent connected to node A', async () => {
  const t = await operatorsTenant(a);
  const viewer = await liveViewer(b.port, t.ws, t.members.viewer.token);
  cleanups.push(() => viewer.close());
  const buffer = scratch('fb-nodes-agent-');
  cleanups.push(buffer.cleanup);
  const agent = spawnAgent('rover', { port: a.port, key: t.agentKey, bufferDir: buffer.dir });
  cleanups.push(() => agent.kill('SIGKILL'));
  await agent.connected();
  const rover = await instrumentId(a, t.admin.token, t.ws, 'rover');
  const seen: string[] = [];
  const record = () => {
    seen.length = 0;
    for (const m of viewer.messages) {
      if (m.type === 'instrument' && m.instrument.id === rover) seen.push(m.instrument.connection);
      if (m.type === 'command') seen.push(`command:${m.command.state}`);
    }
    return seen;
  };
  await until(() => record().includes('ONLINE'), 'ONLINE at node B');

  const r = await a.call('POST', `/instruments/${rover}/commands`, {
    token: t.members.contributor.token,
    body: { command: 'camera.mode', params: { mode: 'science' } },
  });
  expect(r.status).toBe(201);
  await commandIn(a, t.admin.token, r.body.id, ['succeeded']);
  await until(() => record().includes('command:succeeded'), 'command progress at node B');

  await agent.kill('SIGTERM');
  await until(() => record().includes('OFFLINE'), 'OFFLINE at node B');
  const order = record();
  expect(order.filter((x) => x.startsWith('command:'))).toEqual([
    'command:released',
    'command:acknowledged',
    'command:succeeded',
  ]);
  expect(order.indexOf('ONLINE')).toBeLessThan(order.indexOf('command:released'));
  expect(order.indexOf('command:succeeded')).toBeLessThan(order.lastIndexOf('OFFLINE'));
}, 60_000);

it('delivers a command POSTed on node B to the agent connected to node A at once, and its cancel, with results visible through node B', async () => {
  const t = await operatorsTenant(a);
  const buffer = scratch('fb-nodes-relay-');
  cleanups.push(buffer.cleanup);
  const agent = spawnAgent('rover', {
    port: a.port,
    key: t.agentKey,
    bufferDir: buffer.dir,
    agentId: 'rover-relayed',
  });
  cleanups.push(() => agent.kill('SIGKILL'));
  await agent.connected();
  const rover = await instrumentId(a, t.admin.token, t.ws, 'rover');
  const onB = async (method: string, path: string, token: string, body?: unknown) => {
    const res = await fetch(`http://127.0.0.1:${b.port}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as CommandWithTransitions };
  };
  const inStateOnB = async (id: string, states: CommandState[]) => {
    let last: CommandWithTransitions | null = null;
    await until(
      async () => {
        last = (await onB('GET', `/commands/${id}`, t.admin.token)).body;
        return states.includes(last.state);
      },
      `command ${id} at node B to be ${states.join('/')}`,
    );
    return last!;
  };
  const requestOnB = async (body: { command: string; params: Record<string, unknown> }) => {
    const r = await onB(
      'POST',
      `/instruments/${rover}/commands`,
      t.members.contributor.token,
      body,
    );
    expect(r.status).toBe(201);
    return r.body.id;
  };

  // Without the relay node B could only store these: the agent would hear of them on its next connect.
  const mode = await requestOnB({ command: 'camera.mode', params: { mode: 'science' } });
  const done = await inStateOnB(mode, ['succeeded']);
  expect(done.acknowledgedAt! - done.releasedAt!).toBeLessThan(1_000);

  const drive = await requestOnB({ command: 'drive.move', params: { meters: 10, speed: 0.5 } });
  await inStateOnB(drive, ['in_progress']);
  const askedAt = Date.now();
  const c = await onB('POST', `/commands/${drive}/cancel`, t.members.reviewer.token, {
    reason: 'Obstacle',
  });
  expect(c.status).toBe(200);
  const cancelled = await inStateOnB(drive, ['cancelled']);
  expect(cancelled.error).toMatchObject({ code: 'CANCELLED' });
  expect(cancelled.finishedAt! - askedAt).toBeLessThan(1_000);
}, 60_000);
